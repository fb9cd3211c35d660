"""Scores and the gap plan of a cycle: the dashboard's figures, from the same functions."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from layak.accounts import policy
from layak.accounts.models import Role
from layak.api.schemas import GapOut, ScoresOut, ok
from layak.core.gap import plan_gap
from layak.core.messages import InputError, Message, Problem
from layak.core.scoring import ScoreCard
from layak.evaluation.lookups import cycle_for
from layak.evaluation.models import Assignment
from layak.evaluation.scores import cycle_scores, evidence_counts, region_answers

router = Router(tags=["nilai"])


def card_json(card: ScoreCard) -> dict[str, Any]:
    return {
        "total": card.total,
        "max_total": card.max_total,
        "predicate": card.predicate,
        "next_predicate": card.next_predicate,
        "points_to_next": card.points_to_next,
        "projected_verified_total": card.projected_verified_total,
        "projected_predicate": card.projected_predicate,
        "points_at_risk": card.points_at_risk,
        "answered": card.answered,
        "with_evidence": card.with_evidence,
        "parts": [
            {
                "code": p.code,
                "name": p.name,
                "score": p.score,
                "max": p.max,
                "projected": p.projected,
            }
            for p in card.parts
        ],
    }


@router.get("/cycles/{cycle_id}/scores", response=ok(ScoresOut), url_name="scores")
def scores(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    cycle = cycle_for(request.user, cycle_id)
    found = cycle_scores(cycle)
    verified = found.verified_card
    return {
        "cycle": cycle.pk,
        "self_assessed": card_json(found.self_card),
        "projected_verified": found.self_card.projected_verified_total,
        "projected_predicate": found.self_card.projected_predicate,
        "verified_stage": found.verified_stage.value if found.verified_stage else None,
        "verified": card_json(verified) if verified is not None else None,
        "verified_answers": found.verified_count,
    }


class GapQuery(Schema):
    target: str | None = Field(None, description="predikat sasaran; bawaan: sasaran siklus")


@router.get("/cycles/{cycle_id}/gap", response=ok(GapOut), url_name="gap")
def gap(request: HttpRequest, cycle_id: int, query: Query[GapQuery]) -> dict[str, Any]:
    """The least-effort plan from the projected verified score to the target predicate."""
    cycle = cycle_for(request.user, cycle_id)
    target = query.target or cycle.target_predicate
    try:
        plan = plan_gap(cycle.instrument, region_answers(cycle, evidence_counts(cycle)), target)
    except ValueError as error:
        if error.args and isinstance(error.args[0], Message):
            raise InputError([Problem(error.args[0], column="target")]) from None
        raise
    agencies: dict[str, list[str]] = defaultdict(list)
    for code, short_name in (
        Assignment.objects.filter(cycle=cycle)
        .order_by("question_code", "-lead", "agency__short_name")
        .values_list("question_code", "agency__short_name")
    ):
        agencies[code].append(short_name)
    items = list(plan.items)
    if policy.role_of(request.user) in (Role.OFFICER, Role.UNIT_OPERATOR):
        # As on the dashboard: officers see their own part of the path.
        mine = policy.assigned_codes(request.user, cycle)
        items = [i for i in items if i.code in mine]
    return {
        "cycle": cycle.pk,
        "target": plan.target,
        "target_points": plan.target_points,
        "current": plan.current,
        "needed": plan.needed,
        "reachable": plan.reachable,
        "total_gain": plan.total_gain,
        "total_effort": plan.total_effort,
        "max_reachable": plan.max_reachable,
        "shortfall": plan.shortfall,
        "partial": len(items) != len(plan.items),
        "items": [
            {
                "code": i.code,
                "action": i.action.value,
                "gain": i.gain,
                "effort": i.effort,
                "new_points": i.new_points,
                "agencies": agencies.get(i.code, []),
            }
            for i in items
        ],
    }
