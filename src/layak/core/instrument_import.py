"""An instrument from a region's recap spreadsheet, in the shapes recaps come in.

The reader (`layak.tabular.recap`) finds the question table in each sheet, fills merged cells
and names the columns (`layak.core.recap_cells.header_name`); this module turns the rows into an
instrument:

- a part or indicator written only on its group's first row holds for the rows below it;
- a row with a question code is a question; a row without one that names a part or indicator
  is its heading, and with a maximum it states that part's or indicator's maximum (a subtotal).
  A row reading only "Jumlah"/"Total" with a maximum states its sheet's total. Stated maxima that
  differ from the sum of their questions become the instrument's warnings;
- columns present speak for every row (a blank Y/T cell is "no"); with a base instrument, what
  the sheet does not say (kinds, options, thresholds, direction, negative, strict, per-unit
  flags, wording, criteria, evidence, labels, indicator names, bands) comes from the base for
  the same code. Direction, negative wording and strictness come only from columns or the base.

The whole recap is checked first; any bad cell refuses it, naming sheet, row and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from layak.core.answers import parse_number
from layak.core.instrument import Instrument
from layak.core.instrument_base import compare_with_base
from layak.core.loader import FORMAT, instrument_from_data, instrument_to_data
from layak.core.messages import InputError, Message, Problem, format_number, msg
from layak.core.recap_cells import (
    indicator_code,
    known_part,
    part_code,
    question_code,
    question_entry,
    text_of,
    without_total_word,
)

DEFAULT_BANDS = [
    {"name": "Pratama", "min": 500, "max": 600},
    {"name": "Madya", "min": 601, "max": 700},
    {"name": "Nindya", "min": 701, "max": 800},
    {"name": "Utama", "min": 801, "max": 900},
    {"name": "KLA", "min": 901, "max": 1000},
]
PART_NAMES = {
    "KL": "Kelembagaan",
    "K1": "Klaster I — Hak sipil dan kebebasan",
    "K2": "Klaster II — Lingkungan keluarga dan pengasuhan alternatif",
    "K3": "Klaster III — Kesehatan dasar dan kesejahteraan",
    "K4": "Klaster IV — Pendidikan, waktu luang, dan kegiatan budaya",
    "K5": "Klaster V — Perlindungan khusus",
    "KD": "KELANA/DEKELA — KLA di kecamatan dan desa/kelurahan",
}
_KEYS = {
    "part": {
        "conflict": "import.part_max_conflict",
        "without_questions": "import.part_without_questions",
    },
    "indicator": {
        "conflict": "import.indicator_max_conflict",
        "without_questions": "import.indicator_without_questions",
    },
}
_REFERS_TO_INDICATOR = re.compile(r"(?i)ind(ikator)?\b")
_TOTAL_REST = frozenset({"", "nilai", "skor", "maks", "maksimal", "keseluruhan", "seluruhnya"})


@dataclass(frozen=True, slots=True)
class RecapRow:
    number: int  # as the spreadsheet shows it
    values: Mapping[str, Any]  # by the importer's column names; merged cells already filled
    other: tuple[str, ...] = ()  # text in columns the importer does not read (titles, notes)


@dataclass(frozen=True, slots=True)
class RecapSheet:
    name: str | None  # None for a CSV file
    rows: tuple[RecapRow, ...]
    columns: frozenset[str]  # a column present speaks for every row, blank cells included
    titles: tuple[str, ...] = ()  # text above the header, which may name the sheet's part


@dataclass(frozen=True, slots=True)
class ImportResult:
    instrument: Instrument
    warnings: tuple[Problem, ...]  # besides the instrument's own: totals, losses against the base


@dataclass
class _Stated:
    value: float
    row: int
    sheet: str | None


@dataclass
class _Build:
    base: Instrument | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)
    homes: dict[str, tuple[str, int]] = field(default_factory=dict)  # indicator → part, row
    names: dict[str, str] = field(default_factory=dict)
    stated: dict[tuple[str, str], _Stated] = field(default_factory=dict)
    seen: dict[str, tuple[int, str | None]] = field(default_factory=dict)


def instrument_from_sheets(
    sheets: Sequence[RecapSheet],
    instrument_id: str,
    name: str,
    year: int,
    source: str,
    base: Instrument | None = None,
) -> ImportResult:
    """Build and validate an instrument; refuses with every problem by sheet, row and column."""
    build = _Build(base)
    for sheet in sheets:
        _read_sheet(build, sheet)
    for (level, code), stated in build.stated.items():
        if code not in (build.parts if level == "part" else build.indicators):
            key = _KEYS[level]["without_questions"]
            build.problems.append(
                Problem(msg(key, code=code), stated.row, "nilai_maks", stated.sheet)
            )
    if build.problems:
        raise InputError(build.problems)
    base_indicators = {i.code: i.name for i in base.indicators} if base else {}
    for code, indicator in build.indicators.items():
        indicator["name"] = (
            build.names.get(code) or base_indicators.get(code) or f"Indikator {code}"
        )
        indicator["max"] = _value(build.stated.get(("indicator", code)))
    for code, part in build.parts.items():
        part["max"] = _value(build.stated.get(("part", code)))
    data = {
        "format": FORMAT,
        "id": instrument_id,
        "name": name,
        "year": year,
        "source": source,
        "note": "",
        "bands": instrument_to_data(base)["bands"] if base else DEFAULT_BANDS,
        "parts": list(build.parts.values()),
    }
    instrument = instrument_from_data(data)
    warnings = build.warnings + (compare_with_base(instrument, base) if base else [])
    return ImportResult(instrument, tuple(warnings))


def instrument_from_rows(
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    instrument_id: str,
    name: str,
    year: int,
    source: str,
    base: Instrument | None = None,
) -> Instrument:
    """One sheet's rows keyed by column name (as `RecapRow.values`); the instrument only."""
    recap = tuple(RecapRow(number, values) for number, values in rows)
    columns = frozenset(key for row in recap for key in row.values)
    sheet = RecapSheet(None, recap, columns)
    return instrument_from_sheets([sheet], instrument_id, name, year, source, base).instrument


