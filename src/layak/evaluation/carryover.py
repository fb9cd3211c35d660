"""The year after: what a region's next cycle takes from its last one, and the review of it.

When a region opens a cycle on an instrument it used before (`setup.open_cycle`):

- the assignments of its latest earlier cycle on that instrument are copied, the secretariat's
  changes by hand included (an agency no longer active is left out);
- on request, last year's answers (the region's and each kecamatan's/kelurahan's) are copied as
  drafts marked "dari tahun lalu — perlu ditinjau" (`Answer.carried_from_year`), for the
  questions asked alike in both instruments, and the apps that hang records on answers link
  what is still valid (`register_carrier`: the evidence app links the files valid in the new
  year). Verifications are never copied.

A carried answer counts in no figure: it is a draft until a person saves it or marks it
reviewed (`review_answer`), which submits it; the secretariat may review at once every carried
answer nobody has changed (`review_unchanged`). Confirming is writing this year's answer, so
the proposal rule of saving holds: an answer that departs from this year's registry proposal
without a note is refused one by one and left out of the bulk review. Each write is audited in
its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from layak.accounts.models import User
from layak.audit.log import record_each
from layak.core.instrument import Question
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.evaluation.models import Answer, AnswerStatus, Assignment, Cycle, evidence_files
from layak.evaluation.policy import manages_cycle, writes_answer
from layak.evaluation.proposals import proposals_for
from layak.evaluation.services import (
    answer_event_after,
    check_version,
    ensure_answer_writable,
    ensure_open,
    new_version,
    proposal_problem,
    recompute_from_units,
    record_answer_event,
    refuse,
)
from layak.regions.models import Region

# What another app carries along with the answers: (new cycle, old answer id → new answer,
# the person opening or None, the actor's name for the audit) → how many records it linked.
Carrier = Callable[[Cycle, Mapping[int, Answer], User | None, str], int]
_CARRIERS: list[Carrier] = []


def register_carrier(carrier: Carrier) -> Carrier:
    """Called from an upper app's AppConfig.ready(): evaluation cannot import it."""
    if carrier not in _CARRIERS:
        _CARRIERS.append(carrier)
    return carrier


def previous_cycle(region: Region, year: int, instrument_id: str) -> Cycle | None:
    """The region's latest cycle before `year` on the same instrument: what a new one copies."""
    return (
        Cycle.objects.with_instrument()
        .filter(region=region, year__lt=year, instrument_record__slug=instrument_id)
        .order_by("-year")
        .first()
    )


def copy_assignments(source: Cycle, cycle: Cycle) -> int:
    """The earlier cycle's assignments, as the secretariat left them, for the questions the new
    instrument has; agencies no longer active are left out (their questions wait for one)."""
    codes = {q.code for q in cycle.instrument.questions}
    rows = [
        Assignment(cycle=cycle, question_code=code, agency_id=agency_id, lead=lead)
        for code, agency_id, lead in Assignment.objects.filter(
            cycle=source, agency__active=True, question_code__in=codes
        )
        .order_by("pk")
        .values_list("question_code", "agency_id", "lead")
    ]
    Assignment.objects.bulk_create(rows)
    return len(rows)


def carried_questions(source: Cycle, cycle: Cycle) -> set[str]:
    """The questions asked alike in both cycles' instruments: only their answers carry over."""
    if source.instrument_record_id == cycle.instrument_record_id:
        return {q.code for q in cycle.instrument.questions}
    earlier = {q.code: q for q in source.instrument.questions}
    return {q.code for q in cycle.instrument.questions if earlier.get(q.code) == q}


def carry_answers(source: Cycle, cycle: Cycle, by: User | None, actor_name: str) -> tuple[int, int]:
    """Copy the earlier cycle's answers into `cycle` as drafts marked carried, then let the
    registered apps link their records (evidence). Returns (answers, records linked). Runs
    inside the opening's transaction."""
    codes = carried_questions(source, cycle)
    earlier = list(
        Answer.objects.answered()
        .filter(cycle=source, question_code__in=codes)
        .order_by("question_code", "unit_id")
    )
    now = timezone.now()
    made = [
        Answer(
            cycle=cycle,
            question_code=old.question_code,
            unit_id=old.unit_id,
            value=old.value,
            points=old.points,
            note=old.note,
            status=AnswerStatus.DRAFT,
            version=1,
            updated_by=by,
            updated_at=now,
            carried_from_year=source.year,
        )
        for old in earlier
    ]
    if connection.features.can_return_rows_from_bulk_insert:
        Answer.objects.bulk_create(made)  # one INSERT; each copy gets its id back
    else:  # SQLite before 3.35 returns no ids from a bulk insert: the evidence links need them
        for answer in made:
            answer.save(force_insert=True)
    copies = {old.pk: answer for old, answer in zip(earlier, made, strict=True)}
    record_each(
        "answer.carry",
        actor=by,
        actor_name=actor_name,
        object_type="answer",
        region_code=cycle.region_id,
        changes=[
            (
                answer.pk,
                None,
                answer_event_after(
                    answer,
                    answer.snapshot(),
                    {"unit": answer.unit_id, "carried_from_year": source.year},
                ),
            )
            for answer in made
        ],
    )
    linked = sum(carrier(cycle, copies, by, actor_name) for carrier in _CARRIERS)
    return len(copies), linked


