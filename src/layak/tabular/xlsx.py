"""xlsx rows through python-calamine (Rust), after the zip directory passed `check_zip`.

calamine reads a sheet about ten times faster than openpyxl's read-only mode did. Its values
are brought back to what openpyxl gave, which every rule downstream was written against: an
empty cell is None (calamine: ""), a whole number is an int (calamine: a float), a date is a
datetime at midnight (calamine: a date), an error cell is its text such as "#N/A" (calamine:
empty; read from the XML, only in a sheet that has one), and rows and columns keep the sheet's
own numbers (calamine's range starts at the first cell with content).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# ParseError is the stdlib's class, re-exported by defusedxml: no stdlib XML module here.
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError  # type: ignore[import-untyped]
from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from layak.core.messages import InputError, Problem, msg
from layak.tabular.limits import Limits
from layak.tabular.read import check_zip
from layak.tabular.xlsx_xml import error_cells, first_rows, sheet_parts

Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)
ErrorCells = dict[int, list[tuple[int, str]]]  # row → (column, "#N/A"), from 1
# What a workbook that calamine cannot read raises besides its own errors.
_READ_ERRORS = (CalamineError, ValueError, TypeError, KeyError, OverflowError, OSError)
_XML_ERRORS = (DefusedXmlException, ParseError, KeyError, ValueError, zipfile.BadZipFile)


def _not_xlsx(detail: str) -> InputError:
    return InputError([Problem(msg("file.not_xlsx", detail=detail[:200]))])


def _whole_or_float(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _midnight(value: dt.date) -> dt.datetime:
    return dt.datetime(value.year, value.month, value.day)


# Keyed by exact type: bool is not int here, and datetime is not date.
_AS_OPENPYXL: dict[type, Callable[[Any], Any]] = {float: _whole_or_float, dt.date: _midnight}


def _cells(values: list[Any], lead: list[None]) -> list[Any]:
    """One row as openpyxl gave it, `lead` being the empty columns before calamine's range."""
    convert = _AS_OPENPYXL
    return lead + [
        None if v == "" else (convert[type(v)](v) if type(v) in convert else v) for v in values
    ]


def _open(path: Path, limits: Limits) -> tuple[CalamineWorkbook, dict[str, str]]:
    """The workbook, opened only after the zip checks, and each sheet's part in the archive."""
    archive = check_zip(path, limits)
    try:
        parts = sheet_parts(archive)
    except _XML_ERRORS as exc:
        raise _not_xlsx(type(exc).__name__) from None
    finally:
        archive.close()
    try:
        with path.open("rb") as source:
            return CalamineWorkbook.from_filelike(source), parts
    except _READ_ERRORS as exc:
        raise _not_xlsx(str(exc) or type(exc).__name__) from None


def _worksheets(workbook: CalamineWorkbook) -> list[tuple[str, bool]]:
    """(name, hidden) of each worksheet in order; chart and dialog sheets are not tables."""
    return [
        (m.name, m.visible != SheetVisibleEnum.Visible)
        for m in workbook.sheets_metadata
        if m.typ == SheetTypeEnum.WorkSheet
    ]


def _choose(names: Sequence[str], sheet_names: Sequence[str]) -> str:
    """The first worksheet named in `sheet_names` (any case), else the first worksheet."""
    if not names:
        raise InputError([Problem(msg("file.no_sheet"))])
    wanted = {n.casefold() for n in sheet_names}
    return next((n for n in names if n.casefold() in wanted), names[0])


