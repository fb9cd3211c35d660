"""Every write to evaluation data: checked against the policy, the stage windows and the core's
answer rules, audited in the same transaction, and refused whole when anything is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext

from layak.accounts.models import User
from layak.audit.log import record
from layak.core.answers import (
    POINT_PLACES,
    Claim,
    adjusted_points,
    check_points,
    claim_answer,
    claim_from_units,
    parse_number,
    parse_yes_no,
    proposal_note_problem,
)
from layak.core.instrument import Question
from layak.core.messages import InputError, Problem, msg
from layak.core.stages import Stage
from layak.evaluation import notify
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    StageWindow,
    Verification,
    VerificationStatus,
)
from layak.evaluation.policy import manages_cycle, verifies, writes_answer
from layak.evaluation.proposals import Proposal, proposal_for
from layak.evaluation.queries.tallies import unit_tally
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


def locked_answer(cycle: Cycle, code: str, unit: Region | None) -> Answer | None:
    """The answer to `code` (the region's, or `unit`'s), locked until the transaction ends;
    None when there is none yet."""
    # Ordered by pk: first() would order by Meta.ordering, which joins the nullable unit, and
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    return (
        Answer.objects.select_for_update()
        .filter(cycle=cycle, question_code=code, unit=unit)
        .order_by("pk")
        .first()
    )


def new_version(answer: Answer, user: User, at: datetime | None = None) -> None:
    """Stamp a change to the answer: its next version (what `check_version` compares), written
    by `user` now (or `at`)."""
    answer.version += 1
    answer.updated_by, answer.updated_at = user, at or timezone.now()


def check_answer_input(
    user: User,
    cycle: Cycle,
    question: Question,
    *,
    value: str,
    note: str,
    submit: bool,
    points: str = "",
    unit: Region | None = None,
    proposals: Mapping[str, Proposal] | None = None,
) -> Claim:
    """The checks of an answer before any row is read: who may write it, the core's rule for
    the answer and the points claimed (`core.answers.claim_answer`), and the note an answer
    needs when it departs from the one Layak's registers propose
    (`core.answers.proposal_note_problem`). Raises PermissionDenied or InputError. The web
    form, the workbook import and the API all pass through here, so all three refuse alike.

    `proposals` are the caller's, read once for many questions (a workbook's rows); without
    them this question's proposal is read here.

    A unit's answer is yes/no alone. The region's answer to a question its units answer takes
    no answer of its own (Layak computes it from theirs), only points that adjust it."""
    if not writes_answer(user, cycle, question, unit):
        raise PermissionDenied
    value, points = value.strip(), points.strip()
    if unit is not None:
        if value and parse_yes_no(value) is None:
            raise InputError([Problem(msg("answer.not_yes_no", value=value), column="value")])
        if points:
            refuse("answer.unit_points", field="points")
        if submit and not value:
            refuse("answer.required", field="value")
        return Claim(value, None, None)
    if question.per_unit:
        if value:
            refuse("answer.unit_computed", field="value")
        return claim_from_units(question, None, points)  # the share is read under the lock
    claim = claim_answer(question, value, points)
    if submit and not claim.answered:
        refuse("answer.required", field="value")
    problem = proposal_problem(cycle, question, value=value, note=note, proposals=proposals)
    if problem is not None:
        raise InputError([problem])
    return claim


def proposal_problem(
    cycle: Cycle,
    question: Question,
    *,
    value: str,
    note: str,
    unit: Region | None = None,
    proposals: Mapping[str, Proposal] | None = None,
) -> Problem | None:
    """The note a region's answer needs when it departs from the one Layak's registers propose
    (`core.answers.proposal_note_problem`), at the note field; None when it needs none. Every
    write of an answer asks here: saving it (`check_answer_input`) and confirming one carried
    from last year (`carryover`). A unit's answer, or a region answer computed from its units,
    has no proposal. `proposals` as in `check_answer_input`."""
    if unit is not None or question.per_unit:
        return None
    proposal = (
        proposals.get(question.code) if proposals is not None else proposal_for(cycle, question)
    )
    if proposal is None:
        return None
    return proposal_note_problem(question, proposal.value, value, note, shown=proposal.said)


def record_answer_event(
    action: str,
    cycle: Cycle,
    answer: Answer,
    snapshot: dict[str, Any],
    *,
    extra: Mapping[str, Any] | None = None,
    **audit: Any,
) -> None:
    """The audit row of a change to an answer or what hangs on it (its verification, its
    evidence): filed under the answer and its region, the question's code beside `snapshot`
    (then `extra`), so the answer's history reads every such row the same way. `audit` is the
    rest of `record()`'s keywords (actor, actor_name, before, request)."""
    record(
        action,
        object_type="answer",
        object_id=answer.pk,
        region_code=cycle.region_id,
        after=answer_event_after(answer, snapshot, extra),
        **audit,
    )


