"""Stories of the task force in Kota Metro: Sekretariat Sari records a coordination meeting with
attendance and an action item for Dinkes; Budi of Dinkes finds it on his list and marks it
done; an overdue item stands out; a member who leaves keeps their past; and the refusals."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.messages import msg
from layak.gugus.models import ActionItem, Meeting, Member, RadActivity, RadBudget

pytestmark = pytest.mark.django_db
METRO = "18.72"


# The chair, the Klaster IV coordinator and the Klaster III coordinator who took over in 2025.
ATTENDEES = ("Ir. Hendra Gunawan, M.T.", "Dr. Eko Prasetyo, M.Pd.", "dr. Anisa Rahmawati, M.K.M.")


def _meeting_form(decree: Any, **changes: Any) -> dict[str, Any]:
    members = [decree.members.get(name=name) for name in ATTENDEES]
    data = {
        "held_on": str(timezone.localdate() - timedelta(days=1)),
        "agenda": "Rapat koordinasi klaster III",
        "place": "Aula Dinkes Kota Metro",
        "attendees": [str(m.pk) for m in members],
        "guests": "Perwakilan Puskesmas Metro\nRadar Metro (media)",
        "minutes": "Pembahasan data gizi balita.",
        "decisions": "Dinkes memilah data per kelurahan.\nRapat berikut bulan depan.",
    }
    return {**data, **changes}


def test_sari_records_a_meeting_and_budi_marks_his_item_done(
    login: Callable[[str], Client], decree: Any, agencies: dict[str, Any], users: dict[str, Any]
) -> None:
    sari = login("sari")
    response = sari.post(reverse("gugus:meeting_new", args=[METRO]), _meeting_form(decree))
    assert response.status_code == 302
    meeting = Meeting.objects.get(agenda="Rapat koordinasi klaster III")
    assert meeting.attendees.count() == 3
    assert meeting.guest_lines == ["Perwakilan Puskesmas Metro", "Radar Metro (media)"]
    assert (
        AuditEvent.objects.for_object("meeting", meeting.pk)
        .filter(action="gugus.meeting.save")
        .exists()
    )

    due = timezone.localdate() + timedelta(days=10)
    response = sari.post(
        reverse("gugus:action_new", args=[meeting.pk]),
        {
            "what": "Pilah data gizi balita per kelurahan",
            "agency": str(agencies["Dinkes"].pk),
            "due_on": str(due),
            "status": "terbuka",
            "question_codes": "13.1, 13.4",
            "note": "",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(what="Pilah data gizi balita per kelurahan")
    assert item.question_codes == ["13.1", "13.4"]
    page = sari.get(reverse("gugus:meeting", args=[meeting.pk])).content.decode()
    assert "Pilah data gizi balita per kelurahan" in page
    assert "Radar Metro (media)" in page

    budi = login("budi")
    listing = budi.get(reverse("gugus:actions", args=[METRO])).content.decode()
    assert "Pilah data gizi balita per kelurahan" in listing
    assert "Siapkan paparan akta kelahiran" not in listing  # Disdukcapil's, not his
    response = budi.post(
        reverse("gugus:action_status", args=[item.pk]), {"status": "selesai", "note": "Terkirim"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.note, item.updated_by) == ("selesai", "Terkirim", users["budi"])
    event = AuditEvent.objects.for_object("actionitem", item.pk).get(action="gugus.action.status")
    assert event.before["status"] == "terbuka"
    assert event.after["status"] == "selesai"


def test_the_year_at_a_glance_counts_meetings_and_who_came(
    login: Callable[[str], Client], world: Any
) -> None:
    page = login("kartika").get(reverse("gugus:home", args=[METRO])).content.decode()
    year = timezone.localdate().year
    count = Meeting.objects.filter(region_id=METRO, held_on__year=year).count()
    assert count == 4
    assert f"Rapat koordinasi {year}" in page
    assert "Kehadiran rapat" in page
    assert "APINDO Kota Metro" in page
    assert "Forum Anak Kota Metro" in page


def test_an_overdue_item_stands_out(login: Callable[[str], Client], world: Any) -> None:
    today = timezone.localdate()
    overdue = ActionItem.objects.filter(
        region_id=METRO, status__in=["terbuka", "berjalan"], due_on__lt=today
    )
    assert overdue.count() == 3
    client = login("sari")
    home = client.get(reverse("gugus:home", args=[METRO])).content.decode()
    assert "Tindak lanjut melewati tenggat" in home
    listing = client.get(reverse("gugus:actions", args=[METRO]) + "?terlambat=1")
    text = listing.content.decode()
    assert len(re.findall(r'id="tl-\d+" class="overdue"', text)) == 3
    assert "terlambat" in text
    assert "Dokumentasi RBRA Taman Merdeka" not in text  # done, so not late


def test_a_member_who_leaves_keeps_their_past(login: Callable[[str], Client], decree: Any) -> None:
    member = decree.members.get(name="Hendri Wijaya")
    url = reverse("gugus:member_edit", args=[member.pk])
    data = {
        "position": member.position,
        "kind": member.kind,
        "name": member.name,
        "agency": "",
        "organisation": member.organisation,
        "since": str(member.since),
        "until": str(timezone.localdate()),
    }
    assert login("sari").post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.until == timezone.localdate()
    assert Member.objects.filter(pk=member.pk).exists()
    event = AuditEvent.objects.for_object("member", member.pk).filter(before__isnull=False).get()
    assert event.before["until"] is None
    assert event.after["until"] == str(timezone.localdate())


def test_budi_cannot_edit_the_decree(login: Callable[[str], Client], decree: Any) -> None:
    budi = login("budi")
    assert budi.get(reverse("gugus:decree_edit", args=[decree.pk])).status_code == 403
    data = {"number": "X", "signed_on": "2024-01-01", "valid_from": "2024-01-01"}
    assert budi.post(reverse("gugus:decree_edit", args=[decree.pk]), data).status_code == 403
    assert budi.get(reverse("gugus:home", args=[METRO])).status_code == 200


def test_another_agency_cannot_update_dinkes_item(login: Callable[[str], Client]) -> None:
    item = ActionItem.objects.get(
        region_id=METRO, agency__short_name="Dinkes", what__startswith="Lengkapi laporan PRAP"
    )
    before = item.status
    url = reverse("gugus:action_status", args=[item.pk])
    assert login("dewi").post(url, {"status": "selesai"}).status_code == 404
    assert login("kartika").post(url, {"status": "selesai"}).status_code == 403
    item.refresh_from_db()
    assert item.status == before


def test_stakeholders_and_children_do_not_see_the_task_force(
    login: Callable[[str], Client],
) -> None:
    for username in ("mitra", "forumanak", "oki"):
        assert login(username).get(reverse("gugus:home", args=[METRO])).status_code == 403


def test_bad_input_is_refused_in_indonesian_naming_the_field(
    login: Callable[[str], Client], decree: Any, agencies: dict[str, Any]
) -> None:
    client = login("sari")
    response = client.post(
        reverse("gugus:decree_edit", args=[decree.pk]),
        {
            "number": decree.number,
            "signed_on": "2024-03-04",
            "valid_from": "2024-03-04",
            "valid_until": "2023-01-01",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400  # the form again, with its errors
    assert "Berlaku sampai" in page
    assert "Tanggal akhir berlaku tidak boleh sebelum tanggal mulai." in page
    # The rule is the model's, under its key, on the field it concerns.
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["valid_until"]] == ["gugus.decree_until_before_from"]

    meeting = Meeting.objects.get(region_id=METRO, agenda__startswith="Rapat koordinasi awal tahun")
    response = client.post(
        reverse("gugus:action_new", args=[meeting.pk]),
        {
            "what": "Uji",
            "agency": str(agencies["Dinkes"].pk),
            "due_on": "besok",
            "status": "terbuka",
            "question_codes": "2.3, 99.9",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tenggat" in page
    assert "Masukkan tanggal yang valid." in page

    response = client.post(
        reverse("gugus:action_new", args=[meeting.pk]),
        {
            "what": "Uji",
            "agency": str(agencies["Dinkes"].pk),
            "due_on": str(timezone.localdate()),
            "status": "terbuka",
            "question_codes": "2.3, 99.9",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Pertanyaan KLA yang didukung" in page
    assert "99.9" in page
    assert "Kode pertanyaan tidak ada di instrumen" in page
    assert not ActionItem.objects.filter(what="Uji").exists()

    response = client.post(
        reverse("gugus:rad_new", args=[METRO]),
        {
            "year": str(timezone.localdate().year),
            "part_code": "K3",
            "indicator_code": "4",
            "name": "Uji",
            "agency": str(agencies["Dinkes"].pk),
            "relevance": "tidak_langsung",
            "child_share": "100",
            "planned_apbd": "1,5 juta",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nilai (rupiah) tidak terbaca" in page
    assert "Rencana APBD (Rp)" in page
    assert "Kegiatan tidak langsung memerlukan porsi antara 1 dan 99%." in page
    assert "Indikator 4 bukan bagian dari K3" in page


def _rad_form(agencies: dict[str, Any], **budget: str) -> dict[str, str]:
    return {
        "year": str(timezone.localdate().year),
        "part_code": "K3",
        "indicator_code": "12",
        "name": "Posyandu ramah anak",
        "agency": str(agencies["Dinkes"].pk),
        "relevance": "langsung",
        "child_share": "100",
        **budget,
    }


def test_a_budget_in_sen_is_kept_to_the_sen(
    login: Callable[[str], Client], world: Any, agencies: dict[str, Any]
) -> None:
    """Sari copies the realisation from the SP2D, sen included, as Mitra's contributions allow:
    RAD keeps the same sum to the sen and shows it back."""
    client = login("sari")
    response = client.post(
        reverse("gugus:rad_new", args=[METRO]),
        _rad_form(agencies, planned_apbd="Rp 1.500.000,50", realised_apbd="1.250.000,75"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = RadBudget.objects.get(activity__name="Posyandu ramah anak", source="apbd")
    assert (line.planned, line.realised) == (Decimal("1500000.50"), Decimal("1250000.75"))
    page = client.get(reverse("gugus:rad_edit", args=[line.activity_id])).content.decode()
    assert 'value="1.500.000,50"' in page
    # Finer than a sen is refused with the one message every sum form gives, as in Mitra.
    response = client.post(
        reverse("gugus:rad_new", args=[METRO]),
        _rad_form(agencies, name="Lain", planned_apbd="1.500.000,505"),
    )
    assert response.status_code == 400
    assert msg("rupiah.unreadable").render("id") in html.unescape(response.content.decode())
    assert not RadActivity.objects.filter(name="Lain").exists()


def test_budis_minutes_pdf_shows_what_his_meeting_page_shows(
    login: Callable[[str], Client], world: Any, pdf_text: Callable[[bytes], str]
) -> None:
    """The meeting page shows Budi (Dinkes) only his agency's action items; the minutes he
    downloads do the same. Sari, who keeps the task force, gets every item."""

    meeting = next(
        m
        for m in Meeting.objects.filter(region_id="18.72").order_by("held_on")
        if {"Dinkes"} < set(m.actions.values_list("agency__short_name", flat=True))
    )
    items = list(ActionItem.objects.filter(meeting=meeting).select_related("agency"))
    others = [a.what for a in items if a.agency.short_name != "Dinkes"]
    own = [a.what for a in items if a.agency.short_name == "Dinkes"]
    url = reverse("gugus:meeting_minutes", args=[meeting.pk])

    budi = " ".join(pdf_text(login("budi").get(url).content).split())
    assert all(" ".join(t.split())[:30] in budi for t in own)
    assert not any(" ".join(t.split())[:30] in budi for t in others)
    sari = " ".join(pdf_text(login("sari").get(url).content).split())
    assert all(" ".join(t.split())[:30] in sari for t in others)