def describe(instrument: Instrument, lang: str = "id") -> str:
    """A one-line summary used after an import."""
    return msg(
        "import.summary",
        id=instrument.id,
        parts=len(instrument.parts),
        indicators=len(instrument.indicators),
        questions=len(instrument.questions),
        max=format_number(instrument.max_total),
    ).render("en" if lang == "en" else "id")


def _value(stated: _Stated | None) -> float | None:
    return stated.value if stated else None


def _blank(value: Any) -> bool:
    return not text_of(value)


def _read_sheet(build: _Build, sheet: RecapSheet) -> None:
    found = (known_part(t) for t in (*sheet.titles, sheet.name or ""))
    part = next((p for p in found if p), "")
    indicator = ""
    counted: list[tuple[str, float]] = []  # (part, maximum) of the sheet's questions
    total: _Stated | None = None
    for row in sheet.rows:
        values = row.values

        def report(message: Message, column: str, number: int = row.number) -> None:
            build.problems.append(Problem(message, number, column, sheet.name))

        own_part = without_total_word(text_of(values.get("bagian")))[0]
        own_indicator = without_total_word(text_of(values.get("indikator")))[0]
        written_question = text_of(values.get("pertanyaan"))
        code = question_code(written_question)
        has_max = not _blank(values.get("nilai_maks"))
        if not code and known_part(own_indicator):  # a part's title in the indicator column
            own_part, own_indicator = own_part or own_indicator, ""
        if not code and not own_part and not own_indicator:
            texts = [text_of(v) for v in values.values() if isinstance(v, str)] + list(row.other)
            texts = [t for t in texts if t]
            # A part's title stands alone on its row (often merged across the table).
            own_part = _named_part(texts) if len(texts) == 1 else ""
            own_indicator = "" if own_part else _referred_indicator(texts)
            if not own_part and not own_indicator:
                if has_max and any(_is_total(t) for t in texts):
                    total = _sheet_total(total, values.get("nilai_maks"), row, sheet, report)
                elif has_max and written_question:
                    report(msg("import.bad_question_code", value=written_question), "pertanyaan")
                elif has_max:
                    report(msg("cell.required"), "pertanyaan")
                continue  # a note, a signature, a blank line between groups
        if own_part and part_code(own_part) != part:
            part, indicator = part_code(own_part), ""
        if own_indicator:
            indicator, written = indicator_code(own_indicator)
            heading = "" if code else text_of(values.get("uraian")) or written_question
            name = written or text_of(values.get("nama_indikator")) or heading
            if name and not _is_total(name):
                build.names.setdefault(indicator, name)
        if code:
            maximum = _question(build, part, indicator, code, values, sheet, row, report)
            if maximum is not None:
                counted.append((part, maximum))
        elif has_max and written_question and not _is_total(written_question):
            report(msg("import.bad_question_code", value=written_question), "pertanyaan")
        elif has_max:  # a subtotal: the stated maximum of its indicator, or else of its part
            level, target = ("indicator", indicator) if own_indicator else ("part", part)
            _state(build, level, target, values.get("nilai_maks"), row, sheet.name, report)
    if total is not None:
        _check_total(build, total, counted)


def _is_total(text: str) -> bool:
    """'Jumlah', 'Total Nilai', 'Jumlah Klaster I', 'Jumlah Indikator 19' (not 'Jumlah anak …')."""
    rest, had_word = without_total_word(text)
    if not had_word:
        return False
    words = set(rest.casefold().replace(":", " ").split())
    return (
        words <= _TOTAL_REST
        or _REFERS_TO_INDICATOR.match(rest) is not None
        or known_part(rest) is not None
    )


