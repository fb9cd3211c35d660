"""`load_profile` on a tiny dataset whose every figure is known by hand, and the demo's Kota Metro
profile (a generated registry extract the size of the city)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from layak.audit.models import AuditEvent
from layak.profil import services
from layak.profil.models import ProfilDataset
from tests.profil.profil_import_support import YEAR

pytestmark = pytest.mark.django_db


def test_figures_of_a_known_table(
    metro: Any, aggregate_table: Path, write_csv: Callable[..., Path]
) -> None:
    disabilities = write_csv(
        [("18.72.01.1001", "L", "Fisik", "2"), ("18.72.02.1001", "P", "Tunarungu", "1")],
        header=["kode_wilayah", "jenis_kelamin", "disabilitas", "jumlah"],
        name="disabilitas.csv",
    )
    services.import_file(
        path=aggregate_table, region=metro, year=YEAR, disability_path=disabilities
    )
    profile = services.load_profile(metro, YEAR)
    assert profile is not None
    region = profile.region
    assert (region.code, region.name, region.children) == ("18.72", "Kota Metro", 60)
    assert dict(region.by_sex) == {"L": 30, "P": 30}
    assert {g: dict(by) for g, by in region.by_age_group.items()} == {
        "0-4": {"L": 10, "P": 12},
        "5-9": {"L": 20, "P": 0},
        "10-14": {"L": 0, "P": 0},
        "15-17": {"L": 0, "P": 18},
    }
    akta, kia = region.akta_coverage, region.kia_coverage
    assert akta is not None
    assert kia is not None
    assert (akta.overall.covered, akta.overall.of, akta.overall.percent) == (45, 60, 75.0)
    assert (akta.by_sex["L"].percent, akta.by_sex["P"].percent) == (80.0, 70.0)
    assert akta.by_age_group["15-17"].percent == 50.0
    assert akta.by_age_group["10-14"].percent is None  # no children: no rate, not 0
    assert kia.overall.percent == 48.33

    kecamatan = {k.code: k for k in profile.by_kecamatan}
    assert len(kecamatan) == 5
    assert kecamatan["18.72.01"].name == "Metro Pusat"
    assert kecamatan["18.72.01"].children == 42
    assert kecamatan["18.72.02"].children == 18
    assert kecamatan["18.72.05"].children == 0
    pusat = kecamatan["18.72.01"].akta_coverage
    assert pusat is not None
    assert pusat.overall.percent == 85.71
    kelurahan = {k.code: k for k in profile.by_kelurahan}
    assert len(kelurahan) == 22
    assert (kelurahan["18.72.02.1001"].name, kelurahan["18.72.02.1001"].children) == (
        "Banjarsari",
        18,
    )
    assert profile.by_age == ()  # an age group is in the table: no single-year pyramid
    assert profile.disabilities == (("Fisik", 2, 0), ("Tunarungu", 0, 1))
    assert [(lag.code, lag.document, lag.percent) for lag in profile.lagging] == [
        ("18.72.02.1001", "akta", 50.0),
        ("18.72.01.1001", "kia", 47.62),
    ]


def test_single_years_give_the_pyramid(metro: Any, clean_extract: Path) -> None:
    services.import_file(path=clean_extract, region=metro, year=YEAR)
    profile = services.load_profile(metro, YEAR)
    assert profile is not None
    assert len(profile.by_age) == 18
    ages = {age: (boys, girls) for age, boys, girls in profile.by_age}
    # Born 2020-05-01 (L), 2019-06-01 (P), 2010-07-15 (P) and 2024-12-31 (L), on 31 Dec 2024.
    assert (ages[4], ages[5], ages[14], ages[0]) == ((1, 0), (0, 1), (0, 1), (1, 0))
    assert profile.disabilities == (("Tunarungu", 0, 1),)


def test_no_profile_without_a_current_dataset(metro: Any) -> None:
    assert services.load_profile(metro, 2019) is None


def test_the_demo_has_kota_metros_profile_for_2025(metro: Any) -> None:
    from layak.demo.profil import PROFIL_YEAR, population

    dataset = ProfilDataset.objects.get(region=metro, year=PROFIL_YEAR, is_current=True)
    assert PROFIL_YEAR == 2025
    assert dataset.source == "microdata"
    assert dataset.summary["rows_read"] == population("18.72") == 182_293
    assert dataset.summary["rows_rejected"] == 0
    assert 55_000 <= dataset.children <= 65_000  # about a third of the people are children
    assert dataset.imported_by is not None
    assert dataset.imported_by.username == "sari"
    assert dataset.cells.values("village").distinct().count() == 22
    assert AuditEvent.objects.filter(action="profil.import", object_id=str(dataset.pk)).exists()
    profile = services.load_profile(metro, PROFIL_YEAR)
    assert profile is not None
    assert profile.region.children == dataset.children
    assert all(k.children > 0 for k in profile.by_kelurahan)
    assert profile.region.akta_coverage is not None
    assert profile.lagging  # some kelurahan lag behind the city's coverage
