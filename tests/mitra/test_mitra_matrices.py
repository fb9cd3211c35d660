"""Issue 18's stakeholder matrix (docs/matrices.md): Sari downloads it from the overview and
reads back PT Sinar Metro Abadi's confirmed Pojok ASI by its indicator, with its value as a
number; what awaits confirmation and the contact person stay out; Budi attaches the matrix to
3.1d in one step."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.mitra.matrices import partnership_matrix
from layak.mitra.models import Contribution, Status
from layak.web.matrix import matrix_pdf

pytestmark = pytest.mark.django_db
METRO = "18.72"
CONTACT = "Rahmawati, 0812 7788 9900"


def _pojok_asi() -> Contribution:
    return Contribution.objects.select_related("place").get(
        organisation__region_id=METRO, title="Pojok ASI di Puskesmas Metro"
    )


def test_sari_reads_the_partnership_matrix_back(
    login: Callable[[str], Client], sinar: Any, pdf_text: Callable[[bytes], str], cycle: Any
) -> None:
    sinar.contact = CONTACT
    sinar.save()
    pojok = _pojok_asi()
    year = pojok.date.year
    pending = Contribution.objects.filter(organisation=sinar, status=Status.PENDING).first()
    assert pending is not None
    sari = login("sari")
    page = sari.get(reverse("mitra:summary") + f"?tahun={year}").content.decode()
    url = reverse("mitra:summary_xlsx")
    assert url in page
    response = sari.get(url + f"?tahun={year}")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Kontribusi"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Matriks kemitraan untuk KLA"
    assert rows[1][:2] == ("Kota Metro", f"Tahun {year}")
    assert rows[3] == (
        "No.",
        "Indikator KLA",
        "Organisasi",
        "Jenis organisasi",
        "Kontribusi",
        "Tanggal",
        "Tempat",
        "Nilai (Rp)",
        "Bagian dari komitmen",
    )
    cells = next(r for r in sheet.iter_rows(min_row=5) if r[4].value == pojok.title)
    assert [c.value for c in cells[1:]] == [
        "14. Pemberian makan bayi dan anak (PMBA)",
        "PT Sinar Metro Abadi",
        "Dunia usaha",
        "Pojok ASI di Puskesmas Metro",
        pojok.date.isoformat(),
        pojok.place.name,
        Decimal("18500000"),
        "Program CSR Sinar Peduli Anak",
    ]
    assert cells[7].number_format == "#,##0"
    confirmed = Contribution.objects.filter(
        organisation__region_id=METRO, status=Status.CONFIRMED, date__year=year
    )
    figures = {r[0]: r[1] for r in rows if isinstance(r[0], str)}
    assert figures["Kontribusi terkonfirmasi"] == confirmed.count()
    assert figures["Nilai kontribusi (Rp)"] == sum(c.value for c in confirmed)
    everything = [str(c) for s in book for r in s.iter_rows(values_only=True) for c in r]
    assert pending.title not in everything
    assert not [c for c in everything if "Rahmawati" in c]
    commitments = [r[5] for r in book["Komitmen"].iter_rows(min_row=5, values_only=True)]
    assert "Program CSR Sinar Peduli Anak" in commitments

    text = pdf_text(matrix_pdf(partnership_matrix(cycle.region, year), "3.1d"))
    assert "Rp 18.500.000" in text
    assert "pertanyaan 3.1d" in text
    assert "Rahmawati" not in text


def test_budi_attaches_the_matrix_to_3_1d_in_one_step(
    login: Callable[[str], Client], cycle: Any
) -> None:
    offered = [d for d in ready_documents(cycle, "3.1d") if d.key.startswith("mitra.matriks:")]
    years = (cycle.year - 1, cycle.year)
    confirmed = Contribution.objects.filter(
        organisation__region_id=METRO, status=Status.CONFIRMED, date__year__in=years
    )
    with_records = {f"mitra.matriks:{METRO}:{d.year}" for d in confirmed.dates("date", "year")}
    assert with_records
    assert with_records <= {d.key for d in offered} <= {f"mitra.matriks:{METRO}:{y}" for y in years}
    assert [d.key for d in ready_documents(cycle, "3.2") if d.key.startswith("mitra.matriks:")]
    assert not [d for d in ready_documents(cycle, "12.2") if d.key.startswith("mitra.matriks")]
    document = offered[-1]
    budi = login("budi")  # Dinkes answers 3.1d (partnerships in Klaster III)
    page = budi.get(reverse("evaluation:question", args=[cycle.pk, "3.1d"])).content.decode()
    assert document.title in page
    response = budi.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "3.1d"]), {"key": document.key}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.answer.question_code == "3.1d"
    assert evidence.content_type == "application/pdf"


def test_a_year_without_confirmed_records_offers_no_matrix(cycle: Any) -> None:
    Contribution.objects.filter(organisation__region_id=METRO).update(status=Status.PENDING)
    from layak.mitra.models import Commitment

    Commitment.objects.filter(organisation__region_id=METRO).update(status=Status.PENDING)
    assert not [d for d in ready_documents(cycle, "3.1d") if d.key.startswith("mitra.matriks")]
