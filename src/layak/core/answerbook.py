"""The agency workbook without Django: its columns, what one row says, an answer's canonical
form, and the mark that tells a row the agency edited from one left as it was exported.

The workbook carries, per row, the answer's version and a mark of the value and note as they
were exported. A row whose value and note still match the mark was not edited, so a change made
in Layak since the export is never undone by it; an edited row must carry the version the answer
still has, or it is a conflict (checked by `layak.evaluation.services.check_version`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from layak.core.answers import adjusted_points, parse_evidence_count, parse_number, parse_yes_no
from layak.core.instrument import AnswerKind, Instrument, Question
from layak.core.messages import Problem, format_number, msg
from layak.core.numbers import localise_number

SHEET = "Jawaban"
GUIDE_SHEET = "Petunjuk"
# (normalised name, header as written); the header is matched by its normalised form.
COLUMNS = (
    ("kode", "kode"),
    ("unit", "unit"),
    ("pertanyaan", "pertanyaan"),
    ("jenis_jawaban", "jenis jawaban"),
    ("nilai_maks", "nilai maks"),
    ("jawaban", "jawaban"),
    ("poin_diklaim", "poin diklaim"),
    ("catatan", "catatan"),
    ("poin_saat_ini", "poin saat ini"),
    ("jumlah_bukti", "jumlah bukti"),
    ("status_verifikasi", "status verifikasi"),
    ("catatan_verifikator", "catatan verifikator"),
    ("versi", "versi"),
    ("asal", "asal"),
)
NAMES = tuple(name for name, _ in COLUMNS)
# A workbook exported before `poin diklaim` existed is still read (its rows claim no points).
REQUIRED = ("kode", "jawaban", "catatan", "versi")
FILLED = ("jawaban", "poin_diklaim", "catatan")  # the only cells the agency edits
HIDDEN = ("versi", "asal")
YES_NO_CHOICES = ("Ya", "Tidak")
# Characters a workbook cannot hold (openpyxl refuses them); never part of a note's meaning.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class BookRow:
    """One data row of an uploaded workbook, as written (apostrophes restored by the reader)."""

    number: int
    code: str
    unit: str  # the kecamatan's/kelurahan's region code; "" for the region's own answer
    value: str
    note: str
    version: int
    origin: str  # the export's mark of value, points and note; "" when the column was emptied
    points: str = ""  # the points claimed when they differ from what the answer proposes


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One row to write: the answer as Layak holds it, and the cell rule for `jawaban`."""

    code: str
    unit: str  # "18.72.01 Metro Pusat" for a unit's row, "" otherwise
    text: str
    kind: str
    max_points: float
    value: str | float | None
    note: str
    points: float | None  # the points as Layak holds them (read only)
    claimed: float | None  # points typed in Layak that differ from the answer's proposal
    evidence: int | None
    status: str
    verifier_note: str
    version: int
    origin: str
    choices: tuple[str, ...] = ()  # a drop-down list for `jawaban`
    number_range: tuple[float, float | None] | None = None  # a numeric rule for `jawaban`


@dataclass(frozen=True, slots=True)
class BookInfo:
    """What the guide sheet says about the workbook."""

    region: str
    year: int
    agency: str
    cycle_id: int
    instrument: str
    exported_at: str
    exported_by: str
    windows: tuple[str, ...] = field(default_factory=tuple)


def cell_text(value: Any) -> str:
    """A cell as text: 90.0 → '90', True → 'ya', a date as ISO; None → ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value).strip()


def per_unit(question: Question) -> bool:
    return question.per_kecamatan or question.per_desa_kelurahan


def canonical_value(question: Question, text: str, unit: bool = False) -> str:
    """The form an answer is stored and compared in: 'Ya' → 'ya', '2,50' → '2.5', an option
    named by its label or in other letter case → its key. Anything unreadable stays as typed,
    for the core's rule to refuse with its own message."""
    text = text.strip()
    if not text:
        return ""
    if unit or question.kind is AnswerKind.YES_NO:
        yes = parse_yes_no(text)
        return text if yes is None else ("ya" if yes else "tidak")
    if question.kind is AnswerKind.CHOICE:
        folded = text.casefold()
        for option in question.options:
            if folded in (option.key.casefold(), option.label.casefold()):
                return option.key
        return text
    number = parse_number(text)
    return text if number is None else format_number(number)


def canonical_note(text: str) -> str:
    return _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def canonical_points(text: str) -> str:
    """Claimed points as compared: '2,50' → '2.5'; anything unreadable stays as typed, for the
    core's rule to refuse."""
    text = text.strip()
    number = parse_number(text) if text else None
    return text if number is None else format_number(number)


def claimed_in_row(question: Question, value: str, points: str) -> str:
    """A row's claimed points as the workbook shows them (canonical, see canonical_points):
    empty when they are what the value proposes (`adjusted_points`), so a row that types the
    proposal and a row that leaves it out are the same answer. Unreadable text stays as typed,
    for the core's rule to refuse."""
    number = parse_number(points) if points else None
    if number is None:
        return points
    shown = adjusted_points(question, value, float(number))
    return format_number(shown) if shown is not None else ""


