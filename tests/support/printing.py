"""What a workbook needs to print as a document; shared by the tests of every writer."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

A4 = 9  # the paper size code in SpreadsheetML


def assert_prints_one_page_wide(sheet: Worksheet, header_row: int, landscape: bool) -> None:
    """The checks a printed workbook needs, shared by the tests of each writer."""
    setup = sheet.page_setup
    assert int(setup.paperSize) == A4
    assert setup.orientation == ("landscape" if landscape else "portrait")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.freeze_panes is not None
    assert int("".join(c for c in sheet.freeze_panes if c.isdigit())) == header_row + 1
