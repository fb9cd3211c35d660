"""The registries' figures on the Profil Anak page: per kecamatan, the services for children
the region recorded, with the active ones and those with a decree (SK) or standard in the
page's year, counted as the registry counts them. Kota Metro's demo registries: ten puskesmas
at their kelurahan, six with a decree in force this year (four of them since last year) and
Puskesmas Purwosari self-assessed this year.

Budi of Dinkes reads them for this year and for the demo's Profil Anak year (2025); Sari adds a
puskesmas without a kelurahan; Oki, a kecamatan operator, does not read the registries and sees
none of it; an empty register shows nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from layak.registries.models import Institution

pytestmark = pytest.mark.django_db


def tables(client: Client, year: int) -> list[Any]:
    response = client.get(f"/profil-anak/18.72/{year}/")
    assert response.status_code == 200
    return list(response.context["service_tables"])


def puskesmas(table: Any) -> dict[str, tuple[int, int, int]]:
    """Kecamatan → (active, with a decree, with a standard or self-assessment)."""
    column = table.columns.index("Puskesmas")
    lines = {line.name: line.cells[column] for line in table.lines}
    lines["Jumlah"] = table.total[column]
    return {name: (c.active, c.decreed, c.standardised) for name, c in lines.items()}


def test_budi_reads_the_puskesmas_of_each_kecamatan_this_year(
    login: Callable[[str], Client],
) -> None:
    year = timezone.localdate().year
    (table,) = tables(login("budi"), year)
    assert puskesmas(table) == {
        "Metro Barat": (1, 1, 0),  # Ganjar Agung
        "Metro Pusat": (2, 2, 0),  # Metro, Yosomulyo
        "Metro Selatan": (2, 0, 0),  # Sumbersari Bantul, Margorejo
        "Metro Timur": (2, 1, 0),  # Iringmulyo; Tejosari without
        "Metro Utara": (3, 2, 1),  # Banjarsari, Karangrejo; Purwosari self-assessed
        "Jumlah": (10, 6, 1),  # as the registry's page and 15.1's proposal: 6 of 10
    }
    assert [line.name for line in table.lines] == sorted(line.name for line in table.lines)
    assert table.columns[0] == "PUSPAGA"  # the register's order of kinds
    assert {"TK/RA", "SD/MI", "SMP/MTs", "SMA/MA/SMK", "Pos PAUD-HI", "LKSA"} <= set(table.columns)
    assert table.source == "Registri lembaga Kota Metro"
    assert table.as_of == timezone.localdate()
    assert table.url == f"/registri/?wilayah=18.72&tahun={year}"


def test_the_profil_anak_year_counts_the_decrees_in_force_that_year(
    login: Callable[[str], Client],
) -> None:
    """The demo's Profil Anak is of 2025: the decrees given this year do not count in it."""
    year = timezone.localdate().year - 1
    client = login("budi")
    (table,) = tables(client, year)
    counted = puskesmas(table)
    assert counted["Jumlah"] == (10, 4, 0)
    assert counted["Metro Utara"] == (3, 0, 0)
    page = client.get(f"/profil-anak/18.72/{year}/").content.decode()
    assert "Lembaga layanan anak per kecamatan" in page
    assert f"memegang SK yang berlaku pada tahun {year}" in page
    assert "Registri lembaga Kota Metro, dibaca" in page


def test_an_institution_without_a_place_gets_a_line_of_its_own(
    login: Callable[[str], Client],
) -> None:
    Institution.objects.create(region_id="18.72", kind="puskesmas", name="Puskesmas Keliling")
    Institution.objects.create(
        region_id="18.72", kind="puskesmas", name="Pustu Hadimulyo", unit_id="18.72.01"
    )  # recorded at its kecamatan, Metro Pusat
    Institution.objects.create(
        region_id="18.72", kind="puskesmas", name="Puskesmas Lama", unit_id="18.72.01.1001",
        active=False,
    )  # fmt: skip
    (table,) = tables(login("sari"), timezone.localdate().year)
    counted = puskesmas(table)
    assert table.lines[-1].name == "Tanpa kelurahan/kecamatan"
    assert counted["Tanpa kelurahan/kecamatan"] == (1, 0, 0)
    assert counted["Metro Pusat"] == (3, 2, 0)  # a closed one is out, as on the registry
    assert counted["Jumlah"] == (12, 6, 1)


def test_oki_does_not_read_the_registries_and_sees_none_of_it(
    login: Callable[[str], Client],
) -> None:
    oki = login("oki")
    assert tables(oki, timezone.localdate().year) == []
    assert oki.get("/registri/").status_code == 403


def test_an_empty_register_says_nothing(
    login: Callable[[str], Client], empty_registries: int
) -> None:
    client = login("sari")
    assert tables(client, timezone.localdate().year) == []
    page = client.get(f"/profil-anak/18.72/{timezone.localdate().year}/").content.decode()
    assert "Lembaga layanan anak per kecamatan" not in page
