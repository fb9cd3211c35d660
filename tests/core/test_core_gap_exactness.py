"""The gap plan is exact: on small instruments it matches a brute force over every plan."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from layak.core.answers import Answer
from layak.core.gap import Effort, apply_plan, plan_gap
from layak.core.instrument import Instrument
from layak.core.scoring import score
from tests.support.examples import examples

SmallInstruments = Callable[..., st.SearchStrategy[Instrument]]
AnswerSets = Callable[[Instrument], st.SearchStrategy[dict[str, Answer]]]

# Efforts on a 0.25 grid (0.25 … 3); about one action in five is ruled out (None).
efforts_grid = st.integers(-2, 12).map(lambda k: None if k <= 0 else k / 4)


def moves(maximum: float, answer: Answer | None, effort: Effort) -> list[tuple[float, float]]:
    """(gain, effort) of each choice on one question: none, bukti, capaian."""
    claimed = min(max(answer.points, 0.0), maximum) if answer else 0.0
    documented = answer is not None and answer.evidence > 0
    choices = [(0.0, 0.0)]
    if not documented and claimed > 0 and effort.evidence is not None:
        choices.append((claimed, effort.evidence))  # bukti: the claim becomes verifiable
    if claimed < maximum and effort.achievement is not None:
        if documented:
            choices.append((maximum - claimed, effort.achievement))
        elif claimed == 0:
            choices.append((maximum, effort.achievement))
        elif effort.evidence is not None:  # capaian on an undocumented claim needs bukti too
            choices.append((maximum, effort.evidence + effort.achievement))
    return choices


def brute_force(
    instrument: Instrument, answers: dict[str, Answer], efforts: dict[str, Effort], target: float
) -> float | None:
    """The least total effort that lifts the projected score to `target`; None if impossible."""
    current = score(instrument, answers).projected_verified_total
    per_question = [
        moves(q.max_points, answers.get(q.code), efforts[q.code]) for q in instrument.questions
    ]
    best: float | None = None
    for combination in itertools.product(*per_question):
        gain = math.fsum(g for g, _ in combination)
        cost = math.fsum(e for _, e in combination)
        if current + gain >= target - 1e-9 and (best is None or cost < best):
            best = cost
    return best


@st.composite
def cases(
    draw: st.DrawFn, instruments: SmallInstruments, answer_sets: AnswerSets
) -> tuple[Instrument, dict[str, Answer], dict[str, Effort], str]:
    instrument = draw(instruments(max_questions=7))
    answers = draw(answer_sets(instrument))
    efforts = {q.code: Effort(draw(efforts_grid), draw(efforts_grid)) for q in instrument.questions}
    target = draw(st.sampled_from([b.name for b in instrument.bands]))
    return instrument, answers, efforts, target


@settings(max_examples=examples(250), deadline=None)
@given(data=st.data())
def test_the_plan_costs_exactly_the_brute_force_minimum(
    small_instrument_strategy: SmallInstruments, answer_strategy: AnswerSets, data: st.DataObject
):
    instrument, answers, efforts, target = data.draw(
        cases(small_instrument_strategy, answer_strategy)
    )
    band = instrument.band(target)
    assert band is not None
    plan = plan_gap(instrument, answers, target, efforts)
    minimum = brute_force(instrument, answers, efforts, band.min_points)
    event(f"reachable: {plan.reachable}, needed > 0: {plan.needed > 0}")
    event(f"{len(instrument.questions)} questions")
    assert plan.reachable == (minimum is not None)
    if minimum is None:
        assert plan.shortfall > 0
        return
    assert plan.total_effort == pytest.approx(minimum, abs=1e-9)
    assert plan.shortfall == 0
    after = score(instrument, apply_plan(answers, plan)).projected_verified_total
    assert after >= band.min_points
    for item in plan.items:
        effort = efforts[item.code]
        planned = effort.evidence if item.action.value == "bukti" else effort.achievement
        assert planned == item.effort  # a ruled-out action (None) never appears


@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_an_unreachable_target_falls_short_by_the_needed_minus_the_largest_gain(
    small_instrument_strategy: SmallInstruments, answer_strategy: AnswerSets, data: st.DataObject
):
    instrument, answers, efforts, target = data.draw(
        cases(small_instrument_strategy, answer_strategy)
    )
    plan = plan_gap(instrument, answers, target, efforts)
    largest = math.fsum(
        max(g for g, _ in moves(q.max_points, answers.get(q.code), efforts[q.code]))
        for q in instrument.questions
    )
    assert plan.max_reachable == pytest.approx(plan.current + largest, abs=0.006)
    if plan.reachable:
        assert plan.needed <= largest + 1e-9
        return
    assert plan.shortfall == pytest.approx(plan.needed - largest, abs=0.006)
    assert plan.total_gain == pytest.approx(largest, abs=0.006)
    after = score(instrument, apply_plan(answers, plan)).projected_verified_total
    assert after == pytest.approx(plan.max_reachable, abs=0.011)


@settings(max_examples=examples(50), deadline=None)
@given(
    claimed=st.integers(1, 19).map(lambda k: k / 4),
    evidence=st.sampled_from([0.25, 1, 2.5]),
    achievement=st.sampled_from([0.5, 4, 7.25]),
)
@example(claimed=2.5, evidence=1, achievement=4)
def test_a_half_claim_without_documents_reaches_the_full_maximum_when_it_must(
    make_instrument: Callable[..., Instrument], claimed: float, evidence: float, achievement: float
):
    # The only way to the band is the whole 5 points: evidence and achievement together.
    instrument = make_instrument(
        {"code": "1.1", "max": 5}, bands=[{"name": "Pratama", "min": 5, "max": 10}]
    )
    answers = {"1.1": Answer(claimed, 0)}
    plan = plan_gap(instrument, answers, "Pratama", {"1.1": Effort(evidence, achievement)})
    assert plan.reachable
    assert plan.total_effort == evidence + achievement
    assert score(instrument, apply_plan(answers, plan)).projected_verified_total == 5
