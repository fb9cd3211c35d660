"""Issue 18's matrices: Budi's puskesmas list comes out as a workbook (the cells read back) and
as a PDF he attaches to 15.1 in one step; the KHA matrix counts the trained per agency and
names no participant; the open data carries the registry's figures and no name."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from layak.audit.models import AuditEvent
from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.registries.models import Designation, Institution, Participant, TrainingEvent

pytestmark = pytest.mark.django_db
PARTICIPANT = "Ani Rahmawati"


def _puskesmas(users: dict[str, Any], year: int) -> None:
    """Three puskesmas of Kota Metro, one with a decree in force in `year`, and a closed one."""
    for name in (
        "Puskesmas Metro",
        "Puskesmas Yosomulyo",
        "Puskesmas Banjarsari",
        "Puskesmas Lama",
    ):
        Institution.objects.create(
            region_id="18.72",
            kind="puskesmas",
            name=name,
            unit_id="18.72.01.1005" if name == "Puskesmas Metro" else None,
            address="Jl. Kesehatan 1" if name == "Puskesmas Metro" else "",
            active=name != "Puskesmas Lama",
        )
    Designation.objects.create(
        institution=Institution.objects.get(name="Puskesmas Metro"),
        number="440/7/D.3/2024",
        issued_on=date(year - 1, 2, 1),
        valid_from=year - 1,
        created_by=users["budi"],
    )


def test_the_kind_matrix_reads_back_as_xlsx_and_pdf(
    login: Callable[[str], Client],
    users: dict[str, Any],
    cycle: Any,
    pdf_text: Callable[[bytes], str],
) -> None:
    year = cycle.year
    _puskesmas(users, year)
    budi = login("budi")
    page = budi.get(reverse("registries:kind", args=["puskesmas"]) + f"?tahun={year}")
    url = reverse("registries:kind_xlsx", args=["puskesmas"]) + f"?tahun={year}"
    assert url.split("?")[0] in page.content.decode()
    response = budi.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Matriks Puskesmas"
    assert rows[1][:2] == ("Kota Metro", f"Tahun {year}")
    assert rows[3][:8] == (
        "No.",
        "Nama lembaga",
        "Kelurahan/kecamatan",
        "Alamat",
        "Nomor SK",
        "Tanggal SK",
        "Masa berlaku",
        "Status",
    )
    assert rows[4][:8] == (
        1,
        "Puskesmas Banjarsari",
        None,
        None,
        None,
        None,
        None,
        "belum ber-SK",
    )
    metro = next(r for r in rows if r[1] == "Puskesmas Metro")
    assert metro[4:8] == ("440/7/D.3/2024", f"{year - 1}-02-01", f"{year - 1}–", "ber-SK")
    assert metro[2]
    assert metro[3] == "Jl. Kesehatan 1"
    assert rows[7][1:2] == ("Puskesmas Lama",)
    assert rows[7][7] == "tidak aktif"
    figures = {r[0]: r[1] for r in rows[9:14]}
    assert figures == {
        "Lembaga aktif": 3,
        "Aktif dan ber-SK berlaku": 1,
        "Persentase ber-SK": "33,3 %",
        "Terstandar/evaluasi mandiri": 0,
        "Tidak aktif (di luar persentase)": 1,
    }
    assert sheet.print_title_rows == "$4:$4"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")  # A4

    from layak.registries.matrices import kind_pdf

    text = pdf_text(kind_pdf(cycle.region, year, "puskesmas", "15.1"))
    assert "Matriks Puskesmas" in text
    assert "pertanyaan 15.1" in text
    assert "440/7/D.3/2024" in text
    assert "Puskesmas Yosomulyo" in text
    assert "33,3 %" in text


def test_budi_attaches_the_matrix_to_15_1_in_one_step(
    login: Callable[[str], Client], users: dict[str, Any], cycle: Any
) -> None:
    _puskesmas(users, cycle.year)
    document = next(d for d in ready_documents(cycle, "15.1") if d.key.startswith("registries."))
    assert document.key == f"registries.matrix:18.72:puskesmas:{cycle.year}"
    assert not [d for d in ready_documents(cycle, "12.2") if d.key.startswith("registries.")]
    budi = login("budi")
    page = budi.get(reverse("evaluation:question", args=[cycle.pk, "15.1"])).content.decode()
    assert document.title in page
    response = budi.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "15.1"]), {"key": document.key}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.uploaded_by == users["budi"]
    assert AuditEvent.objects.filter(
        action="evidence.add", object_id=str(evidence.answer_id), actor=users["budi"]
    ).exists()


def _training(users: dict[str, Any], year: int) -> None:
    from layak.regions.models import Agency

    event = TrainingEvent.objects.create(
        region_id="18.72",
        title="Pelatihan KHA bagi tenaga kesehatan",
        held_on=date(year, 3, 4),
        organiser="DP3AP2KB",
        hours=8,
        created_by=users["sari"],
    )
    dinkes = Agency.objects.get(region_id="18.72", short_name="Dinkes")
    Participant.objects.create(event=event, name=PARTICIPANT, agency=dinkes)
    Participant.objects.create(event=event, name="Budi Santoso", agency=dinkes)


def test_the_kha_matrix_counts_per_agency_and_names_no_one(
    users: dict[str, Any],
    cycle: Any,
    pdf_text: Callable[[bytes], str],
    login: Callable[[str], Client],
) -> None:
    _training(users, cycle.year)
    (document,) = [d for d in ready_documents(cycle, "15.4") if d.key.startswith("registries.")]
    text = pdf_text(document.render_pdf())
    assert "Pelatihan KHA bagi tenaga kesehatan" in text
    dinkes = next(line for line in text.splitlines() if line.strip().startswith("Dinkes"))
    assert dinkes.split()[1] == "2"
    assert PARTICIPANT not in text
    assert "Budi Santoso" not in text

    url = reverse("registries:kha_xlsx") + f"?tahun={cycle.year}"
    response = login("nadia").get(url + "&wilayah=18.72")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    events = list(book["Pelatihan"].iter_rows(min_row=4, values_only=True))
    assert events == [
        ("No.", "Nama kegiatan", "Tanggal", "Penyelenggara", "Jam", "Peserta"),
        (1, "Pelatihan KHA bagi tenaga kesehatan", f"{cycle.year}-03-04", "DP3AP2KB", 8, 2),
    ]
    agencies = list(book["OPD"].iter_rows(min_row=4, values_only=True))
    assert agencies[0] == ("OPD", "Terlatih KHA", "Jumlah pegawai", "Persentase terlatih")
    assert ("Dinkes", 2, None, "—") in agencies
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not [c for c in cells if PARTICIPANT in c or "Budi Santoso" in c]


def test_open_data_carries_the_registry_figures_and_no_name(
    users: dict[str, Any], cycle: Any
) -> None:
    from layak.api.opendata import as_csv, open_data

    _puskesmas(users, cycle.year)
    _training(users, cycle.year)
    rows = open_data(cycle.region)
    mine = {r["indikator"]: r["nilai"] for r in rows if r["tahun"] == cycle.year}
    assert mine["Jumlah Puskesmas aktif (registri)"] == 3
    assert mine["Jumlah Puskesmas aktif ber-SK"] == 1
    assert mine["Persentase Puskesmas ber-SK"] == 33.3
    assert not [r for r in rows if "SD/MI" in r["indikator"]], "no list kept: no figure"
    text = as_csv(rows)
    assert PARTICIPANT not in text
    assert "Puskesmas Metro" not in text
