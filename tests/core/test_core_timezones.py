"""Stage dates are a region's local time: every province of Indonesia has its zone."""

from __future__ import annotations

import csv
import gzip
from datetime import UTC, datetime
from pathlib import Path

import layak
from layak.core.timezones import PROVINCE_ZONES, WIB, WIT, WITA, zone_of

WILAYAH = Path(layak.__file__).parent / "regions" / "data" / "wilayah-kemendagri-2025.csv.gz"


def test_every_province_of_the_shipped_list_has_a_zone_and_no_other() -> None:
    with gzip.open(WILAYAH, "rt", encoding="utf-8") as rows:
        provinces = {row["kode"] for row in csv.DictReader(rows) if "." not in row["kode"]}
    assert provinces == PROVINCE_ZONES.keys()


def test_kota_metro_in_lampung_keeps_wib_and_the_east_keeps_wita_and_wit() -> None:
    assert zone_of("18.72") is WIB  # Kota Metro, Lampung
    assert zone_of("18.72.01.1005") is WIB  # a kelurahan follows its province
    assert zone_of("62.71") is WIB  # Palangka Raya: Central Kalimantan is WIB
    assert zone_of("63.71") is WITA  # Banjarmasin: South Kalimantan is WITA
    assert zone_of("51.71") is WITA  # Denpasar
    assert zone_of("94") is WIT  # Papua Tengah, created in 2022


def test_eight_in_the_morning_is_a_different_moment_in_each_zone() -> None:
    morning = datetime(2026, 3, 2, 8, 0)
    in_utc = [morning.replace(tzinfo=zone.info).astimezone(UTC).hour for zone in (WIB, WITA, WIT)]
    assert in_utc == [1, 0, 23]
