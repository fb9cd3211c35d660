"""The cheapest way to a target predicate: an exact plan over evidence and achievement actions.

For each question there are at most two useful moves:
- `bukti`: add the missing evidence for points already claimed (gain: those points);
- `capaian`: raise the achievement to the maximum and document it (gain: maximum − claimed).
  On a question that has claimed points but no evidence, raising it also needs the missing
  evidence, so the plan lists both moves.
Each move has an effort (defaults below, overridable per question). The plan is the set of moves
with the least total effort whose gain lifts the projected verified score to the target's lower
end. At most one choice per question makes it a multiple-choice covering knapsack, solved
exactly by dynamic programming over effort (efforts are kept on a 0.01 grid), with gains as
real numbers, so fractional points are exact.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import reduce

import numpy as np

from layak.core.answers import Answer
from layak.core.instrument import Instrument, Question
from layak.core.messages import msg
from layak.core.scoring import round_points, score

# Default efforts, in "satuan upaya" (about one person-week of an agency's work). Documented in
# docs/gap-plan.md; a region overrides them per question from a CSV.
DEFAULT_EVIDENCE_EFFORT = 1.0
DEFAULT_ACHIEVEMENT_EFFORT = 4.0
# Questions that every kecamatan or desa/kelurahan answers need work in many places.
DEFAULT_ACHIEVEMENT_EFFORT_PER_PLACE = 6.0

_EPS = 1e-9


class Action(StrEnum):
    EVIDENCE = "bukti"
    ACHIEVEMENT = "capaian"


@dataclass(frozen=True, slots=True)
class Effort:
    """Effort of each action on one question; None means the action is not possible."""

    evidence: float | None
    achievement: float | None


def default_effort(question: Question) -> Effort:
    place_bound = question.per_kecamatan or question.per_desa_kelurahan
    return Effort(
        evidence=DEFAULT_EVIDENCE_EFFORT,
        achievement=(
            DEFAULT_ACHIEVEMENT_EFFORT_PER_PLACE if place_bound else DEFAULT_ACHIEVEMENT_EFFORT
        ),
    )


@dataclass(frozen=True, slots=True)
class PlanItem:
    code: str
    action: Action
    gain: float
    effort: float
    new_points: float


@dataclass(frozen=True, slots=True)
class GapPlan:
    target: str
    target_points: float
    current: float
    needed: float
    reachable: bool
    items: tuple[PlanItem, ...]
    total_gain: float
    total_effort: float
    max_reachable: float  # the projected score if every possible action were taken
    shortfall: float  # how far the target stays out of reach (0 when reachable)


@dataclass(frozen=True, slots=True)
class _Choice:
    cost: int  # in effort units (see _units)
    gain: float
    items: tuple[PlanItem, ...]


def _choices(question: Question, answer: Answer | None, effort: Effort) -> list[_Choice]:
    claimed = min(max(answer.points, 0.0), question.max_points) if answer else 0.0
    documented = bool(answer and answer.evidence > 0)
    raise_by = question.max_points - claimed
    options: list[tuple[float, tuple[PlanItem, ...]]] = []
    evidence_item = None
    if not documented and claimed > _EPS and effort.evidence is not None:
        evidence_item = PlanItem(question.code, Action.EVIDENCE, claimed, effort.evidence, claimed)
        options.append((claimed, (evidence_item,)))
    if raise_by > _EPS and effort.achievement is not None:
        achieve = PlanItem(
            question.code, Action.ACHIEVEMENT, raise_by, effort.achievement, question.max_points
        )
        if documented or claimed <= _EPS:
            options.append((raise_by, (achieve,)))
        elif evidence_item is not None:
            options.append((claimed + raise_by, (evidence_item, achieve)))
    return [_Choice(0, gain, items) for gain, items in options]


def _to_hundredths(effort: float) -> int:
    if not math.isfinite(effort) or effort <= 0:  # before round(), which fails on nan and inf
        raise ValueError(msg("effort.bad_value", value=effort))
    scaled = effort * 100
    rounded = round(scaled)
    if abs(scaled - rounded) > 1e-6:
        raise ValueError(msg("effort.bad_value", value=effort))
    return rounded


def _with_units(groups: list[list[_Choice]]) -> list[list[_Choice]]:
    """Efforts as whole units: hundredths divided by their greatest common divisor."""
    raw = [[_to_hundredths(sum(i.effort for i in c.items)) for c in g] for g in groups]
    divisor = reduce(math.gcd, (w for g in raw for w in g), 0) or 1
    return [
        [_Choice(w // divisor, c.gain, c.items) for w, c in zip(ws, g, strict=True)]
        for ws, g in zip(raw, groups, strict=True)
    ]


def _greedy_cost(groups: list[list[_Choice]], needed: float) -> int | None:
    """A feasible plan's cost by best gain per effort first: an upper bound for the exact search."""
    ranked = sorted(
        ((c.gain / c.cost, g, c) for g, group in enumerate(groups) for c in group),
        key=lambda t: -t[0],
    )
    taken: dict[int, _Choice] = {}
    gain = 0.0
    for _, g, choice in ranked:
        if g in taken:
            continue
        taken[g] = choice
        gain += choice.gain
        if gain >= needed - _EPS:
            return sum(c.cost for c in taken.values())
    # The best ratio of every group is not enough: upgrade groups to their largest gain
    # (evidence alone → evidence and achievement) until the target is covered.
    for g, group in enumerate(groups):
        largest = max(group, key=lambda c: c.gain)
        gain += largest.gain - taken[g].gain
        taken[g] = largest
        if gain >= needed - _EPS:
            return sum(c.cost for c in taken.values())
    return None


