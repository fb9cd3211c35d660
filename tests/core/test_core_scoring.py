"""Scores per indicator, part and total; predicates at their boundaries; the projected score."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.scoring import band_for, score


@pytest.fixture(scope="module")
def big(make_instrument: Callable[..., Instrument]) -> Instrument:
    """Two parts worth 1004 points in four questions, with the five KLA bands."""
    return make_instrument(
        {"code": "1.1", "max": 400},
        {"code": "1.2", "max": 200},
        {"code": "4.1", "max": 300, "part": "K1"},
        {"code": "4.2", "max": 104, "part": "K1"},
    )


def spread(instrument: Instrument, total: float, evidence: int = 1) -> dict[str, Answer]:
    """Answers that add up to `total`, filling the questions in order."""
    answers, left = {}, total
    for question in instrument.questions:
        points = min(left, question.max_points)
        answers[question.code] = Answer(points, evidence)
        left -= points
    return answers


def test_kota_metro_claims_points_with_and_without_documents(kla: Instrument):
    # The secretariat of Kota Metro claims 12 points for 1.1 without a document, a point for
    # 1.2a with two documents, and 15 points for 21A.3 with its decree attached.
    card = score(
        kla,
        {"1.1": Answer(12, 0), "1.2a": Answer(1, 2), "21A.3": Answer(15, 1)},
    )
    assert card.total == 28
    assert card.projected_verified_total == 16
    assert card.points_at_risk == 12
    assert card.answered == 3
    assert card.with_evidence == 2
    indicators = {i.code: i for i in card.indicators}
    assert (indicators["1"].score, indicators["1"].projected) == (13, 1)
    assert (indicators["21A"].score, indicators["21A"].projected) == (15, 15)
    assert indicators["19"].max == 54
    parts = {p.code: p for p in card.parts}
    assert (parts["KL"].score, parts["KL"].projected, parts["KL"].max) == (13, 1, 164)
    assert (parts["K5"].score, parts["K5"].max, parts["K5"].stated_max) == (15, 206, 205)
    assert parts["K1"].score == 0
    assert card.max_total == 1004
    assert (card.predicate, card.next_predicate, card.points_to_next) == (None, "Pratama", 472)
    assert card.projected_predicate is None


def test_unanswered_questions_earn_nothing_and_are_not_counted(kla: Instrument):
    card = score(kla, {"1.1": Answer(12, 1)})
    assert card.total == 12
    assert card.answered == 1
    assert set(card.question_points) == {"1.1"}
    assert score(kla, {}).total == 0


def test_codes_outside_the_instrument_earn_nothing(kla: Instrument):
    assert score(kla, {"99.1": Answer(50, 1)}).total == 0


@pytest.mark.parametrize(
    ("claimed", "counted"),
    [(50, 12), (12.0000001, 12), (-5, 0), (math.nan, 0), (math.inf, 12), (-math.inf, 0)],
)
def test_points_above_the_maximum_are_capped_and_below_zero_count_as_zero(
    kla: Instrument, claimed: float, counted: float
):
    card = score(kla, {"1.1": Answer(claimed, 1)})
    assert card.total == counted
    assert card.question_points["1.1"] == counted
    assert card.projected_verified_total == counted


@pytest.mark.parametrize(
    ("total", "predicate", "upcoming", "to_go"),
    [
        (0, None, "Pratama", 500),
        (499.99, None, "Pratama", 0.01),
        (500, "Pratama", "Madya", 101),
        (600, "Pratama", "Madya", 1),
        (600.5, "Pratama", "Madya", 0.5),
        (601, "Madya", "Nindya", 100),
        (800.99, "Nindya", "Utama", 0.01),
        (901, "KLA", None, None),
        (1004, "KLA", None, None),
    ],
)
def test_predicate_bands_at_their_boundaries(
    big: Instrument, total: float, predicate: str | None, upcoming: str | None, to_go
):
    card = score(big, spread(big, total))
    assert card.total == total
    assert card.predicate == predicate
    assert card.next_predicate == upcoming
    assert card.points_to_next == to_go
    assert card.projected_predicate == predicate


def test_a_total_is_compared_with_the_bands_after_rounding_to_hundredths(big: Instrument):
    assert band_for(big.bands, 499.994) is None
    assert band_for(big.bands, 499.996) is not None
    assert score(big, spread(big, 499.996)).predicate == "Pratama"


def test_totals_add_up_per_indicator_and_part(big: Instrument):
    answers = {"1.1": Answer(100.25, 1), "1.2": Answer(3.2, 0), "4.2": Answer(7.5, 3)}
    card = score(big, answers)
    assert [(i.code, i.score, i.projected) for i in card.indicators] == [
        ("1", 103.45, 100.25),
        ("4", 7.5, 7.5),
    ]
    assert [(p.code, p.score, p.projected, p.max) for p in card.parts] == [
        ("P1", 103.45, 100.25, 600),
        ("K1", 7.5, 7.5, 404),
    ]
    assert card.total == 110.95
    assert card.projected_verified_total == 107.75
    assert card.points_at_risk == 3.2


def test_the_projected_score_counts_only_questions_with_evidence(big: Instrument):
    # Every claim is full, but only the two clusters' questions have documents.
    answers = {q.code: Answer(q.max_points, 0) for q in big.questions}
    answers["4.1"] = Answer(300, 1)
    answers["4.2"] = Answer(104, 5)
    card = score(big, answers)
    assert card.total == 1004
    assert card.predicate == "KLA"
    assert card.projected_verified_total == 404
    assert card.projected_predicate is None
    assert card.points_at_risk == 600
    assert card.points_at_risk == card.total - card.projected_verified_total


def test_answers_at_full_evidence_put_nothing_at_risk(kla: Instrument):
    answers = {q.code: Answer(q.max_points, 1) for q in kla.questions}
    card = score(kla, answers)
    assert card.total == card.projected_verified_total == card.max_total == 1004
    assert card.points_at_risk == 0
    assert all(p.score == p.max for p in card.parts)
    assert card.answered == card.with_evidence == 274
