"""The answer list's rows: one per visible question with its answer, files and verification.

Built from five queries whatever the number of questions (guarded by a query-count test). The
rows of one kecamatan or kelurahan (its operator's list, or a reader's list filtered to it)
carry that unit's own answer and files, never the city's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_noop

from layak.accounts.models import User
from layak.core.instrument import Question
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation.models import Answer, Cycle, Verification, evidence_files
from layak.evaluation.policy import assigned_codes, sees_question, unit_answers
from layak.evaluation.queries.scores import assigned_agencies, evidence_counts
from layak.regions.models import Region

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
    # Stage → the answer version its verification at that stage decided (none: undecided).
    decided: tuple[tuple[str, int], ...] = ()

    @property
    def answered(self) -> bool:
        """As `Answer.answered()`: a region's claimed points, or a unit's yes/no."""
        return self.answer is not None and (
            self.answer["points"] is not None or self.answer["value"] != ""
        )

    @property
    def carried(self) -> bool:
        """Copied from last year's cycle and not yet saved or reviewed: as
        `Answer.awaiting_review`."""
        return (
            self.answer is not None
            and self.answer["carried_from_year"] is not None
            and self.answer["reviewed_at"] is None
        )

    @property
    def status(self) -> str:
        if self.answer is None or not self.answered:
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


def rows_for(user: User, cycle: Cycle, unit: Region | None = None) -> list[Row]:
    """The rows the user sees; with a unit, only the questions that unit answers, with its own
    answer and files (units' answers are not verified)."""
    instrument = cycle.instrument
    assigned = assigned_codes(user, cycle)
    visible = [q for q in instrument.questions if sees_question(user, cycle, q, assigned)]
    if unit is not None:
        visible = [q for q in visible if unit_answers(q, unit)]
    answers: dict[str, dict[str, Any]] = {
        a["question_code"]: dict(a)
        for a in Answer.objects.filter(cycle=cycle, unit=unit).values(
            "question_code",
            "value",
            "points",
            "status",
            "version",
            "note",
            "carried_from_year",
            "reviewed_at",
        )
    }
    evidence = evidence_counts(cycle) if unit is None else unit_evidence_counts(cycle, unit)
    agencies = assigned_agencies(cycle)
    latest: dict[str, dict[str, Any]] = {}
    decided: dict[str, dict[str, int]] = defaultdict(dict)
    for v in Verification.objects.filter(answer__cycle=cycle, answer__unit=unit).values(
        "answer__question_code", "stage", "status", "note", "verified_points", "answer_version"
    ):
        code = v["answer__question_code"]
        decided[code][v["stage"]] = v["answer_version"]
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
            tuple(sorted(decided[q.code].items())),
        )
        for q in visible
    ]


def unit_evidence_counts(cycle: Cycle, unit: Region) -> dict[str, int]:
    """Present evidence files per question on this unit's own answers: what its page shows."""
    rows = (
        evidence_files(present=True)
        .filter(answer__cycle=cycle, answer__unit=unit)
        .values("answer__question_code")
        .annotate(n=Count("id"))
    )
    return {row["answer__question_code"]: row["n"] for row in rows}


# Filters beyond the statuses, each the definition the dashboard's completeness counts use.
EXTRA_STATUSES = {
    "dijawab": gettext_noop("Dijawab"),
    "berbukti": gettext_noop("Dijawab dan berbukti"),
    "tanpa_bukti": gettext_noop("Tanpa bukti"),
    "tahun_lalu": gettext_noop("Dari tahun lalu, perlu ditinjau"),
}


def has_status(row: Row, status: str) -> bool:
    if status == "dijawab":
        return row.answered
    if status == "berbukti":
        return row.answered and row.evidence > 0
    if status == "tanpa_bukti":
        return row.answered and not row.evidence
    if status == "tahun_lalu":
        return row.carried
    return row.status == status


def filter_rows(rows: list[Row], part: str, agency: str, status: str, text: str) -> list[Row]:
    result = rows
    if part:
        result = [r for r in result if r.question.part_code == part]
    if agency:
        result = [r for r in result if agency in r.agencies]
    if status:
        result = [r for r in result if has_status(r, status)]
    if text:
        needle = text.casefold()
        result = [
            r
            for r in result
            if needle in r.question.code.casefold() or needle in r.question.label.casefold()
        ]
    return result
