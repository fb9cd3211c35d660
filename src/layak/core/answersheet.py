"""Answer sheets: rows of (kode, nilai, bukti, catatan) checked against an instrument.

A sheet is accepted whole or refused whole, with every problem named by row and column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from layak.core.answers import Answer, claim_answer, parse_evidence_count, parse_number
from layak.core.gap import Effort
from layak.core.instrument import Instrument
from layak.core.messages import InputError, Problem, msg
from layak.core.recap_cells import text_of

SHEET = "Penilaian"  # the self-assessment workbook's sheet (`layak write-template`)
ANSWER_COLUMNS = ("kode", "nilai", "bukti")
ANSWER_ALIASES = {
    "kode_pertanyaan": "kode",
    "code": "kode",
    "points": "nilai",
    "poin": "nilai",
    "nilai_klaim": "nilai",
    "jumlah_bukti": "bukti",
    "evidence": "bukti",
    "dokumen": "bukti",
    "note": "catatan",
    "keterangan": "catatan",
}
EFFORT_COLUMNS = ("kode",)
EFFORT_ALIASES = {
    "code": "kode",
    "effort_evidence": "upaya_bukti",
    "effort_achievement": "upaya_capaian",
}
NOT_POSSIBLE = frozenset({"-", "x", "tidak", "tidak_mungkin", "none"})

RowSource = Iterable[tuple[int, Mapping[str, Any]]]
# Where the answer rule's fields are on the sheet.
SHEET_COLUMN = {"value": "jawaban", "points": "nilai"}


def _checked_code(
    instrument: Instrument,
    number: int,
    values: Mapping[str, Any],
    first_row: dict[str, int],
    problems: list[Problem],
) -> str | None:
    """The row's question code, or None after recording why it is refused."""
    code = text_of(values.get("kode"))
    if not code:
        problems.append(Problem(msg("answer.missing_code"), number, "kode"))
        return None
    if not instrument.has_question(code):
        problems.append(
            Problem(msg("answer.unknown_code", code=code, instrument=instrument.id), number, "kode")
        )
        return None
    if code in first_row:
        problems.append(
            Problem(
                msg("answer.duplicate_code", code=code, first_row=first_row[code]), number, "kode"
            )
        )
        return None
    first_row[code] = number
    return code


def answers_from_rows(instrument: Instrument, rows: RowSource) -> dict[str, Answer]:
    """Answers by question code: the points claimed (`nilai`), or those the answer in the
    question's kind proposes (`jawaban`, optional). A row with neither, nor `bukti`, leaves the
    question unanswered."""
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    first_row: dict[str, int] = {}
    for number, values in rows:
        code = _checked_code(instrument, number, values, first_row, problems)
        if code is None:
            continue
        raw_points, raw_evidence = text_of(values.get("nilai")), text_of(values.get("bukti"))
        raw_value = text_of(values.get("jawaban"))
        if not raw_points and not raw_evidence and not raw_value:
            continue
        points = 0.0
        try:
            # The web form's, the workbook's and the API's rule: the answer in its kind
            # proposes the points, `nilai` claims them.
            claim = claim_answer(instrument.question(code), raw_value, raw_points)
        except InputError as refused:
            problems.extend(
                Problem(p.message, number, SHEET_COLUMN.get(p.column or "", "nilai"))
                for p in refused.problems
            )
        else:
            points = claim.points or 0.0
        evidence = 0
        if raw_evidence:
            count = parse_evidence_count(values.get("bukti"))
            if count is None:
                problems.append(
                    Problem(msg("answer.not_whole_number", value=raw_evidence), number, "bukti")
                )
            else:
                evidence = count
        answers[code] = Answer(points, evidence, text_of(values.get("catatan")))
    if problems:
        raise InputError(problems)
    return answers


def _effort(
    value: Any, default: float | None, number: int, column: str, problems: list[Problem]
) -> float | None:
    """A blank cell keeps the default; '-' (or 'tidak') rules the action out."""
    text = text_of(value)
    if not text:
        return default
    if normalised(text) in NOT_POSSIBLE:
        return None
    parsed = parse_number(value)
    if parsed is None or not 0 < parsed <= 1000 or abs(parsed * 100 - round(parsed * 100)) > 1e-6:
        problems.append(Problem(msg("effort.bad_value", value=text), number, column))
        return default
    return parsed


def normalised(text: str) -> str:
    return text.strip().casefold().replace(" ", "_")


def efforts_from_rows(
    instrument: Instrument, rows: RowSource, defaults: Mapping[str, Effort]
) -> dict[str, Effort]:
    """Per-question effort overrides; a blank cell keeps the default, '-' rules the action out."""
    problems: list[Problem] = []
    efforts: dict[str, Effort] = {}
    first_row: dict[str, int] = {}
    for number, values in rows:
        code = _checked_code(instrument, number, values, first_row, problems)
        if code is None:
            continue
        base = defaults[code]
        efforts[code] = Effort(
            evidence=_effort(
                values.get("upaya_bukti"), base.evidence, number, "upaya_bukti", problems
            ),
            achievement=_effort(
                values.get("upaya_capaian"), base.achievement, number, "upaya_capaian", problems
            ),
        )
    if problems:
        raise InputError(problems)
    return efforts
