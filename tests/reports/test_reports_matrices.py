"""Every question that asks for a matrix (issue 18): Sari sees how many the region has, which
Layak makes from its records and which are attached; Budi sees his agency's only; for the rest
both download a blank form to fill in, and the question page says the question asks for one."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.websupport import Q_MATRIX

pytestmark = pytest.mark.django_db

FORM_HEADER = [
    "No.",
    "Uraian (lembaga/kegiatan/regulasi/program)",
    "Perangkat Daerah/pihak",
    "Dasar (nomor & tanggal dokumen)",
    "Waktu/tahun",
    "Sasaran/hasil",
    "Keterangan",
]


def summary(html: str) -> str:
    found = re.search(r'<p class="matrix-summary">(.*?)</p>', html, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def row_of(html: str, code: str) -> str:
    """The table row whose first cell links to question `code`."""
    link = rf"<a href=\"[^\"]*/{re.escape(code)}/\">"
    found = re.search(rf"<tr>\s*<td[^>]*>{link}.*?</tr>", html, re.S)
    assert found is not None, code
    return found.group(0)


def test_sari_sees_the_regions_74_matrix_questions_and_what_layak_makes(
    login: Callable[[str], Client], cycle: Any
) -> None:
    sari = login("sari")
    page = reverse("reports:matrices", args=[cycle.pk])
    assert (
        reverse("reports:matrices", args=[cycle.pk])
        in sari.get(reverse("reports:index", args=[cycle.pk])).content.decode()
    )
    html = sari.get(page).content.decode()
    # The demo keeps stakeholders, Forum Anak aspirations, the RAD, registries and KHA trainings.
    assert summary(html) == (
        "74 pertanyaan meminta matriks · 29 dapat disusun Layak · 0 sudah dilampirkan "
        "· 45 perlu disusun sendiri"
    )
    partnership = row_of(html, "3.1a")
    assert "Matriks kemitraan untuk KLA 2026" in partnership
    assert "siap dilampirkan" in partnership
    assert reverse("evaluation:question", args=[cycle.pk, "3.1a"]) in partnership
    own = row_of(html, Q_MATRIX)
    assert "perlu disusun sendiri" in own
    assert reverse("evidence:matrix_form", args=[cycle.pk, Q_MATRIX]) in own
    assert f'href="/siklus/{cycle.pk}/pertanyaan/1.1/"' not in html  # the Perda: no matrix


def test_a_matrix_attached_on_the_question_page_counts_as_attached(
    login: Callable[[str], Client], cycle: Any
) -> None:
    rina = login("rina")  # DP3AP2KB answers 3.1a
    attached = rina.post(
        reverse("evidence:attach_ready", args=[cycle.pk, "3.1a"]),
        {"key": f"mitra.matriks:{cycle.region_id}:{cycle.year}"},
    )
    assert attached.status_code == 302
    html = login("sari").get(reverse("reports:matrices", args=[cycle.pk])).content.decode()
    assert "· 29 dapat disusun Layak · 1 sudah dilampirkan ·" in summary(html)
    row = row_of(html, "3.1a")
    assert "sudah dilampirkan" in row
    assert "terlampir" in row


def test_budi_sees_only_the_matrix_questions_of_dinkes(
    login: Callable[[str], Client], cycle: Any
) -> None:
    html = login("budi").get(reverse("reports:matrices", args=[cycle.pk])).content.decode()
    assert summary(html) == (
        "24 pertanyaan meminta matriks · 5 dapat disusun Layak · 0 sudah dilampirkan "
        "· 19 perlu disusun sendiri"
    )
    assert "perlu disusun sendiri" in row_of(html, Q_MATRIX)
    for not_his in ("2.5", "3.1a", "4.2"):  # DP3AP2KB's and Disdukcapil's
        assert f"/pertanyaan/{not_his}/" not in html


def test_the_blank_form_is_headed_with_the_question_and_the_documented_columns(
    login: Callable[[str], Client], cycle: Any
) -> None:
    response = login("budi").get(reverse("evidence:matrix_form", args=[cycle.pk, Q_MATRIX]))
    assert response.status_code == 200
    assert (
        f"matriks-{Q_MATRIX}-{cycle.region_id}-{cycle.year}.xlsx"
        in (response["Content-Disposition"])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    question = cycle.instrument.question(Q_MATRIX)
    assert sheet["A1"].value == f"Matriks pertanyaan {Q_MATRIX}"
    assert [sheet["A2"].value, sheet["B2"].value] == [cycle.region.name, f"Tahun {cycle.year}"]
    assert sheet["A3"].value == f"{Q_MATRIX} · {question.text or question.label}"
    assert [c.value for c in sheet[4]] == FORM_HEADER
    numbered = [sheet.cell(row, 1).value for row in range(5, 20)]
    assert numbered == list(range(1, 16))
    assert all(sheet.cell(row, col).value is None for row in range(5, 20) for col in range(2, 8))
    assert sheet.cell(19, 7).border.bottom.style == "thin"  # a ruled grid to fill in on paper
    assert sheet.print_title_rows == "$4:$4"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    notes = " ".join(str(c.value) for c in sheet["A"][20:] if c.value)
    assert "Jangan menulis nama anak" in notes
    assert f"pertanyaan {Q_MATRIX}" in notes


def test_no_form_for_a_question_without_a_matrix_or_another_agencys(
    login: Callable[[str], Client], cycle: Any
) -> None:
    budi = login("budi")
    assert budi.get(reverse("evidence:matrix_form", args=[cycle.pk, "12.2"])).status_code == 404
    assert budi.get(reverse("evidence:matrix_form", args=[cycle.pk, "4.2"])).status_code == 404


def test_the_question_page_says_it_asks_for_a_matrix(
    login: Callable[[str], Client], cycle: Any
) -> None:
    def page(client: Client, code: str) -> str:
        return client.get(reverse("evaluation:question", args=[cycle.pk, code])).content.decode()

    form = reverse("evidence:matrix_form", args=[cycle.pk, Q_MATRIX])
    own = page(login("budi"), Q_MATRIX)
    assert "Pertanyaan ini meminta MATRIKS." in own
    assert form in own
    made = page(login("rina"), "3.1a")
    assert "Pertanyaan ini meminta MATRIKS." in made
    assert "Layak dapat menyusunnya dari catatannya" in made
    assert "formulir-matriks.xlsx" not in made
    assert "meminta MATRIKS" not in page(login("budi"), "12.2")


def test_the_page_in_english(login: Callable[[str], Client], cycle: Any) -> None:
    budi = login("budi")
    budi.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = budi.get(reverse("reports:matrices", args=[cycle.pk])).content.decode()
    assert summary(html) == (
        "24 questions ask for a matrix · Layak can make 5 · 0 attached "
        "· 19 to be made by the region"
    )
