"""Scores and the gap plan of a cycle: the dashboard's figures, from the same reader
(`evaluation.figures`)."""

from __future__ import annotations

from typing import Any

from ninja import Field, Query, Router, Schema

from layak.accounts import policy
from layak.accounts.roles import PART_READERS
from layak.accounts.typing import SignedInRequest
from layak.api.errors import lang_of
from layak.api.schemas import GapOut, ScoresOut, ok
from layak.core.figures import Basis, Figure
from layak.core.gap import plan_gap
from layak.core.messages import InputError, Lang, Message, Problem
from layak.evaluation.lookups import cycle_for
from layak.evaluation.policy import assigned_codes
from layak.evaluation.queries.figures import cycle_figures
from layak.evaluation.queries.scores import assigned_agencies

router = Router(tags=["nilai"])


def figure_json(figure: Figure, lang: Lang) -> dict[str, Any]:
    return {
        "basis": figure.basis.value,
        "label": figure.label(lang),
        "stage": figure.stage.value,
        "total": figure.total,
        "max_total": figure.max_total,
        "predicate": figure.predicate,
        "next_predicate": figure.next_predicate,
        "points_to_next": figure.points_to_next,
        "target": figure.target,
        "target_points": figure.target_points,
        "points_to_target": figure.points_to_target,
        "parts": [
            {"code": p.code, "name": p.name, "score": p.score, "max": p.max} for p in figure.parts
        ],
    }


@router.get("/cycles/{cycle_id}/scores", response=ok(ScoresOut), url_name="scores")
def scores(request: SignedInRequest, cycle_id: int) -> dict[str, Any]:
    """The cycle's three figures, each named by its basis (docs/scoring.md)."""
    cycle = cycle_for(request.user, cycle_id)
    read = cycle_figures(cycle)
    found, lang = read.figures, lang_of(request)
    return {
        "cycle": cycle.pk,
        "self_assessed": figure_json(found.self_assessed, lang),
        "projected_verified": figure_json(found.projected, lang),
        "verified": figure_json(found.verified, lang) if found.verified else None,
        "verified_stage": found.verified_stage.value if found.verified_stage else None,
        "verified_answers": found.verified_answers,
        "answered": found.card.answered,
        "with_evidence": found.card.with_evidence,
        "points_at_risk": found.points_at_risk,
        "drafts": {"answers": read.drafts.answers, "points": read.drafts.total},
    }


class GapQuery(Schema):
    target: str | None = Field(None, description="predikat sasaran; bawaan: sasaran siklus")


@router.get("/cycles/{cycle_id}/gap", response=ok(GapOut), url_name="gap")
def gap(request: SignedInRequest, cycle_id: int, query: Query[GapQuery]) -> dict[str, Any]:
    """The least-effort plan from the projected verified score to the target predicate."""
    cycle = cycle_for(request.user, cycle_id)
    target = query.target or cycle.target_predicate
    try:
        plan = plan_gap(cycle.instrument, cycle_figures(cycle).submitted, target)
    except ValueError as error:
        if error.args and isinstance(error.args[0], Message):
            raise InputError([Problem(error.args[0], column="target")]) from None
        raise
    agencies = assigned_agencies(cycle)
    items = list(plan.items)
    if policy.role_of(request.user) in PART_READERS:
        # As on the dashboard: officers see their own part of the path.
        mine = assigned_codes(request.user, cycle)
        items = [i for i in items if i.code in mine]
    return {
        "cycle": cycle.pk,
        "basis": Basis.PROJECTED.value,
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
