"""Importing an agency workbook: every row checked first with the web form's own rules, a
summary (new, changed, unchanged, rejected by row and column), then all or nothing.

The rules are not repeated here: who may write, the value's rule and the note an answer needs
when it departs from the registries' proposal come from `services.check_answer_input`, the
stage window and locks from `services.ensure_answer_writable`, stale versions from
`services.check_version`, and applying calls `services.save_answer` per row, which checks all
of it again under the row lock and writes the audit row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from layak.accounts.models import User
from layak.core.answerbook import (
    BookRow,
    book_rows,
    canonical_note,
    canonical_points,
    canonical_value,
    claimed_in_row,
    origin_mark,
    per_unit,
)
from layak.core.instrument import Question
from layak.core.messages import InputError, Message, Problem, format_number, msg
from layak.core.wilayah import Level
from layak.evaluation import services
from layak.evaluation.models import Answer, AnswerStatus, Assignment, Cycle
from layak.evaluation.proposals import Proposal, proposals_for
from layak.evaluation.queries.tallies import level_of
from layak.files.refusals import UploadPath, record_refusal
from layak.regions.models import Agency, Region
from layak.roundtrip.export import claimed_points
from layak.tabular.answerbook import read_answerbook

NEW, CHANGED, UNCHANGED, REJECTED = "baru", "berubah", "tetap", "ditolak"
# The service names its fields as the web form does; the workbook's columns are these.
COLUMN_OF = {"value": "jawaban", "points": "poin diklaim", "note": "catatan"}


@dataclass(frozen=True)
class Outcome:
    """What importing one row does, or why it may not."""

    row: int
    code: str
    unit: str
    kind: str
    before_value: str = ""
    before_points: str = ""
    before_note: str = ""
    value: str = ""
    points: str = ""
    note: str = ""
    version: int = 0
    submit: bool = False
    newer_in_layak: bool = False  # not edited in the file, and changed in Layak since the export
    problems: tuple[Problem, ...] = ()


@dataclass
class Plan:
    outcomes: list[Outcome] = field(default_factory=list)
    token: str = ""

    def of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == kind]

    @property
    def problems(self) -> list[Problem]:
        return [p for o in self.outcomes for p in o.problems]

    @property
    def writes(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind in (NEW, CHANGED)]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in (NEW, CHANGED, UNCHANGED, REJECTED)}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_book(cycle: Cycle, path: Path) -> tuple[list[BookRow], list[Problem]]:
    """The file's rows and what the instrument alone refuses. InputError for a bad file."""
    return book_rows(cycle.instrument, read_answerbook(path))


def rows_to_json(rows: Iterable[BookRow]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rows]


def rows_from_json(data: Iterable[dict[str, Any]]) -> list[BookRow]:
    return [BookRow(**item) for item in data]


def problems_to_json(problems: Iterable[Problem]) -> list[list[Any]]:
    return [[p.message.key, dict(p.message.params), p.row, p.column] for p in problems]


def problems_from_json(data: Iterable[list[Any]]) -> list[Problem]:
    return [Problem(Message(key, params), row, column) for key, params, row, column in data]


def _in_row(error: InputError, number: int, default: str) -> tuple[Problem, ...]:
    """The service's refusals, placed at the row and in the workbook's column."""
    return tuple(
        Problem(p.message, number, COLUMN_OF.get(p.column or "", default)) for p in error.problems
    )


class _Context:
    """What every row needs, fetched once."""

    def __init__(self, cycle: Cycle, agency: Agency, rows: list[BookRow]) -> None:
        self.cycle, self.agency = cycle, agency
        codes = {r.code for r in rows}
        self.assigned = set(
            Assignment.objects.filter(
                cycle=cycle, agency=agency, question_code__in=codes
            ).values_list("question_code", flat=True)
        )
        self.answers = {
            (a.question_code, a.unit_id or ""): a
            for a in Answer.objects.filter(cycle=cycle, question_code__in=codes)
            .select_related("updated_by")
            .prefetch_related("verifications")
        }
        wanted = {r.unit for r in rows if r.unit}
        self.units = {
            u.code: u for u in Region.objects.under(cycle.region_id).filter(code__in=wanted)
        }
        self.proposals = book_proposals(cycle, codes)


