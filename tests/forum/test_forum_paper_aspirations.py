"""Paper aspirations: at a meeting of Forum Anak Kota Metro a child writes on paper that the
park near school needs swings that work; Sekretariat Sari enters it, with the child's agreement,
as sent by the forum on the children's behalf and dated the day it was written. No child is
named; what the child wrote is read by the secretariat only, as any aspiration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.forum.models import Aspiration

pytestmark = pytest.mark.django_db
TEXT = "Taman di dekat sekolah perlu ayunan yang tidak rusak."


def _form(**changes: str) -> dict[str, str]:
    data = {
        "topic": "bermain",
        "text": TEXT,
        "place": "18.72.01.1001",
        "written_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "child_agreed": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v}


def test_sari_enters_a_paper_aspiration_from_the_forums_page(
    login: Callable[[str], Client], city_forum: Any, users: dict[str, Any]
) -> None:
    sari = login("sari")
    url = reverse("forum:paper_aspiration", args=[city_forum.pk])
    assert url in sari.get(reverse("forum:group", args=[city_forum.pk])).content.decode()
    page = sari.get(url).content.decode()
    assert "Nama anak tidak dicatat" in page

    response = sari.post(url, _form())
    assert response.status_code == 302
    aspiration = Aspiration.objects.get(text=TEXT)
    assert response["Location"] == reverse("forum:aspiration", args=[aspiration.pk])
    assert aspiration.forum == city_forum
    assert aspiration.on_behalf  # sent by the forum on the children's behalf
    assert aspiration.submitted_by == users["sari"]
    assert timezone.localdate(aspiration.submitted_at) == timezone.localdate() - timedelta(days=3)
    assert aspiration.place_id == "18.72.01.1001"
    [event] = AuditEvent.objects.filter(action="forum.aspiration.submit", object_id=aspiration.pk)
    assert TEXT not in str(event.after)  # the audit row keeps the length, not the words

    # The city's list shows it; Budi of Dinkes reads its topic but not what the child wrote.
    detail = reverse("forum:aspiration", args=[aspiration.pk])
    assert TEXT in sari.get(detail).content.decode()
    budi = login("budi")
    assert budi.get(detail).status_code == 200
    assert TEXT not in budi.get(detail).content.decode()


def test_without_the_childs_agreement_nothing_is_recorded(
    login: Callable[[str], Client], city_forum: Any
) -> None:
    sari = login("sari")
    url = reverse("forum:paper_aspiration", args=[city_forum.pk])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = sari.post(url, _form(child_agreed="", written_on=tomorrow))
    assert response.status_code == 400
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["child_agreed"]] == [
        "forum.paper_consent_required"
    ]
    assert [e.code for e in form.errors.as_data()["written_on"]] == ["forum.paper_date_future"]
    assert "anak yang menulisnya setuju" in response.content.decode()
    assert not Aspiration.objects.filter(text=TEXT).exists()


def test_the_forums_own_account_and_officers_may_not_enter_paper_aspirations(
    login: Callable[[str], Client], city_forum: Any
) -> None:
    url = reverse("forum:paper_aspiration", args=[city_forum.pk])
    for username in ("forumanak", "budi", "kartika"):
        assert login(username).post(url, _form()).status_code == 403, username
    assert not Aspiration.objects.filter(text=TEXT).exists()
