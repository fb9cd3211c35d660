"""The one rule for a region's answer: the answer in its kind proposes points, the points
claimed may adjust them within the maximum (as the national recap grants partial points), a
strict question takes only its kind's answer, and KELANA/DEKELA answers follow the units."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layak.core.answers import (
    UnitTally,
    claim_answer,
    claim_from_units,
    points_for,
    points_from_share,
    proposed_points,
)
from layak.core.instrument import Instrument
from layak.core.loader import InstrumentError
from layak.core.messages import InputError

PREVALENCE = [{"value": v, "fraction": f} for v, f in ((14, 1), (20, 0.75), (30, 0.5), (40, 0.25))]


@pytest.fixture(scope="module")
def sheet(make_instrument: Callable[..., Instrument]) -> Instrument:
    return make_instrument(
        {"code": "1.1", "max": 12, "kind": "ya_tidak"},
        {"code": "1.2", "max": 4, "kind": "ya_tidak", "strict": True},
        {"code": "17.5", "max": 3, "kind": "ya_tidak", "negative": True},
        {
            "code": "6.1",
            "max": 6,
            "kind": "pilihan",
            "options": [
                {"key": "lengkap", "fraction": 1},
                {"key": "sebagian", "fraction": 0.5},
                {"key": "tidak", "fraction": 0},
            ],
        },
        {
            "code": "13.3",
            "max": 5,
            "kind": "persentase",
            "direction": "turun",
            "thresholds": PREVALENCE,
        },
        {"code": "21A.3", "max": 3, "kind": "poin"},
        {
            "code": "26.2",
            "max": 6,
            "kind": "persentase",
            "per_desa_kelurahan": True,
            "thresholds": [{"value": 50, "fraction": 0.5}, {"value": 100, "fraction": 1}],
        },
        {"code": "26.18", "max": 4, "kind": "ya_tidak", "per_desa_kelurahan": True},
        {
            "code": "26.19",
            "max": 4,
            "kind": "ya_tidak",
            "per_desa_kelurahan": True,
            "negative": True,
        },
    )


def _refusal(call: Callable[[], object]) -> tuple[str, str | None]:
    with pytest.raises(InputError) as caught:
        call()
    problem = caught.value.problems[0]
    return problem.message.key, problem.column


def test_a_yes_proposes_the_maximum_and_the_recap_may_grant_part_of_it(sheet: Instrument):
    question = sheet.question("1.1")
    full = claim_answer(question, "ya")
    assert (full.value, full.points, full.proposed, full.adjusted) == ("ya", 12.0, 12.0, False)
    partial = claim_answer(question, "ya", "9")
    assert (partial.points, partial.proposed, partial.adjusted) == (9.0, 12.0, True)


def test_points_alone_are_an_answer_with_a_decimal_comma_or_dot(sheet: Instrument):
    question = sheet.question("1.1")
    assert claim_answer(question, "", "7,92").points == 7.92
    assert claim_answer(question, "", "7.92").points == 7.92
    alone = claim_answer(question, points="3")
    assert (alone.value, alone.proposed, alone.adjusted) == ("", None, True)


def test_nothing_given_is_unanswered(sheet: Instrument):
    claim = claim_answer(sheet.question("1.1"), "", "")
    assert (claim.answered, claim.points) == (False, None)


@pytest.mark.parametrize(
    ("value", "points", "key", "column"),
    [
        ("ya", "12,5", "answer.points_above_max", "points"),
        ("", "-1", "answer.points_negative", "points"),
        ("", "dua", "answer.points_not_a_number", "points"),
        ("mungkin", "", "answer.not_yes_no", "value"),
    ],
)
def test_refusals_name_the_field_and_the_rule(
    sheet: Instrument, value: str, points: str, key: str, column: str
):
    question = sheet.question("1.1")
    assert _refusal(lambda: claim_answer(question, value, points)) == (key, column)


def test_a_refusal_names_the_question(sheet: Instrument):
    with pytest.raises(InputError) as caught:
        claim_answer(sheet.question("1.1"), "", "13")
    assert caught.value.render("id") == (
        "kolom points: nilai 13 melebihi nilai maksimal pertanyaan 1.1, yaitu 12"
    )


def test_a_strict_question_takes_only_its_kinds_answer(sheet: Instrument):
    strict = sheet.question("1.2")
    assert claim_answer(strict, "ya").points == 4.0
    assert claim_answer(strict, "ya", "4").points == 4.0  # the points it earns anyway
    assert _refusal(lambda: claim_answer(strict, "ya", "2")) == ("answer.strict_points", "points")
    assert _refusal(lambda: claim_answer(strict, "", "2")) == (
        "answer.strict_needs_value",
        "value",
    )


def test_a_negative_question_gives_the_points_to_tidak(sheet: Instrument):
    question = sheet.question("17.5")
    assert claim_answer(question, "tidak").points == 3.0
    assert claim_answer(question, "ya").points == 0.0


def test_lower_is_better_gives_full_points_at_a_prevalence_under_the_target(sheet: Instrument):
    """The real recap gave full points for underweight at 13.1 % and stunting at 13.3 %."""
    question = sheet.question("13.3")
    assert claim_answer(question, "13,3").points == 5.0
    assert claim_answer(question, "25").points == 2.5
    assert claim_answer(question, "45").points == 0.0


def test_a_question_scored_in_points_takes_them_as_its_answer(sheet: Instrument):
    question = sheet.question("21A.3")
    for claim in (claim_answer(question, "2,5"), claim_answer(question, "", "2.5")):
        assert (claim.value, claim.points, claim.adjusted) == ("2.5", 2.5, False)


def test_the_choice_proposes_its_fraction(sheet: Instrument):
    assert claim_answer(sheet.question("6.1"), "sebagian").points == 3.0


def test_the_units_share_proposes_the_region_points(sheet: Instrument):
    by_threshold = sheet.question("26.2")
    claim = claim_from_units(by_threshold, UnitTally(units=22, answered=22, yes=11).share)
    assert (claim.value, claim.points) == ("50", 3.0)
    by_share = sheet.question("26.18")
    assert claim_from_units(by_share, 75.0).points == 3.0
    negative = sheet.question("26.19")
    assert claim_from_units(negative, 75.0).points == 1.0  # a quarter answered no
    adjusted = claim_from_units(by_share, 75.0, "2,7")
    assert (adjusted.points, adjusted.proposed, adjusted.adjusted) == (2.7, 3.0, True)


def test_a_tally_is_complete_when_every_unit_answered():
    assert UnitTally(units=22, answered=22, yes=3).complete
    assert not UnitTally(units=22, answered=21, yes=21).complete
    assert not UnitTally(units=0, answered=0, yes=0).complete


def test_the_stored_value_proposes_what_the_claim_proposed(sheet: Instrument):
    assert proposed_points(sheet.question("1.1"), "ya") == 12.0
    assert proposed_points(sheet.question("26.2"), "50") == points_from_share(
        sheet.question("26.2"), 50.0
    )
    assert proposed_points(sheet.question("1.1"), "") is None


def test_negative_is_only_for_yes_no(make_instrument: Callable[..., Instrument]):
    with pytest.raises(InstrumentError) as caught:
        make_instrument({"code": "1.1", "max": 2, "kind": "poin", "negative": True})
    assert caught.value.problems[0].message.key == "instrument.negative_needs_yes_no"


@given(
    maximum=st.sampled_from([1.0, 1.25, 3.0, 12.0]),
    fraction=st.floats(min_value=0, max_value=1),
    comma=st.booleans(),
)
def test_any_points_within_the_maximum_are_kept_to_four_places(
    make_instrument: Callable[..., Instrument], maximum: float, fraction: float, comma: bool
):
    question = make_instrument({"code": "1.1", "max": maximum, "kind": "ya_tidak"}).question("1.1")
    claimed = round(maximum * fraction, 4)
    text = f"{claimed:.4f}"
    claim = claim_answer(question, "ya", text.replace(".", ",") if comma else text)
    assert claim.points == claimed
    assert claim.proposed == points_for(question, "ya")
