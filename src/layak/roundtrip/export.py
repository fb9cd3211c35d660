"""The agency workbook's content: the questions assigned to one agency in a cycle with their
current answers, one row per kecamatan/kelurahan for KELANA/DEKELA questions."""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils import formats, timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.core.answerbook import (
    BookInfo,
    ExportRow,
    canonical_note,
    canonical_value,
    choices_for,
    kind_text,
    number_range,
    origin_mark,
    per_unit,
    shown_value,
)
from layak.core.answers import adjusted_points
from layak.core.instrument import Question
from layak.core.messages import format_number
from layak.core.stages import STAGE_ORDER
from layak.core.wilayah import Level
from layak.evaluation.models import STAGE_CHOICES, Answer, Assignment, Cycle, Verification
from layak.evaluation.policy import handles_agency_book, manages_cycle
from layak.evaluation.queries.rows import Row as StatusRow
from layak.evaluation.queries.tallies import level_of
from layak.evidence.models import EvidenceFile
from layak.regions.models import Agency, Region
from layak.tabular.answerbook import write_answerbook

STAGE_NAMES = dict(STAGE_CHOICES)


def book_questions(user: User | None, cycle: Cycle, agency: Agency) -> list[Question]:
    """The agency's questions in instrument order; a coordinator's workbook holds only the
    questions of their cluster."""
    codes = set(
        Assignment.objects.filter(cycle=cycle, agency=agency).values_list(
            "question_code", flat=True
        )
    )
    questions = [q for q in cycle.instrument.questions if q.code in codes]
    if isinstance(user, User) and policy.role_of(user) is Role.COORDINATOR:
        questions = [q for q in questions if q.part_code == user.cluster]
    return questions


def unit_levels(cycle: Cycle) -> dict[int, list[Region]]:
    units: dict[int, list[Region]] = defaultdict(list)
    for unit in cycle.region.units(Level.DISTRICT, Level.VILLAGE).order_by("code"):
        units[unit.level].append(unit)
    return units


def claimed_points(question: Question, answer: Answer) -> float | None:
    """What the workbook's `poin diklaim` shows: adjusted points only."""
    points = None if answer.points is None else float(answer.points)
    return adjusted_points(question, answer.value, points)


def _row(
    question: Question,
    answer: Answer | None,
    unit: Region | None,
    evidence: int | None,
    status: str,
    verifier_note: str,
) -> ExportRow:
    is_unit = unit is not None
    value = canonical_value(question, answer.value, is_unit) if answer else ""
    note = canonical_note(answer.note) if answer else ""
    claimed = claimed_points(question, answer) if answer and not is_unit else None
    return ExportRow(
        code=question.code,
        unit=f"{unit.code} {unit.name}" if unit else "",
        text=question.text or question.label,
        kind=kind_text(question, is_unit),
        max_points=question.max_points,
        value=shown_value(question, answer.value if answer else "", is_unit),
        note=note,
        points=None if answer is None or answer.points is None or is_unit else float(answer.points),
        claimed=claimed,
        evidence=evidence,
        status=status,
        verifier_note=verifier_note,
        version=answer.version if answer else 0,
        origin=origin_mark(value, note, format_number(claimed) if claimed is not None else ""),
        choices=choices_for(question, is_unit),
        number_range=number_range(question, is_unit),
    )


def export_rows(user: User | None, cycle: Cycle, agency: Agency) -> list[ExportRow]:
    questions = book_questions(user, cycle, agency)
    codes = [q.code for q in questions]
    answers = {
        (a.question_code, a.unit_id or ""): a
        for a in Answer.objects.filter(cycle=cycle, question_code__in=codes)
    }
    evidence = dict(
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code__in=codes)
        .values_list("answer_id")
        .annotate(n=Count("id"))
    )
    latest = _latest_verifications(cycle, codes)
    units = unit_levels(cycle) if any(per_unit(q) for q in questions) else {}
    rows: list[ExportRow] = []
    for question in questions:
        if per_unit(question):
            for unit in units.get(level_of(question), []):
                answer = answers.get((question.code, unit.code))
                status = "Diajukan" if answer and answer.answered else "Belum dijawab"
                count = evidence.get(answer.pk, 0) if answer else 0
                rows.append(_row(question, answer, unit, count, status, ""))
            continue
        answer = answers.get((question.code, ""))
        verification = latest.get(question.code)
        # The question list's status rule (rows.Row), so both say the same.
        status = StatusRow(
            question,
            {
                "points": answer.points,
                "value": answer.value,
                "status": answer.status,
                "version": answer.version,
            }
            if answer
            else None,
            0,
            [],
            verification,
        ).status_label
        rows.append(
            _row(
                question,
                answer,
                None,
                evidence.get(answer.pk, 0) if answer else 0,
                status,
                str(verification["note"]) if verification else "",
            )
        )
    return rows