@dataclass(frozen=True)
class Carried:
    """What a cycle took from the one before it, read back for the page and the command."""

    source: Cycle | None  # the cycle its assignments (and answers, if asked) came from
    answers: int
    awaiting_review: int
    evidence: int

    def lines(self) -> list[str]:
        """What the opening took, as the page and `layak open-cycle` both say it."""
        if self.source is None:
            return []
        year = self.source.year
        lines = [
            gettext("Penugasan OPD disalin dari siklus %(year)s, termasuk perubahan manual.")
            % {"year": year}
        ]
        if self.answers:
            lines.append(
                ngettext(
                    "%(n)d jawaban %(year)s disalin sebagai draf yang perlu ditinjau; "
                    "%(files)d bukti yang masih berlaku ditautkan.",
                    "%(n)d jawaban %(year)s disalin sebagai draf yang perlu ditinjau; "
                    "%(files)d bukti yang masih berlaku ditautkan.",
                    self.answers,
                )
                % {"n": self.answers, "year": year, "files": self.evidence}
            )
        return lines


def carried_into(cycle: Cycle) -> Carried:
    source = previous_cycle(cycle.region, cycle.year, cycle.instrument_record.slug)
    answers = Answer.objects.filter(cycle=cycle, carried_from_year__isnull=False)
    return Carried(
        source=source,
        answers=answers.count(),
        awaiting_review=answers.awaiting_review().count(),
        evidence=evidence_files(present=False)
        .filter(answer__cycle=cycle, carried_from__isnull=False)
        .count(),
    )


def may_review(user: User, answer: Answer, question: Question) -> bool:
    """Whoever may write the answer may confirm it."""
    return writes_answer(user, answer.cycle, question, answer.unit)


def _confirm(
    user: User, cycle: Cycle, answer: Answer, question: Question, request: HttpRequest | None
) -> None:
    """Mark a locked carried answer reviewed and submit it; a KELANA/DEKELA region answer
    follows its units instead (the caller recomputes it)."""
    before = answer.snapshot()
    now = timezone.now()
    answer.reviewed_at, answer.reviewed_by = now, user
    if answer.unit_id is not None or not question.per_unit:
        answer.status = AnswerStatus.SUBMITTED
    new_version(answer, user, now)
    answer.save()
    record_answer_event(
        "answer.review",
        cycle,
        answer,
        answer.snapshot(),
        extra={"unit": answer.unit_id, "carried_from_year": answer.carried_from_year},
        actor=user,
        before=before,
        request=request,
    )


def review_answer(
    user: User,
    answer: Answer,
    *,
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> Answer:
    """ "Sudah ditinjau": the carried answer stands as it is and is submitted. Refused when it
    is not waiting for a review, was changed since the page was opened, or the window is shut."""
    cycle = answer.cycle
    question = cycle.instrument.question(answer.question_code)
    if not may_review(user, answer, question):
        raise PermissionDenied
    with transaction.atomic():
        locked = Answer.objects.select_for_update().order_by("pk").get(pk=answer.pk)
        ensure_answer_writable(cycle, locked)
        check_version(locked, expected_version)
        if not locked.awaiting_review:
            refuse("answer.not_carried")
        # Last year's answer confirmed as it is is written this year: the same proposal rule
        # as saving it (this year's register may propose another figure).
        problem = proposal_problem(
            cycle, question, value=locked.value, note=locked.note, unit=locked.unit
        )
        if problem is not None:
            raise InputError([problem])
        _confirm(user, cycle, locked, question, request)
        if question.per_unit:
            recompute_from_units(cycle, question, user)
            locked.refresh_from_db()
    return locked


def unchanged(cycle: Cycle) -> QuerySet[Answer]:
    """Carried answers nobody has touched since they were copied (still at their first
    version): what the secretariat may confirm in one step."""
    return Answer.objects.awaiting_review().filter(cycle=cycle, version=1)


@dataclass(frozen=True)
class Reviewed:
    """What "Tinjau semua yang tidak berubah" did: how many answers it confirmed, and the
    questions it left carried because their answer departs from this year's proposal without
    a note (each to be reviewed on its page)."""

    confirmed: int
    differing: tuple[str, ...]


def review_unchanged(user: User, cycle: Cycle, request: HttpRequest | None = None) -> Reviewed:
    """The secretariat confirms, in one step, every carried answer nobody has touched since it
    was copied (still at its first version), each audited. An answer the proposal rule would
    refuse (`services.proposal_problem`) is left out whole: it stays carried."""
    if not manages_cycle(user, cycle):
        raise PermissionDenied
    instrument = cycle.instrument
    computed: set[str] = set()
    differing: list[str] = []
    confirmed = 0
    with transaction.atomic():
        ensure_open(cycle, Stage.SELF_ASSESSMENT)
        untouched = list(unchanged(cycle).select_for_update().order_by("pk"))
        # The proposals of every question at once (the registries' fixed handful of queries).
        codes = sorted({a.question_code for a in untouched if a.unit_id is None})
        proposals = proposals_for(cycle, [instrument.question(code) for code in codes])
        for answer in untouched:
            question = instrument.question(answer.question_code)
            if answer.unit_id is None and proposals:
                problem = proposal_problem(
                    cycle, question, value=answer.value, note=answer.note, proposals=proposals
                )
                if problem is not None:
                    differing.append(question.code)
                    continue
            _confirm(user, cycle, answer, question, request)
            confirmed += 1
            if question.per_unit:
                computed.add(question.code)
        # A KELANA/DEKELA region answer once, after all of its units' answers.
        for code in sorted(computed):
            recompute_from_units(cycle, instrument.question(code), user)
    return Reviewed(confirmed, tuple(differing))