def book_proposals(cycle: Cycle, codes: Iterable[str]) -> dict[str, Proposal]:
    """The registries' proposals for the questions of a workbook's rows, read once for all."""
    known = {q.code: q for q in cycle.instrument.questions}
    return proposals_for(cycle, [known[c] for c in sorted(set(codes)) if c in known])


def _unit_problem(ctx: _Context, question: Question, row: BookRow) -> Problem | None:
    level = level_of(question)
    unit = ctx.units.get(row.unit)
    if unit is None or unit.level != level:
        name = "kecamatan" if level == Level.DISTRICT else "kelurahan/desa"
        return Problem(
            msg("book.unit_unknown", unit=row.unit, level=name, region=ctx.cycle.region.name),
            row.number,
            "unit",
        )
    return None


def _check_row(user: User, ctx: _Context, row: BookRow) -> Outcome:
    cycle = ctx.cycle
    question = cycle.instrument.question(row.code)
    base = Outcome(row=row.number, code=row.code, unit=row.unit, kind=REJECTED)
    if row.code not in ctx.assigned:
        problem = msg("book.not_assigned", code=row.code, agency=ctx.agency.short_name)
        return replace(base, problems=(Problem(problem, row.number, "kode"),))
    if row.unit and (problem_unit := _unit_problem(ctx, question, row)) is not None:
        return replace(base, problems=(problem_unit,))
    is_unit = per_unit(question)
    answer = ctx.answers.get((row.code, row.unit))
    before_value = canonical_value(question, answer.value, is_unit) if answer else ""
    before_note = canonical_note(answer.note) if answer else ""
    claimed = claimed_points(question, answer) if answer and not is_unit else None
    before_points = format_number(claimed) if claimed is not None else ""
    value = canonical_value(question, row.value, is_unit)
    points = canonical_points(row.points)
    if not is_unit:
        points = claimed_in_row(question, value, points)
    note = canonical_note(row.note)
    current = answer.version if answer else 0
    seen = replace(
        base,
        kind=UNCHANGED,
        before_value=before_value,
        before_points=before_points,
        before_note=before_note,
        value=value,
        points=points,
        note=note,
        version=current,
    )
    if (value, points, note) == (before_value, before_points, before_note):
        return seen
    if row.origin and row.origin == origin_mark(value, note, points):
        # Left as exported: the answer changed in Layak since, and the file does not undo it.
        return replace(seen, newer_in_layak=True)
    unit = ctx.units.get(row.unit) if row.unit else None
    # As the web form: a unit's answer is always submitted; a region answer keeps its status.
    submit = unit is not None or (answer is not None and answer.status == AnswerStatus.SUBMITTED)
    problems: list[Problem] = []
    try:
        services.check_answer_input(
            user,
            cycle,
            question,
            value=value,
            note=note,
            points=points,
            submit=submit,
            unit=unit,
            proposals=ctx.proposals,
        )
    except PermissionDenied:
        where = f" ({unit.name})" if unit else ""
        who = user.get_username()
        problem = msg("book.not_allowed", who=who, code=row.code, unit=where)
        problems.append(Problem(problem, row.number, "jawaban"))
    except InputError as error:
        problems.extend(_in_row(error, row.number, "jawaban"))
    try:
        services.ensure_answer_writable(cycle, answer)
    except InputError as error:
        problems.extend(_in_row(error, row.number, "jawaban"))
    try:
        if answer is not None:
            services.check_version(answer, row.version)
        elif row.version:
            raise InputError([Problem(msg("book.bad_version", value=str(row.version)))])
    except InputError as error:
        problems.extend(_in_row(error, row.number, "versi"))
    if problems:
        return replace(seen, kind=REJECTED, problems=tuple(problems))
    kind = NEW if answer is None or not answer.answered else CHANGED
    return replace(seen, kind=kind, submit=submit)