def _named_part(texts: Sequence[str]) -> str:
    """A row that names a part and nothing else: a part's heading (or 'Jumlah Klaster I')."""
    for text in texts:
        part = known_part(without_total_word(text)[0])
        if part:
            return part
    return ""


def _referred_indicator(texts: Sequence[str]) -> str:
    """'Jumlah Indikator 19' written in any cell of a row without a question code."""
    for text in texts:
        rest, had_word = without_total_word(text)
        if had_word and _REFERS_TO_INDICATOR.match(rest):
            return indicator_code(rest)[0]
    return ""


def _state(
    build: _Build,
    level: str,
    code: str,
    raw: Any,
    row: RecapRow,
    sheet: str | None,
    report: Callable[..., None],
    column: str = "nilai_maks",
) -> None:
    if not code:
        report(msg("cell.required"), "bagian" if level == "part" else "indikator")
        return
    value = parse_number(raw)
    if value is None or value < 0:
        report(msg("cell.not_points", value=raw), column)
        return
    first = build.stated.setdefault((level, code), _Stated(value, row.number, sheet))
    if abs(first.value - value) > 1e-9:
        params = {"code": code, "value": format_number(value), "first": format_number(first.value)}
        report(msg(_KEYS[level]["conflict"], **params, first_row=first.row), column)


def _sheet_total(
    total: _Stated | None,
    raw: Any,
    row: RecapRow,
    sheet: RecapSheet,
    report: Callable[..., None],
) -> _Stated | None:
    if total is not None:
        report(msg("import.second_total", first_row=total.row), "nilai_maks")
        return total
    value = parse_number(raw)
    if value is None or value < 0:
        report(msg("cell.not_points", value=raw), "nilai_maks")
        return None
    return _Stated(value, row.number, sheet.name)


def _check_total(build: _Build, total: _Stated, counted: list[tuple[str, float]]) -> None:
    """A sheet's bare total: its part's stated maximum when the sheet holds one part."""
    parts = {part for part, _ in counted}
    if len(parts) == 1:
        part = parts.pop()
        first = build.stated.setdefault(("part", part), total)
        if abs(first.value - total.value) > 1e-9:
            params = {"code": part, "value": format_number(total.value)}
            params["first"] = format_number(first.value)
            conflict = msg("import.part_max_conflict", **params, first_row=first.row)
            build.problems.append(Problem(conflict, total.row, "nilai_maks", total.sheet))
        return
    actual = math.fsum(maximum for _, maximum in counted)
    if abs(actual - total.value) > 1e-9:
        stated, summed = format_number(total.value), format_number(actual)
        mismatch = msg("import.total_mismatch", stated=stated, actual=summed)
        build.warnings.append(Problem(mismatch, total.row, "nilai_maks", total.sheet))


def _question(
    build: _Build,
    part: str,
    indicator: str,
    question: str,
    values: Mapping[str, Any],
    sheet: RecapSheet,
    row: RecapRow,
    report: Callable[..., None],
) -> float | None:
    """The question's maximum once it is added to its indicator; None when refused."""
    if not part:
        report(msg("cell.required"), "bagian")
    if not indicator:
        report(msg("cell.required"), "indikator")
    maximum = parse_number(values.get("nilai_maks"))
    if maximum is None or maximum < 0:
        report(msg("cell.not_points", value=values.get("nilai_maks")), "nilai_maks")
    if not (part and indicator) or maximum is None or maximum < 0:
        return None
    code = f"{indicator}.{question}"
    if code in build.seen:
        first_row, first_sheet = build.seen[code]
        if first_sheet == sheet.name:
            report(msg("answer.duplicate_code", code=code, first_row=first_row), "pertanyaan")
        else:
            where = {"sheet": first_sheet, "first_row": first_row}
            report(msg("import.duplicate_code_sheet", code=code, **where), "pertanyaan")
        return None
    build.seen[code] = (row.number, sheet.name)
    stated_columns = (("part", "maks_bagian", part), ("indicator", "maks_indikator", indicator))
    for level, column, target in stated_columns:
        if not _blank(values.get(column)):
            _state(build, level, target, values.get(column), row, sheet.name, report, column)
    home = build.homes.setdefault(indicator, (part, row.number))
    if home[0] != part:
        first = {"first": home[0], "first_row": home[1]}
        report(msg("import.indicator_in_two_parts", code=indicator, **first), "indikator")
        return None
    previous = build.base.question(code) if build.base and build.base.has_question(code) else None
    entry = question_entry(code, maximum, values, sheet.columns, previous, report)
    if indicator not in build.indicators:
        part_entry = build.parts.setdefault(
            part, {"code": part, "name": PART_NAMES.get(part, part), "max": None, "indicators": []}
        )
        build.indicators[indicator] = {"code": indicator, "name": "", "max": None, "questions": []}
        part_entry["indicators"].append(build.indicators[indicator])
    build.indicators[indicator]["questions"].append(entry)
    return maximum
