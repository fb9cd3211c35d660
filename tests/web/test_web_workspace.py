"""The dashboard, evidence upload and download, and the secretariat's tools, through HTTP."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from layak.audit.models import AuditEvent
from layak.core.stages import Stage
from layak.evaluation.models import Assignment, StageWindow
from layak.evaluation.queries.scores import cycle_scores
from layak.evidence.models import EvidenceFile
from layak.regions.models import Agency, Region
from layak.web.templatetags.layak import points
from tests.web.websupport import Q_DINKES, Q_DUKCAPIL

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return html.unescape(response.content.decode())


def plan_rows(page: str, cycle: Any) -> dict[str, str]:
    """The gap plan's table: question code -> the text of its row."""
    section = page.split("Jalan termurah menuju", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    found = {}
    for row in rows:
        link = re.search(rf'href="/siklus/{cycle.pk}/pertanyaan/([^/"]+)/"', row)
        if link:
            found[link.group(1)] = re.sub(r"<[^>]+>", " ", row)
    return found


def test_dashboard_shows_scores_predicates_and_the_plan(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    scores = cycle_scores(cycle)
    card, verified, plan = scores.self_card, scores.verified_card, scores.plan
    assert verified is not None  # the demo's provincial verification is under way
    assert plan.items  # and Kota Metro is short of Utama

    response = login("sari").get(reverse("evaluation:dashboard", args=[cycle.pk]))
    assert response.status_code == 200
    page = text_of(response)
    with translation.override("id"):
        figures = {
            "Penilaian mandiri": (points(card.total), card.predicate),
            "Proyeksi terverifikasi": (
                points(card.projected_verified_total),
                card.projected_predicate,
            ),
            "Terverifikasi": (points(verified.total), verified.predicate),
        }
    for heading, (total, predicate) in figures.items():
        card_html = page.split(f"<h2>{heading}</h2>", 1)[1].split("</div>", 1)[0]
        assert f'<p class="kpi">{total}' in card_html, heading
        assert f'<span class="predicate">{predicate or "belum berpredikat"}</span>' in card_html

    rows = plan_rows(page, cycle)
    assert list(rows) == [item.code for item in plan.items]
    for item in plan.items:
        agencies = scores.plan_agencies[item.code]
        assert (", ".join(agencies) if agencies else "—") in rows[item.code], item.code
    assert "hanya tindakan pada pertanyaan OPD Anda" not in page


def test_officer_dashboard_shows_only_his_plan_items(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    dinkes = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").values_list(
            "question_code", flat=True
        )
    )
    plan = cycle_scores(cycle).plan
    mine = [item.code for item in plan.items if item.code in dinkes]
    assert mine
    assert len(mine) < len(plan.items)
    page = text_of(login("budi").get(reverse("evaluation:dashboard", args=[cycle.pk])))
    assert list(plan_rows(page, cycle)) == mine
    assert "Yang ditampilkan hanya tindakan pada pertanyaan OPD Anda." in page


def test_upload_then_download_evidence(
    cycle: Any, login: Callable[[str], Client], pdf_bytes: bytes, pdf_upload: Callable[..., Any]
) -> None:
    budi = login("budi")
    before = set(EvidenceFile.objects.values_list("pk", flat=True))
    response = budi.post(
        reverse("evidence:upload", args=[cycle.pk, Q_DINKES]),
        {
            "title": "Laporan cakupan imunisasi",
            "document_year": str(cycle.year),
            "files": pdf_upload("../../laporan imunisasi.pdf"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:question", args=[cycle.pk, Q_DINKES])
    (new_id,) = set(EvidenceFile.objects.values_list("pk", flat=True)) - before
    evidence = EvidenceFile.objects.get(pk=new_id)
    assert (evidence.answer.question_code, evidence.uploaded_by.username) == (Q_DINKES, "budi")
    assert evidence.size == len(pdf_bytes)
    assert "imunisasi" not in evidence.stored_name  # stored under a name Layak chose
    assert AuditEvent.objects.filter(action="evidence.add", actor_name="budi").count() == 1
    page = text_of(budi.get(response["Location"]))
    assert "1 berkas bukti ditambahkan." in page
    assert "Laporan cakupan imunisasi" in page

    download = budi.get(reverse("evidence:download", args=[new_id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{Q_DINKES}-{new_id}.pdf"'
    assert "no-store" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"
    logged = AuditEvent.objects.get(action="evidence.download", object_id=str(new_id))
    assert logged.actor_name == "budi"


def test_a_removed_file_is_downloadable_by_nobody(
    cycle: Any, evidence_on: Callable[..., int], login: Callable[[str], Client]
) -> None:
    """Budi removes a file: it stays in the history, but its download answers 404 to all."""
    file_id = evidence_on(Q_DINKES)
    download = reverse("evidence:download", args=[file_id])
    assert login("budi").get(download).status_code == 200

    removal = login("budi").post(reverse("evidence:remove", args=[file_id]))
    assert removal.status_code == 302
    downloads = AuditEvent.objects.filter(action="evidence.download").count()
    for username in ("budi", "sari", "kartika", "admin", "vina", "nadia"):
        assert login(username).get(download).status_code == 404, username
    assert AuditEvent.objects.filter(action="evidence.download").count() == downloads

    page = text_of(login("budi").get(reverse("evaluation:question", args=[cycle.pk, Q_DINKES])))
    assert "Budi Santoso menghapus bukti “" in page  # the history says who removed it
    assert f'href="{download}"' not in page
    assert AuditEvent.objects.filter(action="evidence.remove", actor_name="budi").count() == 1


def test_upload_refusals_are_shown_and_keep_nothing(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    files, events = EvidenceFile.objects.count(), AuditEvent.objects.count()
    budi = login("budi")
    url = reverse("evidence:upload", args=[cycle.pk, Q_DINKES])

    def fake() -> SimpleUploadedFile:
        return SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>")

    metadata = budi.post(url, {"title": " ", "document_year": "1990", "files": fake()})
    assert metadata.status_code == 400
    page = text_of(metadata)
    assert "judul dokumen wajib diisi" in page
    assert "tahun dokumen '1990' harus antara 2000 dan" in page

    content = budi.post(url, {"title": "Laporan", "document_year": "2024", "files": fake()})
    assert content.status_code == 400
    assert "laporan.pdf: jenis berkas tidak diterima" in text_of(content)
    assert EvidenceFile.objects.count() == files
    # One audit event per refused file (each post sent one), and nothing else written.
    assert AuditEvent.objects.filter(action="unggahan_ditolak").count() == 2
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == events + 2


def test_upload_errors_show_the_message_not_the_form_field(
    cycle: Any, login: Callable[[str], Client], pdf_upload: Callable[..., Any]
) -> None:
    budi = login("budi")
    url = reverse("evidence:upload", args=[cycle.pk, Q_DINKES])
    data = {"title": "Laporan", "document_year": str(cycle.year)}

    nothing = text_of(budi.post(url, data))
    assert '<p class="error">berkas kosong</p>' in nothing
    assert "files:" not in nothing

    too_many = text_of(budi.post(url, {**data, "files": [pdf_upload() for _ in range(21)]}))
    assert "files:" not in too_many
    assert "terlalu banyak berkas sekaligus (21; batas 20)" in too_many


def test_secretariat_edits_an_assignment(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """Giving 4.2 to Dinkes as well lets budi see it at once; taking it away hides it again."""
    agencies = {a.short_name: a.pk for a in Agency.objects.filter(region=cycle.region)}
    url = reverse("evaluation:assignment_edit", args=[cycle.pk, Q_DUKCAPIL])
    sari = login("sari")
    form = sari.get(url)
    assert form.status_code == 200
    elsewhere = Agency.objects.create(
        region=Region.objects.get(code="18.71"), name="Dinas Kesehatan", short_name="Dinkes"
    )
    response = sari.post(
        url,
        {
            "agencies": [agencies["Disdukcapil"], agencies["Dinkes"], elsewhere.pk, "bukan-angka"],
            "lead": agencies["Dinkes"],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:assignments", args=[cycle.pk])
    rows = Assignment.objects.filter(cycle=cycle, question_code=Q_DUKCAPIL)
    assert {(a.agency.short_name, a.lead) for a in rows} == {
        ("Disdukcapil", False),
        ("Dinkes", True),
    }
    event = AuditEvent.objects.get(action="assignment.save", object_id=Q_DUKCAPIL)
    assert event.before == {"agencies": ["Disdukcapil"]}
    assert event.after == {"agencies": ["Dinkes", "Disdukcapil"]}
    question = reverse("evaluation:question", args=[cycle.pk, Q_DUKCAPIL])
    assert login("budi").get(question).status_code == 200

    sari = login("sari")
    assert sari.post(url, {"agencies": [agencies["Disdukcapil"]]}).status_code == 302
    assert login("budi").get(question).status_code == 404


def test_secretariat_edits_an_agency_with_aliases(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    sari = login("sari")
    url = reverse("regions:agency_edit", args=[dinkes.pk])
    assert sari.get(url).status_code == 200
    response = sari.post(
        url,
        {
            "name": "Dinas Kesehatan Kota Metro",
            "short_name": "Dinkes",
            "aliases_text": " Dinas Kesehatan ,Diskes,, Diskes , Dinkes Kota",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:agencies")
    dinkes.refresh_from_db()
    assert dinkes.name == "Dinas Kesehatan Kota Metro"
    assert dinkes.aliases == ["Dinas Kesehatan", "Diskes", "Dinkes Kota"]
    event = AuditEvent.objects.get(action="agency.save", object_id=str(dinkes.pk))
    assert event.after is not None
    assert event.after["aliases"] == ["Dinas Kesehatan", "Diskes", "Dinkes Kota"]
    listing = text_of(sari.get(reverse("regions:agencies")))
    assert "OPD Dinkes disimpan." in listing

    new = sari.post(
        reverse("regions:agency_new"),
        {"name": "Dinas Pemuda", "short_name": "Dispora", "aliases_text": "Pemuda, Olahraga"},
    )
    assert new.status_code == 302
    created = Agency.objects.get(region=cycle.region, short_name="Dispora")
    assert created.aliases == ["Pemuda", "Olahraga"]
    assert created.active is False  # the box was not ticked

    duplicate = sari.post(
        reverse("regions:agency_new"), {"name": "Dinas Lain", "short_name": "Dinkes"}
    )
    assert duplicate.status_code == 400  # the form again, with its errors
    assert "Singkatan ini sudah dipakai OPD lain." in text_of(duplicate)
    errors = duplicate.context["form"].errors.as_data()
    assert [e.code for e in errors["short_name"]] == ["agency.short_name_taken"]
    assert Agency.objects.filter(region=cycle.region, short_name="Dinkes").count() == 1


def test_the_administrator_keeps_every_regions_agencies(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    admin = login("admin")
    listing = reverse("regions:agencies")
    chooser = text_of(admin.get(listing))
    assert f'<option value="{cycle.region_id}">' in chooser
    assert f'href="{listing}?wilayah={cycle.region_id}"' in chooser  # Kota Metro has agencies
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Kabupaten/kota that already have OPD" in text_of(admin.get(listing))
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"

    metro = text_of(admin.get(listing, {"wilayah": cycle.region_id}))
    assert f"OPD · {cycle.region.name}" in metro
    assert "Disdukcapil" in metro
    for unknown in ("99.99", "18", "18.72.01"):  # not a kabupaten/kota
        assert admin.get(listing, {"wilayah": unknown}).status_code == 404

    bandar_lampung = Region.objects.get(code="18.71")
    new = admin.post(
        f"{reverse('regions:agency_new')}?wilayah=18.71",
        {"name": "Dinas Kesehatan Kota Bandar Lampung", "short_name": "Dinkes", "active": "on"},
    )
    assert new.status_code == 302
    assert new["Location"] == f"{listing}?wilayah=18.71"
    created = Agency.objects.get(region=bandar_lampung, short_name="Dinkes")
    edited = admin.post(
        reverse("regions:agency_edit", args=[created.pk]),
        {"name": created.name, "short_name": "Dinkes", "aliases_text": "Diskes", "active": "on"},
    )
    assert edited.status_code == 302
    created.refresh_from_db()
    assert created.aliases == ["Diskes"]
    assert AuditEvent.objects.filter(action="agency.save", actor_name="admin").count() == 2
    # Without a region chosen, a new agency starts with the choice.
    assert admin.get(reverse("regions:agency_new"))["Location"] == listing

    # The secretariat keeps its own region's agencies only.
    sari = login("sari")
    assert sari.get(listing, {"wilayah": cycle.region_id}).status_code == 200
    assert sari.get(listing, {"wilayah": "18.71"}).status_code == 404
    assert sari.get(f"{reverse('regions:agency_new')}?wilayah=18.71").status_code == 404
    assert sari.get(reverse("regions:agency_edit", args=[created.pk])).status_code == 404


def test_lock_and_unlock_through_the_view_need_a_reason(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    url = reverse("evaluation:lock", args=[cycle.pk, window.pk])
    stages = reverse("evaluation:stages", args=[cycle.pk])
    sari = login("sari")

    def post(action: str, reason: str) -> str:
        response = sari.post(url, {"action": action, "reason": reason})
        assert response.status_code == 302
        assert response["Location"] == stages
        window.refresh_from_db()
        return text_of(sari.get(stages))

    page = post("kunci", "   ")
    assert "alasan wajib diisi untuk mengunci atau membuka kunci tahap" in page
    assert not window.locked

    page = post("kunci", "Rekap dikirim ke provinsi")
    assert "Tahap dikunci." in page
    assert window.locked
    assert window.locked_by is not None
    assert window.locked_by.username == "sari"
    assert "Dikunci oleh Sari Wulandari" in page
    assert "Rekap dikirim ke provinsi" in page

    page = post("buka", "")
    assert "alasan wajib diisi" in page
    assert window.locked

    page = post("buka", "Ada koreksi data Dinkes")
    assert "Kunci tahap dibuka." in page
    assert not window.locked
    reasons = [
        (e.action, e.after["reason"])
        for e in AuditEvent.objects.filter(object_type="stage", object_id=str(window.pk))
        .order_by("id")
        .exclude(after=None)
    ]
    assert reasons == [
        ("stage.lock", "Rekap dikirim ke provinsi"),
        ("stage.unlock", "Ada koreksi data Dinkes"),
    ]
