"""Typing into an exported agency workbook as a person would (openpyxl, not Layak's writer)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl


class Book:
    """An exported workbook on disk: read cells by (code, unit), change them, add rows."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _open(self) -> tuple[Any, Any, dict[str, int]]:
        workbook = openpyxl.load_workbook(self.path)
        sheet = workbook["Jawaban"]
        header = {str(c.value): c.column for c in sheet[1]}
        return workbook, sheet, header

    def find(self, code: str, unit: str = "") -> int:
        _, sheet, header = self._open()
        for row in range(2, sheet.max_row + 1):
            cell_unit = str(sheet.cell(row, header["unit"]).value or "")
            if sheet.cell(row, header["kode"]).value == code and cell_unit.startswith(unit):
                return row
        raise KeyError((code, unit))

    def cell(self, code: str, column: str, unit: str = "") -> Any:
        row = self.find(code, unit)
        _, sheet, header = self._open()
        return sheet.cell(row, header[column]).value

    def set(self, code: str, unit: str = "", **values: Any) -> Book:
        """`book.set("12.2", jawaban=80, catatan="...")`; returns the book for chaining."""
        row = self.find(code, unit)
        workbook, sheet, header = self._open()
        for column, value in values.items():
            sheet.cell(row, header[column]).value = value
        workbook.save(self.path)
        return self

    def append(self, **values: Any) -> int:
        """A new row typed at the bottom; returns its row number."""
        workbook, sheet, header = self._open()
        row = sheet.max_row + 1
        for column, value in values.items():
            sheet.cell(row, header[column]).value = value
        workbook.save(self.path)
        return row

    def rows(self) -> list[dict[str, Any]]:
        _, sheet, header = self._open()
        return [
            {name: sheet.cell(row, col).value for name, col in header.items()}
            for row in range(2, sheet.max_row + 1)
        ]