def _latest_verifications(cycle: Cycle, codes: list[str]) -> dict[str, dict[str, Any]]:
    """Each region answer's verification at the latest stage that has one."""
    latest: dict[str, dict[str, Any]] = {}
    for v in Verification.objects.filter(
        answer__cycle=cycle, answer__unit__isnull=True, answer__question_code__in=codes
    ).values("answer__question_code", "stage", "status", "note", "answer_version"):
        code = v["answer__question_code"]
        if code not in latest or _stage_index(v["stage"]) > _stage_index(latest[code]["stage"]):
            latest[code] = dict(v)
    return latest


def book_info(user: User | None, cycle: Cycle, agency: Agency) -> BookInfo:
    now = timezone.localtime()
    windows = tuple(
        f"{STAGE_NAMES[w.stage]}: {formats.date_format(timezone.localtime(w.opens_at), 'j M Y')}"
        f" – {formats.date_format(timezone.localtime(w.closes_at), 'j M Y')}"
        + (" (dikunci)" if w.locked else "")
        for w in sorted(cycle.windows.all(), key=lambda w: _stage_index(w.stage))
    )
    return BookInfo(
        region=cycle.region.name,
        year=cycle.year,
        agency=f"{agency.short_name}",
        cycle_id=cycle.pk,
        instrument=cycle.instrument.id,
        exported_at=now.strftime("%Y-%m-%d %H:%M"),
        exported_by=user.get_username() if isinstance(user, User) else "layak",
        windows=windows,
    )


def _stage_index(stage: str) -> int:
    return next((i for i, s in enumerate(STAGE_ORDER) if s.value == stage), len(STAGE_ORDER))


def file_name(cycle: Cycle, agency: Agency) -> str:
    """jawaban-18.72-2025-Dinkes.xlsx: only letters, digits, dots and dashes."""
    short = re.sub(r"[^0-9A-Za-z.-]+", "-", agency.short_name).strip("-") or str(agency.pk)
    return f"jawaban-{cycle.region_id}-{cycle.year}-{short}.xlsx"


def agency_book(user: User | None, cycle: Cycle, agency: Agency, console: bool = False) -> bytes:
    """The workbook of one agency, for someone the policy lets handle it (or for the command
    line, whose operator runs the server and reads everything: `console=True`)."""
    if not console and not (isinstance(user, User) and handles_agency_book(user, cycle, agency)):
        raise PermissionDenied
    buffer = io.BytesIO()
    write_answerbook(book_info(user, cycle, agency), export_rows(user, cycle, agency), buffer)
    return buffer.getvalue()


def books_agencies(user: User, cycle: Cycle) -> list[Agency]:
    """The agencies whose workbook the user may take: every agency with a question in the
    cycle (in a coordinator's cluster), or the officer's own."""
    assigned = Assignment.objects.filter(cycle=cycle)
    role = policy.role_of(user)
    if role is Role.COORDINATOR:
        cluster = {q.code for q in cycle.instrument.questions if q.part_code == user.cluster}
        assigned = assigned.filter(question_code__in=cluster)
    ids = set(assigned.values_list("agency_id", flat=True))
    agencies = Agency.objects.filter(pk__in=ids, region_id=cycle.region_id).order_by("short_name")
    return [a for a in agencies if handles_agency_book(user, cycle, a)]


def all_books(user: User, cycle: Cycle) -> bytes:
    """Every agency's workbook in one zip (the secretariat's)."""
    if not manages_cycle(user, cycle):
        raise PermissionDenied
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for agency in books_agencies(user, cycle):
            archive.writestr(file_name(cycle, agency), agency_book(user, cycle, agency))
    return buffer.getvalue()
