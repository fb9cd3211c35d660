"""The gap plan: the least-effort way to a target predicate, its refusals and its limits."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layak.core.answers import Answer
from layak.core.gap import Action, Effort, apply_plan, default_effort, plan_gap
from layak.core.instrument import Instrument
from layak.core.messages import Message
from layak.core.scoring import score
from tests.support.examples import examples


@pytest.fixture(scope="module")
def town(make_instrument: Callable[..., Instrument]) -> Instrument:
    """Four questions worth 20 points, bands from 10 to 20."""
    return make_instrument(
        {"code": "1.1", "max": 10},
        {"code": "1.2", "max": 5},
        {"code": "2.1", "max": 3.2, "per_desa_kelurahan": True},
        {"code": "2.2", "max": 1.8},
        bands=[
            {"name": "Pratama", "min": 10, "max": 14},
            {"name": "Madya", "min": 15, "max": 19},
            {"name": "KLA", "min": 20, "max": 20},
        ],
    )


def test_missing_documents_are_the_cheapest_way_to_the_next_predicate(town: Instrument):
    # The task force claimed 10 points for 1.1 without a document and 5 for 1.2 with one.
    answers = {"1.1": Answer(10, 0), "1.2": Answer(5, 1)}
    plan = plan_gap(town, answers, "Madya")
    assert (plan.current, plan.needed, plan.reachable) == (5, 10, True)
    assert [(i.code, i.action, i.gain, i.effort) for i in plan.items] == [
        ("1.1", Action.EVIDENCE, 10, 1.0)
    ]
    assert (plan.total_gain, plan.total_effort, plan.shortfall) == (10, 1, 0)
    assert score(town, apply_plan(answers, plan)).projected_verified_total == 15


def test_raising_an_undocumented_claim_lists_both_the_evidence_and_the_achievement(
    town: Instrument,
):
    # Half of 1.1 claimed without a document; KLA needs every point, so 1.1 must be raised.
    answers = {"1.1": Answer(5, 0), "1.2": Answer(5, 1)}
    answers |= {"2.1": Answer(3.2, 1), "2.2": Answer(1.8, 1)}
    plan = plan_gap(town, answers, "KLA")
    assert plan.reachable
    assert sorted((i.code, i.action) for i in plan.items) == [
        ("1.1", Action.EVIDENCE),
        ("1.1", Action.ACHIEVEMENT),
    ]
    assert plan.total_effort == 5
    applied = apply_plan(answers, plan)
    assert applied["1.1"] == Answer(10, 1)
    assert score(town, applied).projected_verified_total == 20


def test_kota_metro_claims_half_of_everything_without_documents_and_aims_for_kla(kla: Instrument):
    answers = {q.code: Answer(q.max_points / 2, 0) for q in kla.questions}
    plan = plan_gap(kla, answers, "KLA")
    assert plan.reachable
    assert score(kla, apply_plan(answers, plan)).projected_verified_total >= 901
    evidence_only = sum(q.max_points / 2 for q in kla.questions)
    assert evidence_only < 901  # documents alone are not enough: some claims must be raised
    assert any(i.action is Action.ACHIEVEMENT for i in plan.items)


def test_place_bound_questions_cost_more_to_raise_by_default(kla: Instrument, town: Instrument):
    assert default_effort(town.question("1.1")) == Effort(1.0, 4.0)
    assert default_effort(town.question("2.1")) == Effort(1.0, 6.0)
    assert default_effort(kla.question("25.2")).achievement == 6.0


def test_a_target_already_reached_needs_no_action(town: Instrument):
    answers = {"1.1": Answer(10, 1), "1.2": Answer(2, 1)}
    plan = plan_gap(town, answers, "pratama")
    assert plan.target == "Pratama"
    assert (plan.needed, plan.items, plan.total_effort, plan.total_gain) == (0, (), 0, 0)
    assert plan.reachable
    assert plan.shortfall == 0


def test_an_unreachable_target_says_by_how_much_and_lists_everything_that_adds_points(
    town: Instrument,
):
    # 2.1 cannot be raised this year and 1.2's documents cannot be found.
    answers = {"1.1": Answer(4, 1), "1.2": Answer(5, 0)}
    efforts = {"2.1": Effort(1, None), "1.2": Effort(None, 2)}
    plan = plan_gap(town, answers, "KLA", efforts)
    assert not plan.reachable
    max_gain = (10 - 4) + 1.8
    assert plan.needed == 16
    assert plan.max_reachable == pytest.approx(4 + max_gain)
    assert plan.shortfall == pytest.approx(plan.needed - max_gain)
    assert sorted((i.code, i.action) for i in plan.items) == [
        ("1.1", Action.ACHIEVEMENT),
        ("2.2", Action.ACHIEVEMENT),
    ]


def test_actions_ruled_out_are_never_planned(town: Instrument):
    answers = {"1.1": Answer(10, 0)}
    plan = plan_gap(town, answers, "Pratama", {"1.1": Effort(None, 4)})
    assert "1.1" not in {i.code for i in plan.items}
    assert plan.reachable
    assert plan.total_effort == 14  # 1.2 (4) + 2.1 (6) + 2.2 (4): exactly the 10 points


def test_the_plan_is_sorted_by_gain_per_effort(kla: Instrument):
    answers = {q.code: Answer(q.max_points / 2, i % 2) for i, q in enumerate(kla.questions)}
    plan = plan_gap(kla, answers, "KLA")
    assert {i.action for i in plan.items} == {Action.EVIDENCE, Action.ACHIEVEMENT}
    ratios = [i.gain / i.effort for i in plan.items]
    assert ratios == sorted(ratios, reverse=True)


def test_an_unknown_predicate_is_refused_with_the_choices(town: Instrument):
    with pytest.raises(ValueError, match=r"gap\.unknown_predicate") as caught:
        plan_gap(town, {}, "Istimewa")
    message = caught.value.args[0]
    assert isinstance(message, Message)
    assert message.key == "gap.unknown_predicate"
    assert "Pratama, Madya, KLA" in message.render("en")


@pytest.mark.parametrize("bad", [0.005, 1.001, 0, -1, math.nan, math.inf])
@pytest.mark.parametrize("target", ["Madya", "Pratama", "KLA"])
def test_efforts_off_the_hundredths_grid_or_not_positive_are_refused(
    town: Instrument, bad: float, target: str
):
    # Madya needs a plan, Pratama is already reached, KLA is out of reach (2.1 is ruled out):
    # the rule does not depend on the target.
    answers = {"1.1": Answer(10, 1), "1.2": Answer(2, 0)}
    efforts = {"1.2": Effort(bad, 4), "2.1": Effort(None, None)}
    with pytest.raises(ValueError, match=r"effort\.bad_value") as caught:
        plan_gap(town, answers, target, efforts)
    assert caught.value.args[0].key == "effort.bad_value"
    with pytest.raises(ValueError, match=r"effort\.bad_value"):
        plan_gap(town, answers, target, {"1.2": Effort(1, bad)})


def test_efforts_on_the_grid_are_accepted(town: Instrument):
    plan = plan_gap(town, {}, "Pratama", {"1.1": Effort(0.01, 0.07), "1.2": Effort(1, 999.99)})
    assert [(i.code, i.effort) for i in plan.items] == [("1.1", 0.07)]
    assert plan.total_effort == 0.07


def kla_answers(kla: Instrument) -> st.SearchStrategy[dict[str, Answer]]:
    levels = st.tuples(st.sampled_from([0, 0.25, 0.5, 1]), st.integers(0, 1), st.booleans())
    codes = [(q.code, q.max_points) for q in kla.questions]
    return st.lists(levels, min_size=len(codes), max_size=len(codes)).map(
        lambda drawn: {
            code: Answer(maximum * share, evidence)
            for (code, maximum), (share, evidence, answered) in zip(codes, drawn, strict=True)
            if answered
        }
    )


@settings(max_examples=examples(40), deadline=None)
@given(data=st.data())
def test_on_kla_2024_the_plan_reaches_every_reachable_target(kla: Instrument, data: st.DataObject):
    answers = data.draw(kla_answers(kla))
    band = data.draw(st.sampled_from(kla.bands))
    plan = plan_gap(kla, answers, band.name)
    after = score(kla, apply_plan(answers, plan)).projected_verified_total
    assert plan.reachable  # every action possible: the full 1004 points are within reach
    assert after >= band.min_points
    assert plan.total_gain >= plan.needed
    assert plan.total_effort == pytest.approx(math.fsum(i.effort for i in plan.items))
    assert after == pytest.approx(plan.current + plan.total_gain, abs=0.011)
