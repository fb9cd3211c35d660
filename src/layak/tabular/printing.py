"""How a workbook Layak writes comes out of a printer: A4, as wide as the page and as many
pages long as it needs, the header row on every page. Without this a sheet of nine wide columns
prints as a stack of portrait pages showing two to four columns each.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# Column widths are in characters of the default font (about 1.9 mm each). A4 portrait leaves
# about 180 mm between the margins, so past this many characters a sheet is printed landscape.
PORTRAIT_WIDTH = 95
# A column without a width set gets one from its longest line, within these bounds.
MIN_WIDTH, MAX_WIDTH = 8, 60


def column_width(sheet: Worksheet, index: int) -> float:
    """The width the column will have: as set, else Excel's default."""
    dimension = sheet.column_dimensions.get(get_column_letter(index))
    if dimension is not None and dimension.width:
        return float(dimension.width)
    return 8.43


def _fit_unset_widths(sheet: Worksheet) -> None:
    for index in range(1, sheet.max_column + 1):
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions.get(letter)
        if dimension is not None and dimension.width:
            continue
        longest = max(
            (
                len(line)
                for (cell,) in sheet.iter_rows(min_col=index, max_col=index)
                if cell.value is not None
                for line in str(cell.value).splitlines()
            ),
            default=0,
        )
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))


def printed_width(sheet: Worksheet) -> float:
    """The width of the columns a printer shows (hidden ones left out)."""
    total = 0.0
    for index in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions.get(get_column_letter(index))
        if dimension is not None and dimension.hidden:
            continue
        total += column_width(sheet, index)
    return total


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Widths of the first columns, in order."""
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def prepare_for_print(
    sheet: Worksheet, *, header_row: int | None = 1, frozen_columns: int = 0
) -> None:
    """A4, one page wide, landscape when the columns are wider than a portrait page; the header
    row frozen on screen and repeated on every printed page. Call it after the widths are set:
    columns still without one get a width from their content."""
    _fit_unset_widths(sheet)
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = (
        sheet.ORIENTATION_LANDSCAPE
        if printed_width(sheet) > PORTRAIT_WIDTH
        else sheet.ORIENTATION_PORTRAIT
    )
    # Fit to one page wide and as many pages long as the rows need (0: no limit).
    setup.fitToWidth, setup.fitToHeight = 1, 0
    if sheet.sheet_properties.pageSetUpPr is None:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header_row + 1}"
