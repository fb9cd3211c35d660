"""Cycles and their answers: read within the caller's view, and one write (save an answer)
through the web form's own service, rules and audit."""

from __future__ import annotations

from typing import Any

from ninja import Field, Query, Router, Schema

from layak.accounts.roles import ANSWER_WRITERS
from layak.accounts.typing import SignedInRequest
from layak.api.paging import Paging, page
from layak.api.schemas import AnswerIn, AnswerOut, AnswerPage, CycleOut, CyclePage, ok
from layak.api.security import require_role
from layak.core.answers import proposed_points
from layak.core.messages import InputError, Problem, msg
from layak.evaluation import services
from layak.evaluation.lookups import cycle_for, question_for
from layak.evaluation.models import Cycle
from layak.evaluation.policy import visible_cycles
from layak.evaluation.queries.rows import STATUS_LABELS, Row, filter_rows, rows_for

router = Router(tags=["siklus"])
STATES = (*STATUS_LABELS, "tanpa_bukti")


def cycle_json(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "region": {"code": cycle.region.code, "name": cycle.region.name},
        "year": cycle.year,
        "instrument": cycle.instrument_record.slug,
        "instrument_id": cycle.instrument_record_id,
        "target_predicate": cycle.target_predicate,
        "stages": [
            {
                "stage": w.stage,
                "opens_at": w.opens_at,
                "closes_at": w.closes_at,
                "locked": w.locked,
            }
            for w in cycle.windows.all()
        ],
    }


def row_json(row: Row) -> dict[str, Any]:
    q, answer, verification = row.question, row.answer or {}, row.verification
    return {
        "code": q.code,
        "label": q.label,
        "part": q.part_code,
        "indicator": q.indicator_code,
        "kind": q.kind.value,
        "max_points": q.max_points,
        "value": answer.get("value", ""),
        "points": None if answer.get("points") is None else float(answer["points"]),
        "proposed_points": proposed_points(q, answer.get("value", "")),
        "note": answer.get("note", ""),
        "carried": row.carried,
        "carried_from_year": answer.get("carried_from_year"),
        "status": answer.get("status", ""),
        "state": row.status,
        "version": answer.get("version", 0),
        "evidence": row.evidence,
        "agencies": row.agencies,
        "verification": None
        if verification is None
        else {
            "stage": verification["stage"],
            "status": verification["status"],
            "verified_points": float(verification["verified_points"]),
            "note": verification["note"],
            "answer_version": verification["answer_version"],
        },
    }


class CycleFilter(Schema):
    region: str | None = Field(None, description="kode kabupaten/kota, mis. 18.72")
    year: int | None = Field(None, ge=2000, le=2100)


class AnswerFilter(Schema):
    part: str | None = Field(None, description="kode bagian, mis. K3")
    agency: str | None = Field(None, description="singkatan OPD, mis. Dinkes")
    status: str | None = Field(None, description=" | ".join(STATES))


@router.get("/cycles", response=ok(CyclePage), url_name="cycles")
def cycles(
    request: SignedInRequest, filters: Query[CycleFilter], paging: Query[Paging]
) -> dict[str, Any]:
    found = visible_cycles(request.user).prefetch_related("windows")
    if filters.region:
        found = found.filter(region_id=filters.region)
    if filters.year:
        found = found.filter(year=filters.year)
    return page(found.order_by("-year", "region_id", "pk"), paging, cycle_json)


@router.get("/cycles/{cycle_id}", response=ok(CycleOut), url_name="cycle")
def cycle(request: SignedInRequest, cycle_id: int) -> dict[str, Any]:
    return cycle_json(cycle_for(request.user, cycle_id))


@router.get("/cycles/{cycle_id}/answers", response=ok(AnswerPage), url_name="answers")
def answers(
    request: SignedInRequest, cycle_id: int, filters: Query[AnswerFilter], paging: Query[Paging]
) -> dict[str, Any]:
    found = cycle_for(request.user, cycle_id)
    if filters.status and filters.status not in STATES:
        raise InputError(
            [
                Problem(
                    msg("answer.unknown_option", value=filters.status, options=", ".join(STATES)),
                    column="status",
                )
            ]
        )
    rows = rows_for(request.user, found)
    shown = filter_rows(rows, filters.part or "", filters.agency or "", filters.status or "", "")
    return page(shown, paging, row_json)


def _row(request: SignedInRequest, found: Cycle, code: str) -> Row:
    question = question_for(request.user, found, code)
    # rows_for reads the cycle in a fixed handful of queries; one question is a filter of it.
    return next(r for r in rows_for(request.user, found) if r.question.code == question.code)


@router.get("/cycles/{cycle_id}/answers/{code}", response=ok(AnswerOut), url_name="answer")
def answer(request: SignedInRequest, cycle_id: int, code: str) -> dict[str, Any]:
    return row_json(_row(request, cycle_for(request.user, cycle_id), code))


@router.put("/cycles/{cycle_id}/answers/{code}", response=ok(AnswerOut), url_name="answer_save")
def save_answer(
    request: SignedInRequest, cycle_id: int, code: str, payload: AnswerIn
) -> dict[str, Any]:
    """Save (or submit) a region-level answer: the web form's checks, stage windows, the
    version for optimistic concurrency (409 when someone saved since) and one audit row."""
    require_role(request, ANSWER_WRITERS)
    found = cycle_for(request.user, cycle_id)
    question = question_for(request.user, found, code)
    services.save_answer(
        request.user,
        found,
        question,
        value=payload.value,
        points=payload.points,
        note=payload.note,
        expected_version=payload.version,
        submit=payload.submit,
        request=request,
    )
    return row_json(_row(request, found, code))
