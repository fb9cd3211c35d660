"""The writes beyond a region's answer, each through the web form's own service (the same
policy, stage windows, rules, messages and audit row in the same transaction):

- a kecamatan's or kelurahan's own answer to a KELANA/DEKELA question (`services.save_answer`
  with the unit; the region's answer is recomputed from the units, as on the web);
- a verifier's decision at a stage (`services.verify`);
- evidence files (`evidence.services.add_evidence`: inspected by content, stored through
  `files_kept_only_on_success`, one audit row per file and per refused file).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import File, Form, Query, Router, Status, UploadedFile

from layak.accounts import policy
from layak.accounts.roles import UNIT_ANSWER_WRITERS, UPLOADERS, VERIFIERS, Role
from layak.accounts.typing import SignedInRequest
from layak.api import ep_evidence
from layak.api.ep_evidence import evidence_json
from layak.api.paging import Paging, page
from layak.api.schemas import ok
from layak.api.schemas_write import (
    EvidenceAdded,
    UnitAnswerIn,
    UnitAnswerOut,
    UnitAnswerPage,
    UploadFields,
    VerificationIn,
    VerificationList,
    VerificationResult,
    VerifierStage,
)
from layak.api.security import require_role
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation import services
from layak.evaluation.lookups import cycle_for, question_for, region_answer, unit_for
from layak.evaluation.models import Answer, Verification
from layak.evaluation.queries.tallies import level_of
from layak.evidence.services import add_evidence
from layak.regions.models import Region

router = Router(tags=["tulis"])


def unit_json(unit: Region, answer: Answer | None) -> dict[str, Any]:
    return {
        "unit": {"code": unit.code, "name": unit.name},
        "value": answer.value if answer else "",
        "note": answer.note if answer else "",
        "version": answer.version if answer else 0,
        "updated_at": answer.updated_at if answer else None,
    }


@router.get(
    "/cycles/{cycle_id}/answers/{code}/units", response=ok(UnitAnswerPage), url_name="units"
)
def unit_answers(
    request: SignedInRequest, cycle_id: int, code: str, paging: Query[Paging]
) -> dict[str, Any]:
    """The kecamatan's or kelurahan's own answers to a KELANA/DEKELA question (an operator
    sees only their unit); 404 for a question answered by the region as a whole."""
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    if not (question.per_kecamatan or question.per_desa_kelurahan):
        raise Http404
    level = level_of(question)
    units = cycle.region.units(level).order_by("code")
    if policy.role_of(request.user) is Role.UNIT_OPERATOR:
        units = units.filter(code=getattr(request.user, "unit_id", None))
    answers = {
        a.unit_id: a
        for a in Answer.objects.filter(cycle=cycle, question_code=code, unit__level=level)
    }
    result = page(units, paging, lambda u: unit_json(u, answers.get(u.code)))
    region = region_answer(cycle, code)
    result["region_value"] = region.value if region else ""
    result["region_points"] = float(region.points) if region and region.points is not None else 0.0
    return result


@router.put(
    "/cycles/{cycle_id}/answers/{code}/units/{unit_code}",
    response=ok(UnitAnswerOut),
    url_name="unit_answer_save",
)
def save_unit_answer(
    request: SignedInRequest, cycle_id: int, code: str, unit_code: str, payload: UnitAnswerIn
) -> dict[str, Any]:
    """Save a kecamatan's or kelurahan's answer (ya/tidak): its operator or the secretariat."""
    require_role(request, UNIT_ANSWER_WRITERS)
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    unit = unit_for(cycle, unit_code)
    answer = services.save_answer(
        request.user,
        cycle,
        question,
        value=payload.value,
        note=payload.note,
        expected_version=payload.version,
        submit=True,
        unit=unit,
        request=request,
    )
    return unit_json(unit, answer)


def verification_json(v: Verification) -> dict[str, Any]:
    return {
        "stage": v.stage,
        "status": v.status,
        "verified_points": float(v.verified_points),
        "note": v.note,
        "answer_version": v.answer_version,
        "version": v.version,
        "verifier": str(v.verifier),
        "at": v.at,
    }


@router.get(
    "/cycles/{cycle_id}/answers/{code}/verifications",
    response=ok(VerificationList),
    url_name="verifications",
)
def verifications(request: SignedInRequest, cycle_id: int, code: str) -> dict[str, Any]:
    """Every stage's decision on the region's answer, in stage order, with its version."""
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    found = Verification.objects.filter(
        answer__cycle=cycle, answer__question_code=question.code, answer__unit__isnull=True
    ).select_related("verifier")
    ordered = sorted(found, key=lambda v: STAGE_ORDER.index(Stage(v.stage)))
    return {"items": [verification_json(v) for v in ordered]}


@router.put(
    "/cycles/{cycle_id}/answers/{code}/verifications/{stage}",
    response=ok(VerificationResult),
    url_name="verification_save",
)
def save_verification(
    request: SignedInRequest,
    cycle_id: int,
    code: str,
    stage: VerifierStage,
    payload: VerificationIn,
) -> dict[str, Any]:
    """Accept, send back (`perbaikan`, with a note) or reject the region's answer at a stage
    the caller verifies, while that stage is open."""
    require_role(request, VERIFIERS)
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    answer = region_answer(cycle, question.code)
    if answer is None:
        services.refuse("verification.unanswered")
    decision = services.verify(
        request.user,
        answer,
        Stage(stage.value),
        status=payload.status,
        points=payload.verified_points,
        note=payload.note,
        expected_version=payload.version,
        request=request,
    )
    return verification_json(decision)


# On the evidence router: one path answers GET and POST only when both are in one router.
@ep_evidence.router.post(
    "/cycles/{cycle_id}/answers/{code}/evidence",
    response=ok(EvidenceAdded, 201),
    url_name="evidence_add",
)
def upload_evidence(
    request: SignedInRequest,
    cycle_id: int,
    code: str,
    files: File[list[UploadedFile]],
    fields: Form[UploadFields],
) -> Status[dict[str, Any]]:
    """Attach files (PDF, images, Office documents, ≤ 10 MB each, ≤ 20 at once) to the answer,
    or to a unit's answer: judged by content; all refused when one is."""
    require_role(request, UPLOADERS)
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    added = add_evidence(
        request.user,
        cycle,
        question,
        list(files),
        title=fields.title,
        year=fields.document_year,
        valid_until=fields.valid_until_year,
        unit=unit_for(cycle, fields.unit) if fields.unit else None,
        request=request,
    )
    return Status(201, {"items": [evidence_json(f) for f in added]})
