"""A meeting's document that Sari removes: kept for the meeting's history, but no longer listed
on the meeting's page or served to anyone; only those who keep the task force may remove one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.gugus.models import MeetingDocument

pytestmark = pytest.mark.django_db
METRO = "18.72"


@pytest.fixture
def attendance(world: Any) -> MeetingDocument:
    """The demo's signed attendance list of a Kota Metro meeting."""
    return MeetingDocument.objects.get(
        meeting__region_id=METRO, title="Daftar hadir bertanda tangan"
    )


def test_sari_removes_a_document_that_then_is_neither_listed_nor_served(
    login: Callable[[str], Client], attendance: MeetingDocument, users: dict[str, Any]
) -> None:
    page = reverse("gugus:meeting", args=[attendance.meeting_id])
    download = reverse("gugus:meeting_document", args=[attendance.pk])
    remove = reverse("gugus:meeting_document_remove", args=[attendance.pk])
    budi = login("budi")
    assert download in budi.get(page).content.decode()
    assert budi.get(download).status_code == 200
    assert remove not in budi.get(page).content.decode()  # Budi reads but does not keep
    sari = login("sari")
    assert remove in sari.get(page).content.decode()

    response = sari.post(remove)
    assert response.status_code == 302
    assert response["Location"] == page
    assert download not in sari.get(page).content.decode()
    assert sari.get(download).status_code == 404
    budi = login("budi")
    assert download not in budi.get(page).content.decode()
    assert budi.get(download).status_code == 404
    kept = MeetingDocument.objects.get(pk=attendance.pk)  # the record stays for the history
    assert kept.removed_by == users["sari"]
    [event] = AuditEvent.objects.filter(action="gugus.meeting.document_remove")
    assert (event.object_type, event.object_id) == ("meeting", str(attendance.meeting_id))
    assert event.before["removed"] is False
    assert event.after["removed"] is True
    assert event.after["title"] == "Daftar hadir bertanda tangan"

    # Removing it again (a second tab) finds nothing: 404, and no second audit row.
    assert login("sari").post(remove).status_code == 404
    assert AuditEvent.objects.filter(action="gugus.meeting.document_remove").count() == 1


def test_an_officer_may_not_remove_a_meeting_document(
    login: Callable[[str], Client], attendance: MeetingDocument
) -> None:
    remove = reverse("gugus:meeting_document_remove", args=[attendance.pk])
    assert login("budi").post(remove).status_code == 403
    assert login("sari").get(remove).status_code == 405
    assert MeetingDocument.objects.get(pk=attendance.pk).removed_at is None
    assert not AuditEvent.objects.filter(action="gugus.meeting.document_remove").exists()
