"""The answer list and a question's page: answer, evidence, verification and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import (
    ANSWER_WRITERS,
    MANAGERS,
    REGION_READERS,
    STAFF,
    UNIT_ANSWER_WRITERS,
    VERIFIERS,
    Role,
)
from layak.accounts.typing import SignedInRequest
from layak.audit.models import AuditEvent
from layak.core.answers import adjusted_points, proposed_points, same_answer
from layak.core.instrument import Question
from layak.core.messages import InputError
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation import carryover, services
from layak.evaluation.history import read_history
from layak.evaluation.lookups import cycle_for, question_for, region_answer, unit_for
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    VerificationStatus,
    evidence_files,
)
from layak.evaluation.policy import answers_for_unit, manages_cycle, verifies, writes_answer
from layak.evaluation.proposals import proposal_for, proposals_for
from layak.evaluation.queries.queues import in_queue, queues_for
from layak.evaluation.queries.rows import EXTRA_STATUSES, STATUS_LABELS, filter_rows, rows_for
from layak.profil.queries.reading import support_for_question
from layak.regions.models import Region
from layak.web.errors import problems_by_field, request_lang
from layak.web.forms import INVALID
from layak.web.htmx import is_htmx

# Fields shown next to their own input; any other refusal concerns an upload: the files as a
# whole (under "files", the form field: not a word to show) or one file (under its name).
PAGE_FIELDS = frozenset(
    {"", "value", "note", "title", "document_year", "valid_until_year", "status", "verified_points"}
)


@require_GET
@allow(*STAFF)
def question_list(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    keys = ("bagian", "opd", "status", "cari", "menunggu", "wilayah")
    chosen = {k: request.GET.get(k, "").strip() for k in keys}
    unit = _listed_unit(request.user, cycle, chosen["wilayah"])
    rows = rows_for(request.user, cycle, unit)
    shown = filter_rows(rows, chosen["bagian"], chosen["opd"], chosen["status"], chosen["cari"])
    shown = in_queue(shown, chosen["menunggu"])
    reader = policy.role_of(request.user) in REGION_READERS
    context = {
        "cycle": cycle,
        "rows": shown,
        "total": len(rows),
        "chosen": chosen,
        "unit": unit,
        "parts": cycle.instrument.parts,
        "agencies": sorted({a for r in rows for a in r.agencies}),
        "statuses": [*STATUS_LABELS.items(), *EXTRA_STATUSES.items()],
        "queues": queues_for(request.user),
        "units": list(cycle.region.units(Level.DISTRICT, Level.VILLAGE)) if reader else [],
        "computed_drafts": _computed_drafts(request.user, cycle),
        "departing": set() if unit else _departing(cycle, shown),
        "unchanged_carried": carryover.unchanged(cycle).count()
        if manages_cycle(request.user, cycle)
        else 0,
    }
    template = (
        "evaluation/_question_table.html" if is_htmx(request) else "evaluation/questions.html"
    )
    return render(request, template, context)


def _listed_unit(user: User, cycle: Cycle, code: str) -> Region | None:
    """The unit whose own answers the list shows: an operator's always, else the kecamatan or
    kelurahan a reader chose (an unknown code is 404, as everywhere)."""
    if policy.role_of(user) is Role.UNIT_OPERATOR:
        return user.unit
    if code and policy.role_of(user) in REGION_READERS:
        return unit_for(cycle, code)
    return None


def _departing(cycle: Cycle, rows: list[Any]) -> set[str]:
    """The codes whose answer differs from what Layak's registers propose (marked in the list)."""
    answered = [r for r in rows if r.answer and r.answer["value"]]
    proposals = proposals_for(cycle, [r.question for r in answered])
    return {
        r.question.code
        for r in answered
        if r.question.code in proposals
        and not same_answer(r.question, proposals[r.question.code].value, r.answer["value"])
    }


def _float(points: Any) -> float | None:
    return None if points is None else float(points)


def _computed_drafts(user: User, cycle: Cycle) -> list[tuple[Any, int]]:
    """For the secretariat: per part, the region answers computed from the units' answers that
    are still drafts (not every unit has answered), which it may submit in one step."""
    if not manages_cycle(user, cycle):
        return []
    parts = [p for p in cycle.instrument.parts if any(q.per_unit for q in p.questions)]
    drafts = set(
        Answer.objects.filter(
            cycle=cycle, unit__isnull=True, status=AnswerStatus.DRAFT, points__isnull=False
        ).values_list("question_code", flat=True)
    )
    counts = [(p, sum(1 for q in p.questions if q.per_unit and q.code in drafts)) for p in parts]
    return [(p, n) for p, n in counts if n]


