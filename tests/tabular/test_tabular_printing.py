"""Every workbook Layak writes prints as a document: A4, one page wide, landscape when its
columns are wider than a portrait page, the header row on every page and frozen on screen."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl import Workbook

from layak.core.loader import load_builtin
from layak.tabular.printing import prepare_for_print, set_widths
from layak.tabular.template import write_template
from tests.support.printing import A4, assert_prints_one_page_wide


def test_the_self_assessment_workbook_prints_landscape_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "penilaian.xlsx"
    write_template(load_builtin("kla-2024"), path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Penilaian"]
    assert_prints_one_page_wide(sheet, header_row=1, landscape=True)
    assert sheet.freeze_panes == "B2"  # the code column stays in view too
    guide = workbook["Petunjuk"]
    assert int(guide.page_setup.paperSize) == A4
    assert guide.page_setup.fitToWidth == 1


def test_a_narrow_sheet_stays_portrait_and_unset_columns_get_a_width() -> None:
    sheet = Workbook().active
    sheet.append(["kode", "nama"])
    name = "Kota Metro dengan nama yang cukup panjang"
    sheet.append(["18.72", name])
    set_widths(sheet, [9])
    prepare_for_print(sheet)
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.column_dimensions["A"].width == 9
    assert sheet.column_dimensions["B"].width == len(name) + 2
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"


def test_hidden_columns_do_not_make_a_sheet_landscape() -> None:
    sheet = Workbook().active
    sheet.append(["kode", "versi"])
    set_widths(sheet, [40, 200])
    sheet.column_dimensions["B"].hidden = True
    prepare_for_print(sheet)
    assert sheet.page_setup.orientation == "portrait"
