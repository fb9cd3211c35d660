"""xlsx rows through openpyxl in read-only mode, after the zip directory passed `check_zip`."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl

# ParseError is the stdlib's class, re-exported by defusedxml: no stdlib XML module here.
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError  # type: ignore[import-untyped]

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
