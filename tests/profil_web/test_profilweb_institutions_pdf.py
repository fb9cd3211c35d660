"""The services for children per kecamatan in the Profil Anak PDF, as the page shows them. The
demo's Profil Anak is of last year (its registries' dates are counted back from this year),
when four of Kota Metro's ten puskesmas held a decree in force.

Budi of Dinkes reads the registries: his document has the section with its source, its date
and what the numbers count, and the puskesmas of each kecamatan as the page gives them. Oki,
a kecamatan operator, does not read the registries: his document has none of it."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

KECAMATAN = ("Metro Barat", "Metro Pusat", "Metro Selatan", "Metro Timur", "Metro Utara", "Jumlah")


def _nearest(line: str, pattern: str, end: int) -> int:
    """The number of `pattern` in `line` whose right edge is nearest `end` (numbers are right
    aligned under their column's heading)."""
    found = [(abs(m.end() - end), int(m.group(1))) for m in re.finditer(pattern, line)]
    assert found, line
    return min(found)[1]


def _puskesmas_in(text: str) -> dict[str, tuple[int, int]]:
    """Kecamatan → (active puskesmas, with a decree), read from the PDF's text as laid out:
    each row's figure, and under it the "n ber-SK" line."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if re.search(r"Kecamatan .*Puskesmas", line))
    end = lines[header].index("Puskesmas") + len("Puskesmas")
    found = {}
    for i in range(header + 1, len(lines)):
        name = next((n for n in KECAMATAN if lines[i].strip().startswith(n)), None)
        if name is None:
            continue
        active = _nearest(lines[i], r"(?<![\w-])(\d+)(?![\w-])", end)
        decreed = _nearest(lines[i + 1], r"(\d+) ber-SK", end)
        found[name] = (active, decreed)
        if name == "Jumlah":
            return found
    raise AssertionError("the puskesmas' total line is missing")


def _year() -> int:
    return timezone.localdate().year - 1  # the demo's Profil Anak year


def _pdf(client: Client) -> bytes:
    response = client.get(f"/profil-anak/18.72/{_year()}/pdf/")
    assert response.status_code == 200
    return response.content


def test_budis_document_shows_the_puskesmas_of_each_kecamatan_as_the_page_does(
    login: Callable[[str], Client], pdf_text: Callable[[bytes], str]
) -> None:
    budi = login("budi")
    text = pdf_text(_pdf(budi))

    assert f"Lembaga layanan anak per kecamatan {_year()}" in text
    assert "Sumber: Registri lembaga Kota Metro, dibaca" in text
    assert f"memegang SK yang berlaku pada tahun {_year()}" in text
    shown = _puskesmas_in(text)
    assert shown == {
        "Metro Barat": (1, 1),
        "Metro Pusat": (2, 2),
        "Metro Selatan": (2, 0),
        "Metro Timur": (2, 1),
        "Metro Utara": (3, 0),
        "Jumlah": (10, 4),  # four of ten in force last year
    }
    # The same figures as the page's section (one query for both).
    (table,) = budi.get(f"/profil-anak/18.72/{_year()}/").context["service_tables"]
    column = table.columns.index("Puskesmas")
    page = {line.name: line.cells[column] for line in table.lines}
    page["Jumlah"] = table.total[column]
    assert shown == {name: (c.active, c.decreed) for name, c in page.items()}
    # Every kind the register holds is in the document, though the table is printed in parts.
    for kind in table.columns:
        assert kind in text


def test_okis_document_has_no_registry_figures(
    login: Callable[[str], Client], pdf_text: Callable[[bytes], str]
) -> None:
    text = pdf_text(_pdf(login("oki")))
    assert "Profil Anak" in text
    assert "Lembaga layanan anak" not in text
    assert "Registri lembaga" not in text
    assert "ber-SK" not in text
