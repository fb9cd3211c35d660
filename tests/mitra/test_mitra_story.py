"""The story of a contribution: the business (account "mitra", PT Sinar Metro Abadi) registers a
lactation room in Kelurahan Yosomulyo for Klaster III; Sekretariat Sari confirms it; it then
appears as ready-made evidence on question 3.1d, and Budi of Dinkes attaches it as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.mitra.models import Contribution, Status

YOSOMULYO = "18.72.01.1005"
LACTATION_ROOM = "Pojok ASI di Kantor Kelurahan Yosomulyo"


def register_lactation_room(client: Client, sinar: Any, upload: Any) -> Contribution:
    response = client.post(
        reverse("mitra:contribution_new", args=[sinar.pk]),
        {
            "title": LACTATION_ROOM,
            "date": (timezone.localdate() - timedelta(days=10)).isoformat(),
            "value": "Rp 18.500.000",
            "place": YOSOMULYO,
            "indicator_code": "14",
            "description": "Ruang laktasi dengan kursi menyusui, lemari pendingin ASI, wastafel.",
            "berkas": upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Contribution.objects.get(title=LACTATION_ROOM)


@pytest.mark.django_db
def test_a_business_contribution_confirmed_by_sari_becomes_evidence_on_3_1d(
    login: Callable[[str], Client], sinar: Any, cycle: Any, pdf_upload: Any
) -> None:
    mitra = login("mitra")
    assert mitra.get(reverse("mitra:index"))["Location"] == reverse(
        "mitra:organisation", args=[sinar.pk]
    )
    room = register_lactation_room(mitra, sinar, pdf_upload)
    assert room.status == Status.PENDING
    assert room.value == 18_500_000
    assert room.documents.count() == 1
    assert AuditEvent.objects.filter(action="mitra.contribution.save", object_id=str(room.pk))
    page = mitra.get(reverse("mitra:contribution", args=[room.pk])).content.decode()
    assert "Menunggu konfirmasi" in page
    assert "Rp 18.500.000" in page

    key = f"mitra.kontribusi:{room.pk}"
    assert key not in {d.key for d in ready_documents(cycle, "3.1d")}, "not yet confirmed"

    sari = login("sari")
    assert LACTATION_ROOM in sari.get(reverse("mitra:confirmations")).content.decode()
    response = sari.post(
        reverse("mitra:review_contribution", args=[room.pk]), {"action": "konfirmasi"}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.status == Status.CONFIRMED
    assert room.reviewed_by.username == "sari"
    assert AuditEvent.objects.filter(action="mitra.contribution.confirm", object_id=str(room.pk))

    offered = {d.key: d for d in ready_documents(cycle, "3.1d")}
    assert key in offered
    year = room.date.year
    assert f"Daftar kontribusi mitra untuk Klaster III tahun {year}" in {
        d.title for d in offered.values()
    }
    assert key not in {d.key for d in ready_documents(cycle, "3.1b")}, "Klaster I is not its part"

    budi = login("budi")
    question = reverse("evaluation:question", args=[cycle.pk, "3.1d"])
    assert LACTATION_ROOM in budi.get(question).content.decode()
    response = budi.post(reverse("evidence:attach_ready", args=[cycle.pk, "3.1d"]), {"key": key})
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=key)
    assert evidence.content_type == "application/pdf"
    assert evidence.answer.question_code == "3.1d"
    assert LACTATION_ROOM in evidence.title
    with default_storage.open(evidence.stored_name, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    # The contribution's own record page is open to Budi once confirmed (the "lihat catatan" link).
    assert budi.get(reverse("mitra:contribution", args=[room.pk])).status_code == 200


@pytest.mark.django_db
def test_a_confirmed_contribution_is_locked_for_the_stakeholder(
    login: Callable[[str], Client], sinar: Any, pdf_upload: Any
) -> None:
    room = register_lactation_room(login("mitra"), sinar, pdf_upload)
    login("sari").post(
        reverse("mitra:review_contribution", args=[room.pk]), {"action": "konfirmasi"}
    )
    mitra = login("mitra")
    edit = reverse("mitra:contribution_edit", args=[room.pk])
    assert mitra.get(edit).status_code == 403
    assert mitra.post(edit, {"title": "Diubah", "value": "1"}).status_code == 403
    document = room.documents.get()
    assert mitra.post(reverse("mitra:document_remove", args=[document.pk])).status_code == 403
    room.refresh_from_db()
    assert room.title == LACTATION_ROOM
    assert room.documents.filter(removed_at=None).count() == 1
    page = mitra.get(reverse("mitra:contribution", args=[room.pk])).content.decode()
    assert "perubahan hanya melalui Sekretariat" in page
    # The secretariat still may change it.
    assert login("sari").get(edit).status_code == 200


@pytest.mark.django_db
def test_a_returned_contribution_goes_back_to_the_stakeholder_with_the_note(
    login: Callable[[str], Client], sinar: Any, pdf_upload: Any
) -> None:
    room = register_lactation_room(login("mitra"), sinar, pdf_upload)
    sari = login("sari")
    url = reverse("mitra:review_contribution", args=[room.pk])
    sari.post(url, {"action": "kembalikan", "note": ""})
    room.refresh_from_db()
    assert room.status == Status.PENDING, "a return needs a note"
    sari.post(url, {"action": "kembalikan", "note": "Lampirkan foto ruang laktasi."})
    room.refresh_from_db()
    assert room.status == Status.RETURNED
    mitra = login("mitra")
    page = mitra.get(reverse("mitra:contribution", args=[room.pk])).content.decode()
    assert "Lampirkan foto ruang laktasi." in page
    edit = reverse("mitra:contribution_edit", args=[room.pk])
    data = {
        "title": room.title,
        "date": room.date.isoformat(),
        "value": "18.500.000",
        "place": YOSOMULYO,
        "indicator_code": "14",
        "berkas": pdf_upload("foto-ruang-laktasi.pdf"),
    }
    assert mitra.post(edit, data).status_code == 302
    room.refresh_from_db()
    assert room.status == Status.PENDING
    assert room.documents.count() == 2


@pytest.mark.django_db
def test_after_a_review_sari_goes_back_only_to_the_confirmations_page(
    login: Callable[[str], Client], sinar: Any, pdf_upload: Any
) -> None:
    """ASVS 3.7.2: the `next` of the review form is followed only when it is the one page on
    its allowlist; any other address, on another site or not, leads to the record."""
    room = register_lactation_room(login("mitra"), sinar, pdf_upload)
    sari = login("sari")
    url = reverse("mitra:review_contribution", args=[room.pk])
    record = reverse("mitra:contribution", args=[room.pk])
    confirmations = reverse("mitra:confirmations")
    for back, expected in (
        ("https://contoh.example/masuk/", record),
        ("//contoh.example/", record),
        (reverse("mitra:index"), record),
        (confirmations, confirmations),
    ):
        response = sari.post(url, {"action": "kembalikan", "note": "", "next": back})
        assert (response.status_code, response["Location"]) == (302, expected), back
