"""The answer list's rows: one per visible question with its answer, files and verification.

Built from five queries whatever the number of questions (guarded by a query-count test).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from layak.accounts.models import User
from layak.core.instrument import Question
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation.models import Answer, Assignment, Cycle, Verification
from layak.evaluation.policy import assigned_codes, sees_question
from layak.evaluation.queries.scores import evidence_counts

# Marked for makemessages only: the template translates them ({% translate row.status_label %}).
STATUS_LABELS = {
    "belum": gettext_noop("Belum dijawab"),
    "draf": gettext_noop("Draf"),
    "diajukan": gettext_noop("Diajukan"),
    "perbaikan": gettext_noop("Perlu perbaikan"),
    "diperbaiki": gettext_noop("Sudah diperbaiki"),
    "ditolak": gettext_noop("Ditolak"),
    "diterima": gettext_noop("Diterima"),
}


@dataclass(frozen=True)
class Row:
    question: Question
    answer: dict[str, Any] | None
    evidence: int
    agencies: list[str]
    verification: dict[str, Any] | None

    @property
    def status(self) -> str:
        if self.answer is None or self.answer["points"] is None:
            return "belum"
        if self.verification is not None:
            if (
                self.verification["status"] != "diterima"
                and self.answer["version"] > self.verification["answer_version"]
            ):
                # Revised: back with the verifier once submitted again, a draft until then.
                return "diperbaiki" if self.answer["status"] == "diajukan" else "draf"
            return str(self.verification["status"])
        return str(self.answer["status"])

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def rows_for(user: User, cycle: Cycle) -> list[Row]:
    instrument = cycle.instrument
    assigned = assigned_codes(user, cycle)
    visible = [q for q in instrument.questions if sees_question(user, cycle, q, assigned)]
    answers: dict[str, dict[str, Any]] = {
        a["question_code"]: dict(a)
        for a in Answer.objects.filter(cycle=cycle, unit__isnull=True).values(
            "question_code", "value", "points", "status", "version", "note"
        )
    }
    evidence = evidence_counts(cycle)
    agencies: dict[str, list[str]] = defaultdict(list)
    for code, short_name in (
        Assignment.objects.filter(cycle=cycle)
        .order_by("question_code", "-lead", "agency__short_name")
        .values_list("question_code", "agency__short_name")
    ):
        agencies[code].append(short_name)
    latest: dict[str, dict[str, Any]] = {}
    for v in Verification.objects.filter(answer__cycle=cycle, answer__unit__isnull=True).values(
        "answer__question_code", "stage", "status", "note", "verified_points", "answer_version"
    ):
        code = v["answer__question_code"]
        order = STAGE_ORDER.index(Stage(v["stage"]))
        if code not in latest or order > STAGE_ORDER.index(Stage(latest[code]["stage"])):
            latest[code] = dict(v)
    return [
        Row(
            q,
            answers.get(q.code),
            evidence.get(q.code, 0),
            agencies.get(q.code, []),
            latest.get(q.code),
        )
        for q in visible
    ]


def filter_rows(rows: list[Row], part: str, agency: str, status: str, text: str) -> list[Row]:
    result = rows
    if part:
        result = [r for r in result if r.question.part_code == part]
    if agency:
        result = [r for r in result if agency in r.agencies]
    if status == "tanpa_bukti":
        result = [r for r in result if r.answer and r.answer["value"] and not r.evidence]
    elif status:
        result = [r for r in result if r.status == status]
    if text:
        needle = text.casefold()
        result = [
            r
            for r in result
            if needle in r.question.code.casefold() or needle in r.question.label.casefold()
        ]
    return result
