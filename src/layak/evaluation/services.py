"""Every write to evaluation data: checked against the policy, the stage windows and the core's
answer rules, audited in the same transaction, and refused whole when anything is wrong.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext

from layak.accounts import policy
from layak.audit.log import record
from layak.core.answers import check_answer, check_points, parse_number, parse_yes_no, points_for
from layak.core.instrument import AnswerKind, Question
from layak.core.messages import InputError, Problem, msg
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    StageWindow,
    Verification,
    VerificationStatus,
)
from layak.regions.models import Region


class Conflict(InputError):
    """Someone else saved the same record since the form was opened."""


def refuse(key: str, field: str | None = None, **params: object) -> NoReturn:
    raise InputError([Problem(msg(key, **params), column=field)])


def _when(moment: datetime | None) -> str:
    return formats.date_format(timezone.localtime(moment), "j M Y H:i") if moment else "-"


def window_for(cycle: Cycle, stage: Stage) -> StageWindow | None:
    return next((w for w in cycle.windows.all() if w.stage == stage.value), None)


def ensure_open(cycle: Cycle, stage: Stage, documents: bool = False) -> None:
    """Refuse unless the stage is scheduled, unlocked and open now (or open for documents)."""
    window = window_for(cycle, stage)
    if window is None:
        refuse("stage.not_scheduled", stage=gettext(stage.label))
    if window.locked:
        refuse(
            "stage.locked",
            stage=gettext(stage.label),
            when=_when(window.locked_at),
            reason=window.lock_reason,
        )
    if documents and window.accepts_documents():
        return
    if not window.is_open():
        refuse(
            "stage.closed",
            stage=gettext(stage.label),
            opens=_when(window.opens_at),
            closes=_when(window.closes_at),
        )


def ensure_answer_writable(cycle: Cycle, answer: Answer | None, documents: bool = False) -> None:
    """Answers change in the self-assessment window, or later when a verifier asked for a
    revision in a stage that is open; evidence may also arrive in field verification's window
    for missing documents."""
    if answer is not None and answer.pk is not None:
        for verification in answer.verifications.all():
            if verification.status == VerificationStatus.NEEDS_REVISION:
                window = window_for(cycle, Stage(verification.stage))
                if window is not None and window.is_open():
                    return
    if documents:
        window = window_for(cycle, Stage.FIELD)
        if window is not None and window.accepts_documents():
            return
    ensure_open(cycle, Stage.SELF_ASSESSMENT)


def check_version(current: Any, expected: int | None) -> None:
    """Refuse a write made from a form (or a workbook) opened at an older version."""
    if expected is not None and current.version != expected:
        who = getattr(current, "updated_by", None) or getattr(current, "verifier", None)
        raise Conflict(
            [
                Problem(
                    msg(
                        "answer.conflict",
                        who=str(who or "-"),
                        when=_when(
                            getattr(current, "updated_at", None) or getattr(current, "at", None)
                        ),
                    )
                )
            ]
        )


def _locked_answer(cycle: Cycle, code: str, unit: Region | None) -> Answer | None:
    # Ordered by pk: first() would order by Meta.ordering, which joins the nullable unit, and
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    return (
        Answer.objects.select_for_update()
        .filter(cycle=cycle, question_code=code, unit=unit)
        .order_by("pk")
        .first()
    )


def check_answer_input(
    user: Any,
    cycle: Cycle,
    question: Question,
    *,
    value: str,
    submit: bool,
    unit: Region | None = None,
) -> tuple[str, Decimal]:
    """The checks of an answer before any row is read: who may write it, and the core's rule
    for the value. Returns the stripped value and its points. Raises PermissionDenied or
    InputError. The web form, the workbook import and the API all pass through here."""
    allowed = (
        policy.answers_for_unit(user, cycle, question, unit)
        if unit is not None
        else policy.answers_for(user, cycle, question)
    )
    if not allowed:
        raise PermissionDenied
    if unit is None and (question.per_kecamatan or question.per_desa_kelurahan):
        refuse("answer.unit_computed", field="value")
    value = value.strip()
    points = Decimal("0")
    if value:
        problem = (
            (None if parse_yes_no(value) is not None else msg("answer.not_yes_no", value=value))
            if unit is not None
            else check_answer(question, value)
        )
        if problem is not None:
            raise InputError([Problem(problem, column="value")])
        if unit is None:
            points = Decimal(str(round(points_for(question, value), 4)))
    elif submit:
        refuse("answer.required", field="value")
    return value, points


def save_answer(
    user: Any,
    cycle: Cycle,
    question: Question,
    *,
    value: str,
    note: str,
    expected_version: int | None,
    submit: bool,
    unit: Region | None = None,
    request: HttpRequest | None = None,
    recompute: bool = True,
) -> Answer:
    """Save a region's answer (or a unit's own answer for KELANA/DEKELA questions).

    `recompute=False` leaves a KELANA/DEKELA question's region answer to the caller, who
    saves several units at once and recomputes it once (the workbook import)."""
    value, points = check_answer_input(user, cycle, question, value=value, submit=submit, unit=unit)
    try:
        with transaction.atomic():
            answer = _locked_answer(cycle, question.code, unit)
            ensure_answer_writable(cycle, answer)
            if answer is not None:
                check_version(answer, expected_version)
            before = answer.snapshot() if answer is not None else None
            answer = answer or Answer(cycle=cycle, question_code=question.code, unit=unit)
            answer.value, answer.points, answer.note = value, points, note.strip()
            answer.status = AnswerStatus.SUBMITTED if submit else AnswerStatus.DRAFT
            answer.version += 1
            answer.updated_by, answer.updated_at = user, timezone.now()
            answer.save()
            record(
                "answer.save",
                actor=user,
                object_type="answer",
                object_id=answer.pk,
                region_code=cycle.region_id,
                before=before,
                after={
                    **answer.snapshot(),
                    "question": question.code,
                    "unit": unit.code if unit else None,
                },
                request=request,
            )
            if unit is not None and recompute:
                recompute_from_units(cycle, question, user)
    except IntegrityError:
        # Two first saves of the same answer at once: the unique constraint caught the second.
        raise Conflict(
            [Problem(msg("answer.conflict", who="-", when=_when(timezone.now())))]
        ) from None
    return answer


def recompute_from_units(cycle: Cycle, question: Question, user: Any) -> Answer:
    """A KELANA/DEKELA question's region answer: the share of units that answered yes."""
    level = Level.DISTRICT if question.per_kecamatan else Level.VILLAGE
    units = cycle.region.units(level).count()
    answers = Answer.objects.filter(cycle=cycle, question_code=question.code, unit__level=level)
    yes = sum(1 for v in answers.values_list("value", flat=True) if parse_yes_no(v))
    share = round(100 * yes / units, 2) if units else 0.0
    answer = _locked_answer(cycle, question.code, None) or Answer(
        cycle=cycle, question_code=question.code
    )
    before = answer.snapshot() if answer.pk else None
    answer.value = f"{share:g}"
    if question.kind in (AnswerKind.PERCENTAGE, AnswerKind.NUMBER):
        earned = points_for(question, share)
    else:  # a yes/no (or other) question asked of every unit earns its share of the maximum
        earned = question.max_points * share / 100
    answer.points = Decimal(str(round(earned, 4)))
    answer.version += 1
    answer.updated_by, answer.updated_at = user, timezone.now()
    answer.save()
    record(
        "answer.recompute",
        actor=user,
        object_type="answer",
        object_id=answer.pk,
        region_code=cycle.region_id,
        before=before,
        after={**answer.snapshot(), "question": question.code, "units": units, "yes": yes},
    )
    return answer