@require_POST
@allow(*MANAGERS)
def submit_computed(request: SignedInRequest, cycle_id: int, part: str) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    if not any(p.code == part for p in cycle.instrument.parts):
        raise Http404
    try:
        done = services.submit_computed(request.user, cycle, part, request=request)
    except InputError as error:
        refusal_as_messages(request, error)
    else:
        messages.success(
            request,
            ngettext("%(n)d jawaban diajukan.", "%(n)d jawaban diajukan.", len(done))
            % {"n": len(done)},
        )
    return redirect(f"{reverse('evaluation:questions', args=[cycle.pk])}?bagian={part}")


def _verifier_stages(user: User, cycle: Cycle) -> list[Stage]:
    open_stages = []
    for stage in STAGE_ORDER[1:]:
        window = services.window_for(cycle, stage)
        if verifies(user, cycle, stage) and window is not None and window.is_open():
            open_stages.append(stage)
    return open_stages


def detail_context(
    request: SignedInRequest,
    cycle: Cycle,
    question: Question,
    errors: dict[str, list[str]] | None = None,
    posted: dict[str, str] | None = None,
) -> dict[str, Any]:
    user = request.user
    answer = region_answer(cycle, question.code)
    per_unit = question.per_kecamatan or question.per_desa_kelurahan
    answer_ids = [answer.pk] if answer else []
    units: list[dict[str, Any]] = []
    # An operator reads the region's answer and his own unit's, never another unit's: not its
    # answer, its files, nor its history (values, notes, file names).
    operator = policy.role_of(user) is Role.UNIT_OPERATOR
    own_unit = getattr(user, "unit_id", None)
    if per_unit:
        level = Level.DISTRICT if question.per_kecamatan else Level.VILLAGE
        unit_answers = Answer.objects.filter(
            cycle=cycle, question_code=question.code, unit__isnull=False
        )
        if operator:
            unit_answers = unit_answers.filter(unit_id=own_unit)
        by_unit = {a.unit_id: a for a in unit_answers}
        answer_ids += [a.pk for a in by_unit.values()]
        for unit in cycle.region.units(level):
            if operator and unit.code != own_unit:
                continue
            units.append(
                {
                    "unit": unit,
                    "answer": by_unit.get(unit.code),
                    "writable": answers_for_unit(user, cycle, question, unit),
                }
            )
    found = (
        evidence_files(present=False)
        .filter(answer_id__in=answer_ids)
        .select_related("uploaded_by", "answer__unit")
        .order_by("uploaded_at")
    )
    if operator:
        found = found.filter(answer__unit_id=own_unit)
    files = list(found)
    verifications = list(answer.verifications.all()) if answer else []
    # Only a submitted answer is verified (services.verify refuses a draft).
    verifying = _verifier_stages(user, cycle) if answer is not None and answer.submitted else []
    proposed = proposed_points(question, answer.value) if answer is not None else None
    proposal = proposal_for(cycle, question)
    adjusted = answer is not None and (
        adjusted_points(question, answer.value, _float(answer.points)) is not None
    )
    mine = {v.stage: v for v in verifications}
    history = read_history(
        AuditEvent.objects.filter(
            object_type="answer", object_id__in=[str(i) for i in answer_ids]
        ).order_by("-at", "-id")[:100],
        question=question,
    )
    changed_since = [
        {"stage": _(Stage(s).label), "since": v.answer_version, "now": answer.version}
        for s, v in mine.items()
        if answer and v.answer_version < answer.version
    ]
    return {
        "cycle": cycle,
        "question": question,
        "answer": answer,
        "per_unit": per_unit,
        "units": units,
        "files": files,
        # An operator's page leads with his own unit's answer, status and evidence; its count
        # is the list's (present files on the unit's answer: rows.unit_evidence_counts).
        "own": units[0] if operator and len(units) == 1 else None,
        "own_evidence": sum(1 for f in files if f.removed_at is None),
        "can_write": _may_change(user, cycle, question, answer),
        "proposed": proposed,
        "proposal": proposal,
        "proposal_taken": proposal is not None
        and answer is not None
        and same_answer(question, proposal.value, answer.value),
        "adjusted": adjusted,
        "awaiting_submission": answer is not None
        and not answer.submitted
        and answer.points is not None
        and bool(_verifier_stages(user, cycle)),
        "can_upload": _may_change(user, cycle, question, answer, documents=True)
        or (
            policy.role_of(user) is Role.UNIT_OPERATOR
            and len(units) == 1
            and _may_change(
                user, cycle, question, units[0]["answer"], units[0]["unit"], documents=True
            )
        ),
        "verifications": verifications,
        "verifying": [(stage, mine.get(stage.value)) for stage in verifying],
        "verification_statuses": VerificationStatus.choices,
        "changed_since": changed_since,
        "history": history,
        "errors": errors or {},
        "upload_errors": _upload_errors(errors or {}),
        "posted": posted or {},
        "part": next(p for p in cycle.instrument.parts if p.code == question.part_code),
    }


