"""A matrix (*matriks*, issue 18): a table of the facts behind an answer, one row per record, in
a documented form, as a workbook and as a PDF. The registries, the task force, the stakeholders
and the Forum Anak each build their matrices here (docs/matrices.md gives every form).

The workbook: a title, the region and year, then the header in row 4, repeated on every printed
page, A4 one page wide (`layak.tabular.printing`); one sheet per table; rupiah are numbers (the
spreadsheet shows them the reader's way and can add them up); a text a spreadsheet would run as
a formula gets a leading apostrophe. The PDF: the same tables, A4 landscape, rupiah and numbers
written the reader's way (Rp 1.250.000 / Rp 1,250,000).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from layak.core.numbers import localise_number
from layak.core.rupiah import rupiah
from layak.tabular.printing import prepare_for_print, set_widths
from layak.tabular.template import safe_text
from layak.web.errors import request_lang
from layak.web.pdf import render_pdf

HEADER_ROW = 4  # title, region and year above it
RUPIAH_FORMAT = "#,##0"  # whole rupiah; a sum with sen gets two decimals
SEN_FORMAT = "#,##0.00"
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FORM_ROW_HEIGHT = 30  # points: room for a line or two written by hand


@dataclass(frozen=True)
class Table:
    """One table of a matrix: a sheet of the workbook, a section of the PDF."""

    sheet: str  # the sheet's name (at most 31 characters) and the section's heading
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]  # str, int, Decimal, or None for an empty cell
    widths: Sequence[float] = ()
    money: frozenset[int] = frozenset()  # columns (from 0) that hold rupiah
    totals: Sequence[tuple[str, Any]] = ()  # label and value lines under the rows
    money_totals: frozenset[str] = frozenset()  # labels of `totals` whose value is rupiah
    ruled: bool = False  # a grid on the header and rows, rows tall enough to write in: a form


@dataclass(frozen=True)
class Matrix:
    title: str
    region_name: str
    year: int
    tables: Sequence[Table]
    notes: Sequence[str] = field(default_factory=tuple)  # definitions, under the tables
    subtitle: str = ""  # a line under the region and year (row 3): what the matrix answers


def day(value: date | None) -> str:
    """A date in a matrix's cell: ISO (2025-03-31), or empty when there is none."""
    return value.isoformat() if value else ""


def write_sheet(
    sheet: Worksheet,
    title: str,
    region_name: str,
    year: int,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> None:
    """A title, the region and year, then the header (row 4, repeated when printed) and rows."""
    sheet.append([title])
    sheet.append([region_name, _("Tahun %(year)s") % {"year": year}])
    sheet.append([])
    sheet.append(list(header))
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    for row in rows:
        sheet.append([safe_text(v) if isinstance(v, str) else v for v in row])


def saved(book: Workbook) -> bytes:
    """The workbook's bytes, every sheet set up for printing."""
    for sheet in book.worksheets:
        prepare_for_print(sheet, header_row=HEADER_ROW)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _money_format(value: Any) -> str:
    whole = not isinstance(value, Decimal) or value == value.to_integral_value()
    return RUPIAH_FORMAT if whole else SEN_FORMAT


def matrix_xlsx(matrix: Matrix) -> bytes:
    book = Workbook()
    for index, table in enumerate(matrix.tables):
        sheet = book.worksheets[0] if index == 0 else book.create_sheet()
        sheet.title = table.sheet[:31]
        write_sheet(sheet, matrix.title, matrix.region_name, matrix.year, table.header, table.rows)
        if matrix.subtitle:
            _span(sheet, HEADER_ROW - 1, matrix.subtitle, len(table.header), table.widths)
        if table.ruled:
            _rule(sheet, len(table.header))
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
            for column, cell in enumerate(row):
                if column in table.money and cell.value is not None:
                    cell.number_format = _money_format(cell.value)
                elif isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        if table.totals:
            sheet.append([])
            for label, value in table.totals:
                sheet.append([label, safe_text(value) if isinstance(value, str) else value])
                if label in table.money_totals:
                    sheet.cell(sheet.max_row, 2).number_format = _money_format(value)
        set_widths(sheet, table.widths)
        if index == len(matrix.tables) - 1:
            for note in matrix.notes:
                sheet.append([note])
                if table.ruled and note:
                    _span(sheet, sheet.max_row, note, len(table.header), table.widths)
    return saved(book)


def _span(sheet: Worksheet, row: int, text: str, columns: int, widths: Sequence[float]) -> None:
    """`text` in `row` across the table's width, wrapped, the row as tall as it needs: printed
    whole, where a long text in one narrow cell would be cut at the page's edge."""
    cell = sheet.cell(row, 1, safe_text(text))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    width = sum(widths) if widths else 15.0 * columns
    lines = sum(max(1, -(-len(part) // max(1, int(width)))) for part in text.split("\n"))
    sheet.row_dimensions[row].height = 15 * lines


def _rule(sheet: Worksheet, columns: int) -> None:
    """A grid on the header and the rows, the rows tall enough to fill in by hand."""
    for number, row in enumerate(
        sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row, max_col=columns), HEADER_ROW
    ):
        for cell in row:
            cell.border = GRID
            if number > HEADER_ROW:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number in range(HEADER_ROW + 1, sheet.max_row + 1):
        sheet.row_dimensions[number].height = FORM_ROW_HEIGHT


def _shown(value: Any, money: bool) -> str:
    """A cell as the PDF writes it, in the reader's way."""
    if value is None or value == "":
        return ""
    if money:
        return rupiah(value, request_lang(), sen=True)
    if isinstance(value, int | Decimal | float):
        return localise_number(value, request_lang())
    return str(value)


def matrix_pdf(matrix: Matrix, question: str) -> bytes:
    """The matrix as the PDF attached to `question` (named in the document's heading)."""
    tables = []
    for table in matrix.tables:
        numeric = [
            i in table.money
            or (
                bool(table.rows)
                and all(isinstance(r[i], int | Decimal) for r in table.rows if r[i] is not None)
            )
            for i in range(len(table.header))
        ]
        tables.append(
            {
                "heading": table.sheet if len(matrix.tables) > 1 else "",
                "header": table.header,
                "rows": [
                    [(_shown(v, i in table.money), numeric[i]) for i, v in enumerate(row)]
                    for row in table.rows
                ],
                "totals": [
                    (label, _shown(value, label in table.money_totals))
                    for label, value in table.totals
                ],
            }
        )
    return render_pdf(
        "web/pdf_matrix.html",
        {
            "title": matrix.title,
            "region_name": matrix.region_name,
            "year": matrix.year,
            "question": question,
            "subtitle": matrix.subtitle,
            "tables": tables,
            "notes": matrix.notes,
        },
    )


def pdf_later(build: Callable[[], Matrix], question: str) -> Callable[[], bytes]:
    """The PDF of the matrix `build` makes, for `question`, made only when called: a ready-made
    document (layak.evidence.ready) renders its PDF once someone attaches it."""
    return partial(_built_pdf, build, question)


def _built_pdf(build: Callable[[], Matrix], question: str) -> bytes:
    return matrix_pdf(build(), question)
