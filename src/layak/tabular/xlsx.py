"""xlsx rows through openpyxl in read-only mode, after the zip directory passed `check_zip`.

Merged ranges, which read-only mode does not give, are read from the sheets' XML with
defusedxml (after the same checks), streaming, so a large sheet keeps memory flat.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

# ParseError is the stdlib's class, re-exported by defusedxml: no stdlib XML module here.
from defusedxml import (  # type: ignore[import-untyped]
    DefusedXmlException,
    ElementTree,
)
from defusedxml.ElementTree import ParseError  # type: ignore[import-untyped]
from openpyxl.utils.cell import range_boundaries

from layak.core.messages import InputError, Problem, msg
from layak.tabular.limits import Limits
from layak.tabular.read import check_zip


def read_xlsx_rows(
    path: Path, limits: Limits, sheet_names: Sequence[str] = ()
) -> tuple[str, Iterator[tuple[int, Sequence[Any]]]]:
    """The chosen sheet's name and its rows with their spreadsheet row numbers.

    The first sheet whose name is in `sheet_names` is read, else the first worksheet.
    """
    check_zip(path, limits).close()
    try:
        # From bytes: openpyxl judges a path by its extension, and files are known by content.
        data = io.BytesIO(path.read_bytes())
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except (DefusedXmlException, ParseError) as exc:
        raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        # openpyxl wraps XML errors (a refused entity bomb too) in a ValueError of its own.
        cause = exc.__cause__
        detail = (
            type(cause).__name__
            if isinstance(cause, (DefusedXmlException, ParseError))
            else str(exc)[:200]
        )
        raise InputError([Problem(msg("file.not_xlsx", detail=detail))]) from None
    if not workbook.worksheets:
        workbook.close()
        raise InputError([Problem(msg("file.no_sheet"))])
    wanted = {n.casefold() for n in sheet_names}
    sheet = next(
        (ws for ws in workbook.worksheets if ws.title.casefold() in wanted), workbook.worksheets[0]
    )

    # Some writers record a wrong sheet size; read-only mode would then stop early.
    sheet.reset_dimensions()

    def rows() -> Iterator[tuple[int, Sequence[Any]]]:
        try:
            yield from enumerate(sheet.iter_rows(values_only=True), start=1)
        except (DefusedXmlException, ParseError, KeyError, ValueError) as exc:
            raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
        finally:
            workbook.close()

    return sheet.title, rows()


def sheet_titles(path: Path, limits: Limits) -> tuple[str, ...]:
    """The worksheet names of a workbook, in order, after the zip checks."""
    check_zip(path, limits).close()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    except (DefusedXmlException, ParseError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
    try:
        return tuple(ws.title for ws in workbook.worksheets)
    finally:
        workbook.close()


@dataclass(frozen=True, slots=True)
class SheetGrid:
    """A worksheet's rows (by spreadsheet row number) and its merged ranges."""

    title: str
    rows: dict[int, list[Any]]
    merged: tuple[tuple[int, int, int, int], ...]  # min_col, min_row, max_col, max_row
    hidden: bool = False


def read_xlsx_sheets(path: Path, limits: Limits) -> list[SheetGrid]:
    """Every worksheet in order, with the merged ranges read-only mode does not give.

    Blank rows are left out; more than `limits.max_rows` rows with content refuse the file.
    """
    archive = check_zip(path, limits)
    try:
        merged = _merged_ranges(archive)
    except (DefusedXmlException, ParseError, KeyError, ValueError) as exc:
        raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
    finally:
        archive.close()
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(path.read_bytes()), read_only=True, data_only=True
        )
    except (
        DefusedXmlException,
        ParseError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
    ) as exc:
        raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
    grids: list[SheetGrid] = []
    count = 0
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()
            rows: dict[int, list[Any]] = {}
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                count += 1
                if count > limits.max_rows:
                    raise InputError([Problem(msg("file.too_many_rows", limit=limits.max_rows))])
                rows[number] = list(values)
            hidden = sheet.sheet_state != "visible"
            grids.append(SheetGrid(sheet.title, rows, merged.get(sheet.title, ()), hidden))
    except (DefusedXmlException, ParseError, KeyError, ValueError) as exc:
        raise InputError([Problem(msg("file.not_xlsx", detail=type(exc).__name__))]) from None
    finally:
        workbook.close()
    return grids


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _merged_ranges(archive: zipfile.ZipFile) -> dict[str, tuple[tuple[int, int, int, int], ...]]:
    """Sheet title → merged ranges, from the workbook's own XML (names matched without
    namespaces, so transitional and strict files both read)."""
    names = set(archive.namelist())
    rels = "xl/_rels/workbook.xml.rels"
    targets = {}
    if rels in names:
        for rel in ElementTree.fromstring(archive.read(rels)):
            targets[rel.get("Id")] = rel.get("Target") or ""
    found: dict[str, tuple[tuple[int, int, int, int], ...]] = {}
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if not target or part not in names:
            continue
        ranges: list[tuple[int, int, int, int]] = []
        with archive.open(part) as source:
            for _, cell in ElementTree.iterparse(source, events=("end",)):
                if _local(cell.tag) == "mergeCell" and cell.get("ref"):
                    a, b, c, d = range_boundaries(cell.get("ref"))
                    if a is not None and b is not None and c is not None and d is not None:
                        ranges.append((a, b, c, d))
                elif _local(cell.tag) in ("row", "c"):
                    cell.clear()  # keep memory flat on a large sheet
        found[element.get("name") or ""] = tuple(ranges)
    return found
