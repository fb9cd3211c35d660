"""Issue 13, "Numbers in Indonesian", in Budi's agency workbook: the hints a person reads
(`jenis jawaban`, the cell rule's message) write 0,75 and 4,5; the cells that hold numbers stay
numbers, and Excel's own rule keeps its dot."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from layak.core.answerbook import SHEET, BookInfo, ExportRow, kind_text
from layak.core.loader import load_builtin
from layak.tabular.answerbook import write_answerbook


def _row(code: str, number_range: tuple[float, float | None] | None) -> ExportRow:
    question = load_builtin("kla-2024").question(code)
    return ExportRow(
        code=code,
        unit="",
        text=question.text or question.label,
        kind=kind_text(question),
        max_points=question.max_points,
        value=None,
        note="",
        points=None,
        claimed=None,
        evidence=0,
        status="Belum dijawab",
        verifier_note="",
        version=0,
        origin="",
        number_range=number_range,
    )


def test_budis_workbook_hints_use_the_decimal_comma_and_its_numbers_stay_numbers(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dinkes.xlsx"
    info = BookInfo("Kota Metro", 2026, "Dinkes", 1, "kla-2024", "2026-03-02 09:00", "budi")
    # 12.1: a percentage whose thresholds propose 0.75, 1.5 and 2.25 of 3 points; 3.1a:
    # points given directly, up to 4.5.
    write_answerbook(info, [_row("12.1", (0, 100)), _row("3.1a", (0, 4.5))], path)

    sheet = openpyxl.load_workbook(path)[SHEET]
    header = [c.value for c in sheet[1]]
    percentage, points = (
        dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, 3, values_only=True)
    )
    assert percentage["jenis jawaban"] == (
        "Persentase 0–100; ambang: 25 → 0,75 poin; 50 → 1,5 poin; 75 → 2,25 poin; 100 → 3 poin"
    )
    assert points["jenis jawaban"] == "Poin 0–4,5"
    assert points["nilai maks"] == 4.5  # a number a spreadsheet can add up, not text
    rule = next(v for v in sheet.data_validations.dataValidation if v.formula2 == "4.5")
    assert rule.error == "Isi angka antara 0 dan 4,5."
