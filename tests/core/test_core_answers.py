"""Answer rules: from an answer in its kind to points, and the refusals."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layak.core.answers import (
    check_answer,
    clamp_points,
    parse_evidence_count,
    parse_number,
    points_for,
    value_for,
)
from layak.core.instrument import Instrument, Question
from tests.support.examples import examples

STEPS_UP = [{"value": v, "fraction": f} for v, f in ((25, 0.25), (50, 0.5), (75, 0.75), (100, 1))]
STEPS_DOWN = [{"value": v, "fraction": f} for v, f in ((0, 1), (25, 0.75), (50, 0.5), (75, 0.25))]


@pytest.fixture(scope="module")
def sheet(make_instrument: Callable[..., Instrument]) -> Instrument:
    return make_instrument(
        {"code": "1.1", "max": 12, "kind": "ya_tidak"},
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
        {"code": "12.1", "max": 3, "kind": "persentase", "thresholds": STEPS_UP},
        {
            "code": "13.3",
            "max": 3,
            "kind": "persentase",
            "direction": "turun",
            "thresholds": STEPS_DOWN,
        },
        {"code": "8.1", "max": 6, "kind": "angka", "thresholds": [{"value": 1, "fraction": 1}]},
        {"code": "21A.3", "max": 3.2, "kind": "poin"},
    )


def q(sheet: Instrument, code: str) -> Question:
    return sheet.question(code)


@pytest.mark.parametrize(
    ("value", "points"),
    [
        *[("Ya", 12), ("ya", 12), (" YES ", 12), ("ada", 12), (True, 12), (1, 12)],
        *[("TIDAK", 0), ("tidak ada", 0), ("belum", 0), (False, 0), ("0", 0), ("n", 0)],
    ],
)
def test_yes_earns_the_maximum_and_no_earns_nothing(sheet: Instrument, value: object, points):
    assert points_for(q(sheet, "1.1"), value) == points


@pytest.mark.parametrize(("key", "points"), [("lengkap", 6), ("sebagian", 3), (" tidak ", 0)])
def test_a_choice_earns_its_options_share(sheet: Instrument, key: str, points: float):
    assert points_for(q(sheet, "6.1"), key) == points


@pytest.mark.parametrize(
    ("value", "points"),
    [(0, 0), (24.9, 0), (25, 0.75), ("60", 1.5), ("74,99", 1.5), (75, 2.25), (100, 3)],
)
def test_a_percentage_where_more_is_better_earns_the_highest_threshold_reached(
    sheet: Instrument, value: object, points: float
):
    assert points_for(q(sheet, "12.1"), value) == pytest.approx(points)


@pytest.mark.parametrize(
    ("value", "points"), [(0, 3), (10, 2.25), (25, 2.25), (30, 1.5), (75, 0.75), (80, 0), (100, 0)]
)
def test_stunting_where_less_is_better_earns_the_highest_threshold_still_under(
    sheet: Instrument, value: object, points: float
):
    assert points_for(q(sheet, "13.3"), value) == pytest.approx(points)


@pytest.mark.parametrize(("value", "points"), [(0, 0), ("0,5", 0), (1, 6), ("14", 6)])
def test_a_count_reaching_its_threshold_earns_the_maximum(sheet: Instrument, value, points):
    assert points_for(q(sheet, "8.1"), value) == points


def test_points_are_given_directly_and_a_hair_above_the_maximum_is_capped(sheet: Instrument):
    question = q(sheet, "21A.3")
    assert points_for(question, "2,5") == 2.5
    assert points_for(question, 3.2) == 3.2
    assert points_for(question, 3.2 + 1e-12) == 3.2
    with pytest.raises(ValueError, match=r"3\.2") as caught:
        points_for(question, 4)
    assert caught.value.args[0].key == "answer.points_above_max"


@pytest.mark.parametrize(
    ("code", "value", "rule"),
    [
        ("12.1", 120, "answer.percentage_range"),
        ("12.1", "-1", "answer.percentage_range"),
        ("8.1", -3, "answer.number_negative"),
        ("6.1", "penuh", "answer.unknown_option"),
        ("6.1", "Lengkap", "answer.unknown_option"),
        ("1.1", "mungkin", "answer.not_yes_no"),
        ("1.1", 2, "answer.not_yes_no"),
        ("12.1", "lima puluh", "answer.not_a_number"),
        ("8.1", "1e5", "answer.not_a_number"),
        # 10^70 would not fit the stored answer (a crash on PostgreSQL before this rule).
        ("8.1", "1" + "0" * 70, "answer.number_too_large"),
        ("8.1", 10.0**16, "answer.number_too_large"),
        ("21A.3", "-0,5", "answer.points_negative"),
        ("21A.3", "3,3", "answer.points_above_max"),
        ("21A.3", None, "answer.not_a_number"),
    ],
)
def test_answers_that_break_a_rule_are_refused(sheet: Instrument, code: str, value, rule: str):
    problem = check_answer(q(sheet, code), value)
    assert problem is not None
    assert problem.key == rule
    with pytest.raises(ValueError, match=rule.replace(".", r"\.")) as caught:
        points_for(q(sheet, code), value)
    assert caught.value.args[0] == problem


def test_an_unknown_option_lists_the_choices_in_both_languages(sheet: Instrument):
    problem = check_answer(q(sheet, "6.1"), "penuh")
    assert problem is not None
    assert "lengkap, sebagian, tidak" in problem.render("id")
    assert "lengkap, sebagian, tidak" in problem.render("en")
    assert problem.render("id") != problem.render("en")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2,5", 2.5),
        ("2.5", 2.5),
        (" 12 ", 12),
        ("1\u00a0000", 1000),
        (",5", 0.5),
        ("3.", 3),
        ("-4", -4),
        ("+4", 4),
        (7, 7),
        (0.25, 0.25),
    ],
)
def test_numbers_are_read_as_people_type_them(text: object, number: float):
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text",
    ["abc", "1e5", "1E5", "2,5,1", "1.000,5", "", "-", ".", "12%", "nan", "inf", True, math.nan],
)
def test_what_is_not_a_plain_number_is_not_read_as_one(text: object):
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "count"), [("2", 2), (3.0, 3), ("0", 0), ("1,0", 1)])
def test_evidence_counts_are_whole_numbers(text: object, count: int):
    assert parse_evidence_count(text) == count


@pytest.mark.parametrize("text", ["1,5", "-1", "dua", True])
def test_evidence_counts_that_are_not_whole_and_non_negative_are_refused(text: object):
    assert parse_evidence_count(text) is None


@settings(max_examples=examples(300))
@given(
    maximum=st.floats(0, 1000, allow_nan=False),
    points=st.floats(allow_nan=True, allow_infinity=True),
)
def test_clamped_points_are_never_negative_and_never_above_the_maximum(
    make_instrument: Callable[..., Instrument], maximum: float, points: float
):
    question = make_instrument({"code": "1.1", "max": maximum}).question("1.1")
    clamped = clamp_points(question, points)
    assert 0 <= clamped <= maximum
    if math.isfinite(points) and 0 <= points <= maximum:
        assert clamped == points


def test_a_simulated_answer_earns_nothing_or_the_maximum_as_asked(kla: Instrument) -> None:
    """`value_for` (the demo's and the national seed's answers) is `points_for` undone."""
    for question in kla.questions:
        for wanted in (0.0, question.max_points):
            assert points_for(question, value_for(question, wanted)) == pytest.approx(wanted), (
                question.code
            )
