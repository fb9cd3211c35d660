"""The self-assessment workbook: one row per question, with the columns a task force fills in."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from layak.core.answers import Answer
from layak.core.answersheet import SHEET
from layak.core.instrument import Instrument
from layak.tabular.printing import prepare_for_print, set_widths

COLUMNS = (
    "kode",
    "bagian",
    "indikator",
    "uraian",
    "nilai_maks",
    "sumber_data",
    "nilai",
    "bukti",
    "catatan",
)
WIDTHS = (9, 26, 30, 52, 11, 30, 10, 8, 40)
FILL_COLUMNS = ("nilai", "bukti", "catatan")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What the sheet accepts in the columns filled in (catatan is free text): the column, the
# DataValidation's kind, the refusal's title and text, the prompt's title and text.
FILL_RULES: tuple[tuple[str, dict[str, str], str, str, tuple[str, str]], ...] = (
    (
        "G",
        {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "E2"},
        "Nilai tidak sah",
        "Nilai harus angka antara 0 dan nilai_maks pertanyaan ini.",
        ("nilai", "Poin yang diklaim: 0 sampai nilai_maks."),
    ),
    (
        "H",
        {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        "Bukti tidak sah",
        "Bukti adalah jumlah dokumen pendukung: bilangan bulat 0 atau lebih.",
        ("bukti", "Jumlah dokumen pendukung yang sudah ada."),
    ),
)


def safe_text(value: str) -> str:
    """Text a spreadsheet would run as a formula is neutralised with a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def reversible_text(value: str) -> str:
    """`safe_text` for cells that come back (the agency workbook): a leading apostrophe is
    doubled too, so that `restore_text` returns exactly the text that was written."""
    return "'" + value if value.startswith((*FORMULA_PREFIXES, "'")) else value


def restore_text(value: str) -> str:
    """The text before `reversible_text` (or `safe_text`): one neutralising apostrophe off.
    A cell retyped in a spreadsheet arrives without it (the apostrophe is then a cell
    format), and is left as it is."""
    if value.startswith("'") and value[1:].startswith((*FORMULA_PREFIXES, "'")):
        return value[1:]
    return value


def add_cell_rule(
    sheet: Worksheet,
    cells: Iterable[str],
    *,
    error_title: str,
    error: str,
    prompt: tuple[str, str] | None = None,
    **kind: Any,
) -> None:
    """A rule the spreadsheet checks as `cells` (coordinates or ranges) are typed, `kind` being
    openpyxl's DataValidation type, operator and formulas: a blank cell passes, a wrong value is
    refused with `error`; `prompt` (title, text) shows when the cell is entered."""
    shown: dict[str, Any] = {}
    if prompt is not None:
        shown = {"promptTitle": prompt[0], "prompt": prompt[1], "showInputMessage": True}
    rule = DataValidation(
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=error_title,
        error=error,
        **shown,
        **kind,
    )
    for cell in cells:
        rule.add(cell)
    sheet.add_data_validation(rule)


def write_template(
    instrument: Instrument, path: Path, answers: Mapping[str, Answer] | None = None
) -> int:
    """Write the workbook; returns the number of question rows."""
    answers = answers or {}
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    header_fill = PatternFill("solid", fgColor="1F4E79")
    fill_fill = PatternFill("solid", fgColor="FFF2CC")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    indicators = {i.code: i for i in instrument.indicators}
    parts = {p.code: p for p in instrument.parts}
    for question in instrument.questions:
        answer = answers.get(question.code)
        sheet.append(
            [
                question.code,
                safe_text(parts[question.part_code].name),
                safe_text(f"{question.indicator_code}. {indicators[question.indicator_code].name}"),
                safe_text(question.text or question.label),
                question.max_points,
                safe_text(", ".join(question.agencies)),
                answer.points if answer else None,
                answer.evidence if answer else None,
                safe_text(answer.note) if answer and answer.note else None,
            ]
        )
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last):
        row[0].number_format = "@"  # codes like 14.10 must stay text
        for cell in row[1:6]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in row[6:9]:
            cell.fill = fill_fill
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 9)
    for column, kind, error_title, error, prompt in FILL_RULES:
        add_cell_rule(
            sheet,
            [f"{column}2:{column}{last}"],
            error_title=error_title,
            error=error,
            prompt=prompt,
            **kind,
        )
    sheet.auto_filter.ref = f"A1:I{last}"
    set_widths(sheet, WIDTHS)
    prepare_for_print(sheet, frozen_columns=1)
    _write_guide(workbook, instrument)
    workbook.save(path)
    return last - 1


def _write_guide(workbook: Workbook, instrument: Instrument) -> None:
    rows = [
        ("Instrumen", instrument.id),
        ("Nama", instrument.name),
        ("Tahun", instrument.year),
        ("Sumber", instrument.source),
        ("", ""),
        ("Kolom yang diisi", ""),
        ("nilai", "Poin yang diklaim untuk pertanyaan, 0 sampai nilai_maks (desimal boleh)."),
        ("bukti", "Jumlah dokumen pendukung yang sudah ada (0 bila belum ada)."),
        ("catatan", "Keterangan bebas."),
        ("", ""),
        ("Menghitung", f"layak score BERKAS.xlsx --instrument {instrument.id}"),
        ("Rencana", f"layak plan-gap BERKAS.xlsx --target Utama --instrument {instrument.id}"),
    ]
    if instrument.warnings:
        rows.append(("", ""))
        rows.append(("Peringatan instrumen", ""))
        rows.extend(("", w.render("id")) for w in instrument.warnings)
    write_guide(workbook, "Petunjuk", rows, safe_text)


def write_guide(
    workbook: Workbook,
    title: str,
    rows: Sequence[tuple[str, Any]],
    text: Callable[[str], str],
    *,
    wrap: bool = False,
) -> None:
    """The guide sheet of a workbook people fill in (this template, the agency answer workbook):
    a bold name and its text (or value) a row, each text through `text`, the workbook's guard
    against formulas; `wrap` wraps the long texts."""
    guide = workbook.create_sheet(title)
    for key, value in rows:
        guide.append([key, text(value) if isinstance(value, str) else value])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 110
    for cell in guide["A"]:
        cell.font = Font(bold=True)
    if wrap:
        for cell in guide["B"]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    prepare_for_print(guide, header_row=None)