def _exact(groups: list[list[_Choice]], needed: float, budget: int) -> list[_Choice]:
    """Least-cost set (one choice per group at most) with gain ≥ needed; max gain among ties."""
    best = np.zeros(budget + 1)  # best[c]: the most gain for a cost of at most c
    picked = np.zeros((len(groups), budget + 1), dtype=np.int8)
    for g, group in enumerate(groups):
        new = best.copy()
        for k, choice in enumerate(group, start=1):
            w = choice.cost
            if w > budget:
                continue
            candidate = best[: budget + 1 - w] + choice.gain
            window = new[w:]
            better = candidate > window + 1e-12
            window[better] = candidate[better]
            picked[g, w:][better] = k
        best = new
    cost = int(np.argmax(best >= needed - _EPS))
    chosen: list[_Choice] = []
    for g in range(len(groups) - 1, -1, -1):
        k = int(picked[g, cost])
        if k:
            chosen.append(groups[g][k - 1])
            cost -= groups[g][k - 1].cost
    return chosen


def plan_gap(
    instrument: Instrument,
    answers: Mapping[str, Answer],
    target: str,
    efforts: Mapping[str, Effort] | None = None,
) -> GapPlan:
    """The least-effort plan that lifts the projected verified score to `target`'s lower end."""
    band = instrument.band(target)
    if band is None:
        raise ValueError(
            msg(
                "gap.unknown_predicate",
                name=target,
                available=", ".join(b.name for b in instrument.bands),
            )
        )
    current = score(instrument, answers).projected_verified_total
    needed = round_points(max(0.0, band.min_points - current))
    overrides = efforts or {}
    for effort in overrides.values():  # refused whatever the target, not only when planning
        for value in (effort.evidence, effort.achievement):
            if value is not None:
                _to_hundredths(value)
    groups = [
        group
        for q in instrument.questions
        if (group := _choices(q, answers.get(q.code), overrides.get(q.code) or default_effort(q)))
    ]
    max_gain = math.fsum(max(c.gain for c in group) for group in groups)
    max_reachable = round_points(current + max_gain)
    if needed <= 0:
        chosen: list[_Choice] = []
    elif max_gain < needed - _EPS:
        # Out of reach: show everything that still adds points.
        chosen = [
            max(group, key=lambda c: (c.gain, -sum(i.effort for i in c.items))) for group in groups
        ]
    else:
        unit_groups = _with_units(groups)
        budget = _greedy_cost(unit_groups, needed)
        if budget is None:  # cannot happen: reachable means the best of every group suffices
            raise RuntimeError("gap plan: no feasible budget although the target is reachable")
        chosen = _exact(unit_groups, needed, budget)
    items = sorted(
        (item for choice in chosen for item in choice.items),
        key=lambda i: (
            -i.gain / i.effort,
            instrument.position(i.code),
            i.action != Action.EVIDENCE,
        ),
    )
    total_gain = round_points(math.fsum(i.gain for i in items))
    reachable = max_gain >= needed - _EPS
    return GapPlan(
        target=band.name,
        target_points=band.min_points,
        current=current,
        needed=needed,
        reachable=reachable,
        items=tuple(items),
        total_gain=total_gain,
        total_effort=round_points(math.fsum(i.effort for i in items)),
        max_reachable=max_reachable,
        shortfall=0.0 if reachable else round_points(needed - max_gain),
    )


def apply_plan(answers: Mapping[str, Answer], plan: GapPlan) -> dict[str, Answer]:
    """The answers as they would stand once every action of the plan is done."""
    result = dict(answers)
    for item in plan.items:
        before = result.get(item.code, Answer(0.0, 0))
        result[item.code] = Answer(
            points=max(before.points, item.new_points),
            evidence=max(before.evidence, 1),
            note=before.note,
        )
    return result
