"""Rupiah as Indonesians write them, read and written, and the PUSPA share (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from layak.core.partnerships import share
from layak.core.rupiah import parse_amount, parse_rupiah, rupiah


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


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.250.000", "1250000.00"),
        ("Rp 1.250.000", "1250000.00"),
        ("1250000", "1250000.00"),
        ("Rp 1.500.000,50", "1500000.50"),
        ("1.500.000,5", "1500000.50"),
        ("1500.5", "1500.50"),
        ("-5.000", "-5000.00"),
    ],
)
def test_a_sum_is_kept_to_the_sen(typed: str, value: str) -> None:
    """One rule for every sum typed into Layak: a contribution's value, a RAD budget line."""
    amount = parse_amount(typed)
    assert amount == Decimal(value)
    assert amount is not None
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize("typed", ["1,505", "1.500.000,505", "0,001", "satu juta", ""])
def test_finer_than_a_sen_or_unreadable_is_none(typed: str) -> None:
    assert parse_amount(typed) is None


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