def origin_mark(value: str, note: str, points: str = "") -> str:
    """A short mark of an answer's canonical value, claimed points and note, written into the
    hidden `asal`. Without points it is the mark workbooks carried before the points column."""
    claimed = f"\x1f{points}" if points else ""
    return hashlib.sha256(f"{value}\x1f{note}{claimed}".encode()).hexdigest()[:16]


def kind_text(question: Question, unit: bool = False) -> str:
    """The answer kind with what it accepts, as the `jenis jawaban` column spells it out (in
    Indonesian, as the whole book is: 1,25 poin)."""

    def number(value: float) -> str:
        return localise_number(value, "id")

    maximum = number(question.max_points)
    if unit:
        return "Ya/Tidak (jawaban kecamatan/kelurahan ini)"
    kind = question.kind
    if kind is AnswerKind.YES_NO:
        return f"Ya/Tidak (Ya = {maximum} poin)"
    if kind is AnswerKind.CHOICE:
        options = "; ".join(
            f"{o.key} = {o.label} ({number(o.fraction * question.max_points)} poin)"
            for o in question.options
        )
        return f"Pilihan: {options}"
    if kind is AnswerKind.POINTS:
        return f"Poin 0–{maximum}"
    steps = "; ".join(
        f"{number(t.value)} → {number(t.fraction * question.max_points)} poin"
        for t in question.thresholds
    )
    lower = " (makin kecil makin baik)" if question.direction.value == "turun" else ""
    if kind is AnswerKind.PERCENTAGE:
        return f"Persentase 0–100{lower}; ambang: {steps}"
    return f"Jumlah (angka 0 atau lebih){lower}; ambang: {steps}"


def choices_for(question: Question, unit: bool = False) -> tuple[str, ...]:
    if unit or question.kind is AnswerKind.YES_NO:
        return YES_NO_CHOICES
    if question.kind is AnswerKind.CHOICE:
        return tuple(o.key for o in question.options)
    return ()


def number_range(question: Question, unit: bool = False) -> tuple[float, float | None] | None:
    if unit:
        return None
    if question.kind is AnswerKind.PERCENTAGE:
        return (0.0, 100.0)
    if question.kind is AnswerKind.NUMBER:
        return (0.0, None)
    if question.kind is AnswerKind.POINTS:
        return (0.0, question.max_points)
    return None


def shown_value(question: Question, value: str, unit: bool = False) -> str | float | None:
    """An answer as its cell shows it: Ya/Tidak, an option's key, or a number."""
    if not value:
        return None
    if unit or question.kind is AnswerKind.YES_NO:
        yes = parse_yes_no(value)
        return value if yes is None else YES_NO_CHOICES[0 if yes else 1]
    if question.kind is AnswerKind.CHOICE:
        return value
    number = parse_number(value)
    return value if number is None else number


def _unit_code(text: str) -> str:
    """'18.72.01 Metro Pusat' → '18.72.01': the code is the cell's first word."""
    return text.split()[0] if text.split() else ""


def book_rows(
    instrument: Instrument, rows: Iterable[tuple[int, Mapping[str, Any]]]
) -> tuple[list[BookRow], list[Problem]]:
    """The rows of an uploaded workbook, and every problem the instrument alone can find: an
    unknown or missing code, a unit where none belongs (or none where one must be), the
    same row twice, a version that is not Layak's."""
    problems: list[Problem] = []
    result: list[BookRow] = []
    first: dict[tuple[str, str], int] = {}
    for number, values in rows:
        code = cell_text(values.get("kode"))
        if not code:
            problems.append(Problem(msg("answer.missing_code"), number, "kode"))
            continue
        if not instrument.has_question(code):
            problems.append(
                Problem(
                    msg("answer.unknown_code", code=code, instrument=instrument.id),
                    number,
                    "kode",
                )
            )
            continue
        question = instrument.question(code)
        unit = _unit_code(cell_text(values.get("unit")))
        if per_unit(question) and not unit:
            level = "kecamatan" if question.per_kecamatan else "kelurahan/desa"
            problems.append(
                Problem(msg("book.unit_required", code=code, level=level), number, "unit")
            )
            continue
        if unit and not per_unit(question):
            problems.append(Problem(msg("book.unit_unexpected", code=code), number, "unit"))
            continue
        where = f" ({unit})" if unit else ""
        if (code, unit) in first:
            problems.append(
                Problem(
                    msg("book.duplicate_row", code=code, unit=where, first_row=first[(code, unit)]),
                    number,
                    "kode",
                )
            )
            continue
        first[(code, unit)] = number
        raw_version = cell_text(values.get("versi"))
        version = parse_evidence_count(raw_version) if raw_version else 0
        if version is None:
            problems.append(Problem(msg("book.bad_version", value=raw_version), number, "versi"))
            continue
        result.append(
            BookRow(
                number=number,
                code=code,
                unit=unit,
                value=cell_text(values.get("jawaban")),
                points=cell_text(values.get("poin_diklaim")),
                note=cell_text(values.get("catatan")),
                version=version,
                origin=cell_text(values.get("asal")),
            )
        )
    return result, problems