def answer_event_after(
    answer: Answer, snapshot: dict[str, Any], extra: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The `after` of an answer's audit row: `snapshot`, the question's code, then `extra`
    (also for the rows written in bulk, which cannot go through `record_answer_event`)."""
    return {**snapshot, "question": answer.question_code, **(extra or {})}


def _decimal(points: float | None) -> Decimal | None:
    return None if points is None else Decimal(str(round(points, POINT_PLACES)))


def save_answer(
    user: User,
    cycle: Cycle,
    question: Question,
    *,
    value: str,
    note: str,
    expected_version: int | None,
    submit: bool,
    points: str = "",
    unit: Region | None = None,
    request: HttpRequest | None = None,
    recompute: bool = True,
    proposals: Mapping[str, Proposal] | None = None,
) -> Answer:
    """Save a region's answer (or a unit's own answer for KELANA/DEKELA questions).

    An answer that departs from the one Layak's registers propose (evaluation.proposals)
    needs a note, refused at the note field otherwise (`check_answer_input`); `proposals` are
    the caller's, read once for many answers.

    `recompute=False` leaves a KELANA/DEKELA question's region answer to the caller, who
    saves several units at once and recomputes it once (the workbook import)."""
    claim = check_answer_input(
        user,
        cycle,
        question,
        value=value,
        note=note,
        points=points,
        submit=submit,
        unit=unit,
        proposals=proposals,
    )
    try:
        with transaction.atomic():
            answer = locked_answer(cycle, question.code, unit)
            ensure_answer_writable(cycle, answer)
            if answer is not None:
                check_version(answer, expected_version)
            before = answer.snapshot() if answer is not None else None
            answer = answer or Answer(cycle=cycle, question_code=question.code, unit=unit)
            if unit is None and question.per_unit:
                claim = claim_from_units(question, unit_tally(cycle, question).share, points)
            answer.value, answer.points = claim.value, _decimal(claim.points)
            answer.note = note.strip()
            answer.status = AnswerStatus.SUBMITTED if submit else AnswerStatus.DRAFT
            new_version(answer, user)
            if answer.awaiting_review:  # last year's answer, saved by a person: reviewed
                answer.reviewed_at, answer.reviewed_by = answer.updated_at, user
            answer.save()
            record_answer_event(
                "answer.save",
                cycle,
                answer,
                answer.snapshot(),
                extra={"unit": unit.code if unit else None},
                actor=user,
                before=before,
                request=request,
            )
            if unit is not None and recompute:
                recompute_from_units(cycle, question, user)
            if submit and unit is None:
                notify.tell_resubmitted(user, answer)
    except IntegrityError:
        # Two first saves of the same answer at once: the unique constraint caught the second.
        raise Conflict(
            [Problem(msg("answer.conflict", who="-", when=_when(timezone.now())))]
        ) from None
    return answer


def recompute_from_units(cycle: Cycle, question: Question, user: User) -> Answer:
    """A KELANA/DEKELA question's region answer follows its units' answers: the share that
    answered yes proposes the points (kept as adjusted when someone adjusted them), and the
    answer is submitted once every unit has answered. It is never taken back to a draft.
    Units' answers carried from last year count once someone confirms them (`carryover`)."""
    tally = unit_tally(cycle, question)
    answer = locked_answer(cycle, question.code, None) or Answer(
        cycle=cycle, question_code=question.code
    )
    before = answer.snapshot() if answer.pk else None
    # Points someone adjusted (they differ from what the old share proposed) stay.
    claimed = None if answer.points is None else float(answer.points)
    keep = bool(answer.value) and adjusted_points(question, answer.value, claimed) is not None
    claim = claim_from_units(question, tally.share)
    answer.value = claim.value
    if not keep:
        answer.points = _decimal(claim.points)
    new_version(answer, user)
    if tally.complete:
        answer.status = AnswerStatus.SUBMITTED
        if answer.awaiting_review:  # every unit's answer is confirmed: it is now theirs
            answer.reviewed_at, answer.reviewed_by = answer.updated_at, user
    answer.save()
    record_answer_event(
        "answer.recompute",
        cycle,
        answer,
        answer.snapshot(),
        extra={"units": tally.units, "answered": tally.answered, "yes": tally.yes},
        actor=user,
        before=before,
    )
    return answer


def submit_computed(
    user: User, cycle: Cycle, part_code: str, request: HttpRequest | None = None
) -> list[Answer]:
    """The secretariat submits, in one step, every draft region answer of a part that Layak
    computes from the kecamatan/kelurahan answers (those whose units have not all answered
    yet). Returns the answers submitted; each is audited."""
    if not manages_cycle(user, cycle):
        raise PermissionDenied
    codes = [q.code for q in cycle.instrument.part(part_code).questions if q.per_unit]
    submitted: list[Answer] = []
    with transaction.atomic():
        ensure_open(cycle, Stage.SELF_ASSESSMENT)
        drafts = (
            Answer.objects.select_for_update()
            .filter(cycle=cycle, unit__isnull=True, question_code__in=codes)
            .filter(status=AnswerStatus.DRAFT, points__isnull=False)
            .order_by("pk")
        )
        for answer in drafts:
            before = answer.snapshot()
            answer.status = AnswerStatus.SUBMITTED
            new_version(answer, user)
            answer.save()
            record_answer_event(
                "answer.submit",
                cycle,
                answer,
                answer.snapshot(),
                actor=user,
                before=before,
                request=request,
            )
            submitted.append(answer)
    return submitted


def verify(
    user: User,
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
    if answer.unit_id is not None or not verifies(user, cycle, stage):
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
        else (0.0 if status == VerificationStatus.REJECTED else float(answer.points or 0))
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
        answer = Answer.objects.select_for_update().order_by("pk").get(pk=answer.pk)
        if answer.points is None:
            refuse("verification.unanswered")
        if answer.status != AnswerStatus.SUBMITTED:
            refuse("verification.not_submitted")
        existing = (
            Verification.objects.select_for_update()
            .filter(answer=answer, stage=stage.value)
            .order_by("pk")  # no join for FOR UPDATE (see locked_answer)
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
        record_answer_event(
            "verification.save",
            cycle,
            answer,
            verification.snapshot(),
            actor=user,
            before=before,
            request=request,
        )
        notify.tell_decision(user, answer, verification)
    return verification


def set_lock(
    user: User,
    window: StageWindow,
    *,
    locked: bool,
    reason: str,
    request: HttpRequest | None = None,
) -> StageWindow:
    if not manages_cycle(user, window.cycle):
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
        if locked:
            notify.tell_locked(user, window)
    return window
