"""Rupiah as Indonesians write them, read and written, and the PUSPA share (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from layak.core.partnerships import share
from layak.core.rupiah import parse_rupiah, rupiah


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25.000.000", Decimal("25000000")),
        ("Rp 25.000.000", Decimal("25000000")),
        ("Rp. 1.500,50", Decimal("1500.50")),
        ("25000000", Decimal("25000000")),
        ("1500.5", Decimal("1500.5")),
        ("-5.000", Decimal("-5000")),
        ("0", Decimal("0")),
    ],
)
def test_rupiah_is_read_as_written(text: str, value: Decimal) -> None:
    assert parse_rupiah(text) == value


@pytest.mark.parametrize("text", ["", "Rp", "dua juta", "1.2.3,4,5", "25.00.000", "1,5,0", "1e6"])
def test_unreadable_rupiah_is_none(text: str) -> None:
    assert parse_rupiah(text) is None


def test_rupiah_is_shown_with_dots_and_cents_only_when_there_are_any() -> None:
    assert rupiah(Decimal("25000000.00"), sen=True) == "Rp 25.000.000"
    assert rupiah(Decimal("1500.5"), sen=True) == "Rp 1.500,50"
    assert rupiah(Decimal("1500.5"), "en", sen=True) == "Rp 1,500.50"
    assert rupiah(0, sen=True) == "Rp 0"
    assert rupiah(None, sen=True) == "—"


def test_what_a_form_shows_is_what_it_reads_back() -> None:
    for value in (Decimal("25000000"), Decimal("1500.50"), Decimal("0.05")):
        assert parse_rupiah(rupiah(value, symbol=False, sen=True)) == value


def test_share_is_a_whole_percentage() -> None:
    assert share(7, 13) == 54
    assert share(0, 0) is None