def _upload_errors(errors: dict[str, list[str]]) -> list[str]:
    return [
        text if field == "files" else f"{field}: {text}"
        for field, texts in errors.items()
        if field not in PAGE_FIELDS
        for text in texts
    ]


def _may_change(
    user: User,
    cycle: Cycle,
    question: Question,
    answer: Answer | None,
    unit: Any = None,
    *,
    documents: bool = False,
) -> bool:
    """May the user change the answer now (the region's, or their unit's), or with `documents`
    add evidence to it: they may write it and its stage window lets them."""
    if not writes_answer(user, cycle, question, unit):
        return False
    try:
        services.ensure_answer_writable(cycle, answer, documents=documents)
    except InputError:
        return False
    return True


@require_GET
@allow(*STAFF)
def question_detail(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    context = detail_context(request, cycle, question)
    # Data-backed figures from the region's Profil Anak, for the questions it measures.
    context["profil_support"] = support_for_question(cycle.region, cycle.year, question.code)
    return render(request, "evaluation/question.html", context)


def after_answer_write(
    request: SignedInRequest,
    cycle: Cycle,
    question: Question,
    message: str,
    error: InputError | None = None,
) -> HttpResponse:
    """Re-render the question (whole page, or the answer block for htmx) or redirect (PRG). A
    refusal answers 400 either way: htmx swaps a 400 like a 200 (base.html)."""
    if error is not None:
        errors = problems_by_field(error, request_lang(request))
        context = detail_context(
            request, cycle, question, errors=errors, posted=request.POST.dict()
        )
        template = (
            "evaluation/_answer_block.html" if is_htmx(request) else "evaluation/question.html"
        )
        return render(request, template, context, status=INVALID)
    messages.success(request, message)
    if is_htmx(request):
        return render(
            request, "evaluation/_answer_block.html", detail_context(request, cycle, question)
        )
    return redirect("evaluation:question", cycle_id=cycle.pk, code=question.code)


def refusal_as_messages(request: HttpRequest, error: InputError) -> None:
    """A one-button action has no form to show again: its refusal is shown as messages on the
    page it redirects to (the problems that name no field; its buttons post none)."""
    for text in problems_by_field(error, request_lang(request)).get("", []):
        messages.error(request, text)


def version_posted(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@require_POST
@allow(*ANSWER_WRITERS)
def save_answer(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    submit = request.POST.get("action") == "ajukan"
    return _save_posted_answer(
        request,
        cycle,
        question,
        _("Jawaban diajukan.") if submit else _("Draf jawaban disimpan."),
        submit=submit,
        points=request.POST.get("points", ""),
    )


@require_POST
@allow(*UNIT_ANSWER_WRITERS)
def save_unit_answer(
    request: SignedInRequest, cycle_id: int, code: str, unit_code: str
) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    unit = unit_for(cycle, unit_code)
    done = _("Jawaban %(unit)s disimpan.") % {"unit": unit.name}
    return _save_posted_answer(request, cycle, question, done, submit=True, unit=unit)


def _save_posted_answer(
    request: SignedInRequest,
    cycle: Cycle,
    question: Question,
    done: str,
    *,
    submit: bool,
    unit: Region | None = None,
    points: str = "",
) -> HttpResponse:
    """The region's answer form and a unit's post the same fields to the one service; `done`
    is the message shown when it is saved."""
    try:
        services.save_answer(
            request.user,
            cycle,
            question,
            value=request.POST.get("value", ""),
            points=points,
            note=request.POST.get("note", ""),
            expected_version=version_posted(request),
            submit=submit,
            unit=unit,
            request=request,
        )
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    return after_answer_write(request, cycle, question, done)


@require_POST
@allow(*VERIFIERS)
def save_verification(
    request: SignedInRequest, cycle_id: int, code: str, stage: str
) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    try:
        chosen = Stage(stage)
    except ValueError:
        raise PermissionDenied from None
    answer = region_answer(cycle, code)
    try:
        if answer is None:
            services.refuse("verification.unanswered")
        services.verify(
            request.user,
            answer,
            chosen,
            status=request.POST.get("status", ""),
            points=request.POST.get("verified_points", ""),
            note=request.POST.get("note", ""),
            expected_version=version_posted(request),
            request=request,
        )
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    return after_answer_write(request, cycle, question, _("Verifikasi disimpan."))
