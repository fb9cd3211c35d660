"""The yearly Profil Anak PDF: a real PDF with the cover, the charts and tables and the methods
note, in public mode (it is published: one marker for every withheld cell), nothing fetched
while rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from layak.profil.documents import pdf_html
from layak.profil.views import pdf_name
from tests.profil_web.profilweb_support import KNOWN_YEAR, metro_profile, public_display


def _row(html: str, name: str) -> str:
    found = re.search(rf"<tr><td data-label=\"Desa/kelurahan\">{name}</td>.*?</tr>", html, re.S)
    assert found, name
    return found.group(0)


def _html(lang: str = "id") -> str:
    with translation.override(lang):
        return pdf_html(metro_profile(KNOWN_YEAR), public_display(KNOWN_YEAR))


def test_a_kelurahan_with_three_children_reads_the_one_marker() -> None:
    html = _html()
    margodadi = _row(html, "Margodadi")
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', margodadi)
    assert cells == ["x", "0", "x", "x", "x"]  # children, L, P, akta, KIA
    assert "&lt;5" not in html  # no marker says a number is small
    # Another kelurahan of Metro Selatan is withheld too, so Margodadi cannot be worked out.
    selatan = [_row(html, n) for n in ("Rejomulyo", "Margorejo", "Sumbersari Bantul")]
    assert any(">x<" in row for row in selatan)
    assert "Penyamaran sel kecil" in html
    assert "Catatan metode" in html


def test_the_pdf_html_fetches_nothing() -> None:
    html = _html()
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:|#)""", html)
    assert "@import" not in html
    assert "url(" not in html


def test_the_pdf_names_the_document_of_each_coverage_chart() -> None:
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", _html())
    assert captions == [
        "Akta kelahiran: anak 0–17 tahun yang memilikinya, per kecamatan",
        "Kartu Identitas Anak (KIA): anak 0–17 tahun yang memilikinya, per kecamatan",
        "Akta kelahiran: anak 0–17 tahun yang memilikinya, per desa/kelurahan",
        "Kartu Identitas Anak (KIA): anak 0–17 tahun yang memilikinya, per desa/kelurahan",
    ]
    english = re.findall(r"<figcaption>([^<]*)</figcaption>", _html("en"))
    assert english[1] == "Child Identity Card (KIA): children aged 0–17 who have one, by kecamatan"


def test_the_methods_note_speaks_english() -> None:
    html = _html("en")
    assert "Methods note" in html
    assert "Withholding small cells" in html
    assert "0–4, 5–9, 10–14, 15–17 years." in html


def test_the_file_is_named_after_the_region_and_year() -> None:
    class Region:
        code, name = "18.72", "Kota Metro"

    assert pdf_name(Region(), 2025) == "Profil-Anak-Kota-Metro-2025.pdf"  # type: ignore[arg-type]
    Region.name = "Kab. Tulang Bawang Barat"
    assert pdf_name(Region(), 2025) == "Profil-Anak-Kab-Tulang-Bawang-Barat-2025.pdf"  # type: ignore[arg-type]


@pytest.mark.django_db
def test_the_download_is_a_pdf_with_its_pages(
    login: Callable[[str], Client], known_dataset: Any, tmp_path: Path
) -> None:
    response = login("budi").get(f"/profil-anak/18.72/{KNOWN_YEAR}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Profil-Anak-Kota-Metro-{KNOWN_YEAR}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: the text is not checked")
    path = tmp_path / "profil.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 5
    assert "Profil Anak" in pages[0]
    assert "Kota Metro" in pages[0]
    assert str(KNOWN_YEAR) in pages[0]
    assert "Catatan metode" in pages[-1] or "Catatan metode" in pages[-2]
    margodadi = next(
        line for line in text.splitlines() if "Margodadi" in line and "Selatan" in line
    )
    assert " x " in f"{margodadi} "
    assert "<5" not in margodadi
    total = len([p for p in pages if p.strip()])
    assert re.search(rf"\b2\s*/\s*{total}\b", text)  # page numbers