def check_rows(
    user: User,
    cycle: Cycle,
    agency: Agency,
    rows: list[BookRow],
    refused: list[Problem],
    file_sha: str,
) -> Plan:
    """The dry run: every row's outcome, and a token of the file and of the data it was
    checked against (applying with an older token is refused)."""
    ctx = _Context(cycle, agency, rows)
    plan = Plan([_check_row(user, ctx, row) for row in rows])
    by_row: dict[int, list[Problem]] = {}
    for problem in refused:
        by_row.setdefault(problem.row or 0, []).append(problem)
    for number, problems in by_row.items():
        plan.outcomes.append(
            Outcome(row=number, code="", unit="", kind=REJECTED, problems=tuple(problems))
        )
    plan.outcomes.sort(key=lambda o: o.row)
    state = [
        [
            o.row,
            o.code,
            o.unit,
            o.kind,
            o.version,
            o.before_value,
            o.before_points,
            o.before_note,
            o.value,
            o.points,
            o.note,
        ]
        for o in plan.outcomes
    ]
    text = json.dumps([file_sha, agency.pk, state], ensure_ascii=False)
    plan.token = hashlib.sha256(text.encode()).hexdigest()
    return plan


def apply_plan(
    user: User,
    cycle: Cycle,
    agency: Agency,
    rows: list[BookRow],
    refused: list[Problem],
    file_sha: str,
    token: str,
    request: HttpRequest | None = None,
) -> Plan:
    """Check again, and write every change in one transaction, or nothing: refused when any
    row is rejected or when the data changed since the dry run that showed `token`."""
    with transaction.atomic():
        plan = check_rows(user, cycle, agency, rows, refused, file_sha)
        if plan.token != token:
            raise services.Conflict([Problem(msg("book.stale_preview"))])
        rejected = len(plan.of(REJECTED))
        if rejected:
            raise InputError([Problem(msg("book.has_rejections", count=rejected)), *plan.problems])
        recompute: dict[str, Question] = {}
        units = {u.code: u for u in Region.objects.filter(code__in={o.unit for o in plan.writes})}
        proposals = book_proposals(cycle, (o.code for o in plan.writes))
        for outcome in plan.writes:
            question = cycle.instrument.question(outcome.code)
            services.save_answer(
                user,
                cycle,
                question,
                value=outcome.value,
                points=outcome.points,
                note=outcome.note,
                expected_version=outcome.version,
                submit=outcome.submit,
                unit=units.get(outcome.unit),
                request=request,
                recompute=False,
                proposals=proposals,
            )
            if outcome.unit:
                recompute[question.code] = question
        for question in recompute.values():
            services.recompute_from_units(cycle, question, user)
    return plan


def audit_refusal(
    user: User,
    cycle: Cycle,
    agency: Agency,
    name: str,
    problems: list[Problem],
    request: HttpRequest | None,
) -> None:
    """One `unggahan_ditolak` event for a refused workbook, naming every rule it broke."""
    record_refusal(
        user=user,
        path=UploadPath.ANSWER_BOOK,
        rules=[p.message.key for p in problems],
        file_name=name,
        region_code=cycle.region_id,
        object_type="opd",
        object_id=agency.pk,
        request=request,
    )


def import_file(
    user: User,
    cycle: Cycle,
    agency: Agency,
    path: Path,
    *,
    dry_run: bool,
    request: HttpRequest | None = None,
) -> Plan:
    """Check a workbook and, unless `dry_run` or anything is rejected, apply it at once (the
    command line's way: the check and the write are one step)."""
    try:
        rows, refused = read_book(cycle, path)
    except InputError as error:
        if not dry_run:
            audit_refusal(user, cycle, agency, path.name, error.problems, request)
        raise
    sha = file_digest(path)
    plan = check_rows(user, cycle, agency, rows, refused, sha)
    if plan.of(REJECTED) and not dry_run:
        audit_refusal(user, cycle, agency, path.name, plan.problems, request)
    if dry_run or plan.of(REJECTED) or not plan.writes:
        return plan
    return apply_plan(user, cycle, agency, rows, refused, sha, plan.token, request)