def _load(
    path: Path, workbook: CalamineWorkbook, part: str | None, title: str
) -> tuple[CalamineSheet, ErrorCells]:
    """The sheet's cells and its error cells. calamine lets go of the GIL while it parses, so
    the scan of the XML for error cells runs meanwhile, on the other core."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        scan = pool.submit(error_cells, path, part) if part else None
        try:
            sheet = workbook.get_sheet_by_name(title)
        except _READ_ERRORS as exc:
            raise _not_xlsx(str(exc) or type(exc).__name__) from None
        try:
            return sheet, scan.result() if scan else {}
        except _XML_ERRORS as exc:
            raise _not_xlsx(type(exc).__name__) from None


def _sheet_rows(
    sheet: CalamineSheet, errors: ErrorCells, raw: bool = False
) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows from row 1, numbered as the spreadsheet shows them; `raw` keeps
    calamine's own values (faster, for a caller that turns every cell into text anyway)."""
    start = sheet.start
    if start is None:  # no cell with content
        return
    # calamine yields the rows above its range as empty ones, so numbering starts at row 1.
    numbered = enumerate(sheet.iter_rows(), start=1)
    if raw and not errors and not start[1]:
        yield from numbered  # nothing to change: no Python step per row
        return
    empty = "" if raw else None
    lead: list[Any] = [empty] * start[1]
    for number, values in numbered:
        if not raw:
            row = _cells(values, lead)
        elif lead:
            row = lead + values
        else:
            row = values
        for column, value in errors.get(number, ()):
            row.extend([empty] * (column - len(row)))
            row[column - 1] = value
        yield number, row


def read_xlsx_rows(
    path: Path, limits: Limits, sheet_names: Sequence[str] = (), *, raw: bool = False
) -> tuple[str, Iterator[tuple[int, Sequence[Any]]]]:
    """The chosen sheet's name and its rows with their spreadsheet row numbers.

    The first sheet whose name is in `sheet_names` is read, else the first worksheet. With
    `raw`, cells are calamine's own values: "" for empty, a float for any number, a date.
    """
    workbook, parts = _open(path, limits)
    try:
        title = _choose([name for name, _ in _worksheets(workbook)], sheet_names)
        sheet, errors = _load(path, workbook, parts.get(title), title)
    finally:
        workbook.close()  # the sheet holds its own cells

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from _sheet_rows(sheet, errors, raw)
        except _READ_ERRORS as exc:
            raise _not_xlsx(type(exc).__name__) from None

    return title, rows()


def peek_xlsx_rows(
    path: Path, limits: Limits, sheet_names: Sequence[str], count: int
) -> list[list[str | None]]:
    """Rows 1 to `count` of the sheet `read_xlsx_rows` would read, as text, read from the XML
    alone (calamine would load the whole sheet): enough to tell a table's layout by its header."""
    archive = check_zip(path, limits)
    try:
        parts = sheet_parts(archive)
        title = _choose(list(parts), sheet_names)
        return first_rows(archive, parts[title], count)
    except _XML_ERRORS as exc:
        raise _not_xlsx(type(exc).__name__) from None
    finally:
        archive.close()


def sheet_titles(path: Path, limits: Limits) -> tuple[str, ...]:
    """The worksheet names of a workbook, in order, after the zip checks."""
    workbook, _ = _open(path, limits)
    try:
        return tuple(name for name, _ in _worksheets(workbook))
    finally:
        workbook.close()


@dataclass(frozen=True, slots=True)
class SheetGrid:
    """A worksheet's rows (by spreadsheet row number) and its merged ranges."""

    title: str
    rows: dict[int, list[Any]]
    merged: tuple[Merge, ...]
    hidden: bool = False


def read_xlsx_sheets(path: Path, limits: Limits) -> list[SheetGrid]:
    """Every worksheet in order, with its merged ranges.

    Blank rows are left out; more than `limits.max_rows` rows with content refuse the file.
    """
    workbook, parts = _open(path, limits)
    grids: list[SheetGrid] = []
    count = 0
    try:
        for title, hidden in _worksheets(workbook):
            sheet, errors = _load(path, workbook, parts.get(title), title)
            rows: dict[int, list[Any]] = {}
            for number, values in _sheet_rows(sheet, errors):
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                count += 1
                if count > limits.max_rows:
                    raise InputError([Problem(msg("file.too_many_rows", limit=limits.max_rows))])
                rows[number] = values
            grids.append(SheetGrid(title, rows, _merged(sheet), hidden))
    except (*_READ_ERRORS, *_XML_ERRORS) as exc:
        raise _not_xlsx(type(exc).__name__) from None
    finally:
        workbook.close()
    return grids


def _merged(sheet: CalamineSheet) -> tuple[Merge, ...]:
    """calamine's merged ranges ((row, col) from 0) as min_col, min_row, max_col, max_row."""
    return tuple(
        (first[1] + 1, first[0] + 1, last[1] + 1, last[0] + 1)
        for first, last in sheet.merged_cell_ranges or ()
    )