def verify(
    user: Any,
    answer: Answer,
    stage: Stage,
    *,
    status: str,
    points: str,
    note: str,
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> Verification:
    cycle = answer.cycle
    if answer.unit_id is not None or not policy.verifies(user, cycle, stage):
        raise PermissionDenied
    question = cycle.instrument.question(answer.question_code)
    problems: list[Problem] = []
    if status not in VerificationStatus.values:
        problems.append(
            Problem(
                msg(
                    "answer.unknown_option",
                    value=status,
                    options=", ".join(VerificationStatus.values),
                ),
                column="status",
            )
        )
    if status != VerificationStatus.ACCEPTED and not note.strip():
        problems.append(Problem(msg("verification.note_required"), column="note"))
    verified = (
        parse_number(points)
        if points.strip()
        else (0.0 if status == VerificationStatus.REJECTED else float(answer.points))
    )
    if verified is None:
        problems.append(Problem(msg("answer.not_a_number", value=points), column="verified_points"))
    elif (problem := check_points(question, verified)) is not None:
        problems.append(Problem(problem, column="verified_points"))
    if problems:
        raise InputError(problems)
    assert verified is not None  # noqa: S101 - refused above otherwise
    with transaction.atomic():
        ensure_open(cycle, stage)
        if answer.version == 0 or not answer.value:
            refuse("verification.unanswered")
        existing = (
            Verification.objects.select_for_update()
            .filter(answer=answer, stage=stage.value)
            .order_by("pk")  # no join for FOR UPDATE (see _locked_answer)
            .first()
        )
        if existing is not None:
            check_version(existing, expected_version)
        before = existing.snapshot() if existing is not None else None
        verification = existing or Verification(answer=answer, stage=stage.value)
        verification.status = status
        verification.verified_points = Decimal(str(round(verified, 4)))
        verification.note = note.strip()
        verification.answer_version = answer.version
        verification.verifier, verification.at = user, timezone.now()
        verification.version += 1
        verification.save()
        record(
            "verification.save",
            actor=user,
            object_type="answer",
            object_id=answer.pk,
            region_code=cycle.region_id,
            before=before,
            after={**verification.snapshot(), "question": answer.question_code},
            request=request,
        )
    return verification


def set_lock(
    user: Any, window: StageWindow, *, locked: bool, reason: str, request: HttpRequest | None = None
) -> StageWindow:
    if not policy.manages(user, window.cycle):
        raise PermissionDenied
    if not reason.strip():
        refuse("stage.reason_required", field="reason")
    with transaction.atomic():
        window = StageWindow.objects.select_for_update().get(pk=window.pk)
        if window.locked == locked:
            refuse("stage.already", stage=gettext(Stage(window.stage).label))
        before = {"locked": window.locked, "reason": window.lock_reason}
        window.locked_at = timezone.now() if locked else None
        window.locked_by = user if locked else None
        window.lock_reason = reason.strip()
        window.save()
        record(
            "stage.lock" if locked else "stage.unlock",
            actor=user,
            object_type="stage",
            object_id=window.pk,
            region_code=window.cycle.region_id,
            before=before,
            after={"locked": locked, "reason": window.lock_reason, "stage": window.stage},
            request=request,
        )
    return window
