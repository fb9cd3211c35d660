"""Numbers as each reader writes them (layak.core.numbers): Indonesian 1.004,5, English
1,004.5; in messages the quantities follow the reader, identifiers (rows, years) never change."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layak.core.answers import check_points, parse_number
from layak.core.instrument import Instrument
from layak.core.messages import Problem, format_number, msg
from layak.core.numbers import Number, canonical_number, localise_number, localise_points


@pytest.mark.parametrize(
    ("value", "places", "indonesian", "english"),
    [
        (3.75, None, "3,75", "3.75"),
        (1004.5, None, "1.004,5", "1,004.5"),
        (1004.5, 2, "1.004,50", "1,004.50"),
        (12, None, "12", "12"),
        (2.675, 2, "2,68", "2.68"),  # half up, as people round (binary 2.675 is 2.67499...)
        (0.333333, None, "0,3333", "0.3333"),
        (-0.00001, 2, "0,00", "0.00"),  # a number that shows as zero has no sign
        (91599, 0, "91.599", "91,599"),
        (Decimal("50.70"), 1, "50,7", "50.7"),
        (1e15, None, "1.000.000.000.000.000", "1,000,000,000,000,000"),
    ],
)
def test_a_number_reads_the_way_its_reader_writes_it(
    value: float, places: int | None, indonesian: str, english: str
) -> None:
    assert localise_number(value, "id", places) == indonesian
    assert localise_number(value, "en", places) == english


def test_points_keep_two_decimals_except_when_whole() -> None:
    """As score cards write them: 743,35 and 2,50, but 12 rather than 12,00."""
    assert [localise_points(v, "id") for v in (743.35, 2.5, 12, 1004.5)] == [
        "743,35",
        "2,50",
        "12",
        "1.004,50",
    ]
    assert [localise_points(v, "en") for v in (743.35, 2.5, 12, 1004.5)] == [
        "743.35",
        "2.50",
        "12",
        "1,004.50",
    ]


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4, allow_nan=False))
def test_a_number_written_for_an_input_is_read_back_as_the_same_number(value: Decimal) -> None:
    """An input's prefill has no thousands mark: parse_number reads its decimal comma back."""
    for lang in ("id", "en"):
        written = localise_number(value, lang, grouping=False)
        assert parse_number(written) == pytest.approx(float(value))


def test_a_quantity_in_a_message_stays_canonical_text_until_it_is_rendered() -> None:
    """format_number keeps "2.5" for whatever stores or compares it; the message localises."""
    half = format_number(2.5)
    assert isinstance(half, Number)
    assert half == "2.5" == canonical_number(2.5)
    assert json.dumps({"value": half}) == '{"value": "2.5"}'  # as an audit snapshot keeps it
    assert copy.deepcopy(Number(50.7, 2)).localised("id") == "50,70"  # places survive a copy
    assert format_number(1_000_000) == "1000000"


def test_budis_points_above_the_maximum_are_refused_in_each_readers_way(
    make_instrument,
) -> None:
    """Budi claims 1.5 points on a question worth 1.25: Sari reads "1,5" and "1,25", an
    English reader "1.5" and "1.25"; the question's code 1.1 stays a code in both."""
    sheet: Instrument = make_instrument({"code": "1.1", "max": 1.25, "kind": "poin"})
    refusal = check_points(sheet.question("1.1"), 1.5)
    assert refusal is not None
    assert refusal.render("id") == ("nilai 1,5 melebihi nilai maksimal pertanyaan 1.1, yaitu 1,25")
    assert refusal.render("en") == "points 1.5 exceed the maximum of question 1.1, which is 1.25"


def test_sizes_and_counts_get_a_thousands_mark_but_rows_and_years_never_do() -> None:
    too_large = Problem(msg("file.too_large", size=5_242_880, limit=5_000_000), row=1204)
    assert too_large.render("id") == (
        "baris 1204: berkas terlalu besar (5.242.880 bita; batas 5.000.000 bita)"
    )
    assert too_large.render("en") == (
        "row 1204: the file is too large (5,242,880 bytes; the limit is 5,000,000 bytes)"
    )
    year = msg("profil.bad_year", value=1999, latest=2026)
    assert year.render("id") == "tahun 1999 harus antara 2000 dan 2026"
    assert msg("profil.support.covered_of", covered=3502, of=3801).render("en") == (
        "3,502 of 3,801 children"
    )
