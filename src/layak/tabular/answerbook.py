"""The agency workbook as a file: written with openpyxl, read back through `read_table` (the
same size, zip and row limits as every other upload).

Every text cell is written through `reversible_text`, so nothing a spreadsheet would run as a
formula reaches it, and the reader undoes exactly that (`restore_text`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from layak.core.answerbook import (
    COLUMNS,
    FILLED,
    GUIDE_SHEET,
    HIDDEN,
    NAMES,
    REQUIRED,
    SHEET,
    BookInfo,
    ExportRow,
    canonical_note,
)
from layak.core.messages import InputError, Problem, msg
from layak.core.numbers import localise_number
from layak.tabular.limits import DEFAULT_LIMITS, Limits
from layak.tabular.printing import prepare_for_print
from layak.tabular.read import OLE_MAGIC, ZIP_MAGIC, Row, read_table
from layak.tabular.template import add_cell_rule, restore_text, reversible_text, write_guide

WIDTHS = {
    "kode": 9,
    "unit": 24,
    "pertanyaan": 48,
    "jenis_jawaban": 30,
    "nilai_maks": 9,
    "jawaban": 14,
    "poin_diklaim": 10,
    "catatan": 40,
    "poin_saat_ini": 10,
    "jumlah_bukti": 9,
    "status_verifikasi": 16,
    "catatan_verifikator": 32,
}
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
FILL_FILL = PatternFill("solid", fgColor="FFF2CC")


def _letter(name: str) -> str:
    return get_column_letter(NAMES.index(name) + 1)


def _text(value: str) -> str:
    return reversible_text(canonical_note(value)) if value else ""


def _cells(row: ExportRow) -> list[Any]:
    value = _text(row.value) if isinstance(row.value, str) else row.value
    return [
        row.code,
        _text(row.unit),
        _text(row.text),
        _text(row.kind),
        row.max_points,
        value,
        row.claimed,
        _text(row.note),
        row.points,
        row.evidence,
        _text(row.status),
        _text(row.verifier_note),
        row.version,
        row.origin,
    ]


def _validations(sheet: Worksheet, rows: Sequence[ExportRow]) -> None:
    """A drop-down for Ya/Tidak and option questions, a numeric rule for the others, and the
    claimed points between 0 and the maximum (none on a unit's row: units answer yes/no)."""
    column, claimed = _letter("jawaban"), _letter("poin_diklaim")
    lists: dict[tuple[str, ...], list[str]] = {}
    ranges: dict[tuple[float, float | None], list[str]] = {}
    for index, row in enumerate(rows, start=2):
        cell = f"{column}{index}"
        if row.choices:
            lists.setdefault(row.choices, []).append(cell)
        elif row.number_range is not None:
            ranges.setdefault(row.number_range, []).append(cell)
        if not row.unit:
            ranges.setdefault((0.0, row.max_points), []).append(f"{claimed}{index}")
    for choices, cells in lists.items():
        add_cell_rule(
            sheet,
            cells,
            error_title="Jawaban tidak sah",
            error="Pilih salah satu: " + ", ".join(choices),
            type="list",
            formula1='"' + ",".join(choices) + '"',
        )
    for (low, high), cells in ranges.items():
        bounds: dict[str, Any] = (
            {"operator": "between", "formula1": f"{low:g}", "formula2": f"{high:g}"}
            if high is not None
            else {"operator": "greaterThanOrEqual", "formula1": f"{low:g}"}
        )
        # The formulas above are Excel's (dot decimal); the message is read by a person.
        shown = [localise_number(bound, "id") for bound in (low, high) if bound is not None]
        limit = (
            f"antara {shown[0]} dan {shown[1]}" if high is not None else f"{shown[0]} atau lebih"
        )
        add_cell_rule(
            sheet,
            cells,
            error_title="Jawaban tidak sah",
            error=f"Isi angka {limit}.",
            type="decimal",
            **bounds,
        )


def write_answerbook(info: BookInfo, rows: Sequence[ExportRow], target: IO[bytes] | Path) -> None:
    """The workbook: sheet Jawaban (only `jawaban` and `catatan` open for typing; the sheet is
    protected without a password against slips, not against people) and sheet Petunjuk."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET
    sheet.append([header for _, header in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for row in rows:
        sheet.append(_cells(row))
    filled = {NAMES.index(n) for n in FILLED}
    for cells in sheet.iter_rows(min_row=2, max_row=sheet.max_row):
        cells[0].number_format = "@"  # codes like 14.10 stay text
        for index, cell in enumerate(cells):
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if index in filled:
                cell.fill = FILL_FILL
                cell.protection = Protection(locked=False)
    _validations(sheet, rows)
    for name, width in WIDTHS.items():
        sheet.column_dimensions[_letter(name)].width = width
    for name in HIDDEN:
        sheet.column_dimensions[_letter(name)].hidden = True
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 2)}"
    prepare_for_print(sheet, frozen_columns=2)
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False  # False: allowed on the protected sheet
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False
    _write_guide(workbook, info)
    workbook.save(target)


def _write_guide(workbook: Workbook, info: BookInfo) -> None:
    rows: list[tuple[str, Any]] = [
        ("Jawaban KLA per OPD", ""),
        ("Kabupaten/kota", info.region),
        ("Tahun", info.year),
        ("OPD", info.agency),
        ("Siklus", info.cycle_id),
        ("Instrumen", info.instrument),
        ("Diunduh", info.exported_at),
        ("Diunduh oleh", info.exported_by),
        ("", ""),
        ("Cara mengisi", ""),
        (
            "jawaban",
            "Isi sesuai kolom 'jenis jawaban': Ya/Tidak, kunci pilihan (mis. naik), "
            "persentase 0–100, jumlah, atau poin. Jawaban mengusulkan poinnya. Kosongkan bila "
            "belum dijawab.",
        ),
        (
            "poin diklaim",
            "Kosongkan untuk memakai poin usulan dari jawaban. Isi bila poin yang diklaim "
            "berbeda, misalnya sebagian seperti pada rekap nasional (0 sampai nilai maksimal, "
            "boleh desimal: 2,5). Boleh diisi tanpa jawaban. Tidak untuk baris kecamatan/"
            "kelurahan.",
        ),
        ("catatan", "Keterangan bebas."),
        ("unit", "Pertanyaan KELANA/DEKELA dijawab per kecamatan/kelurahan: satu baris per unit."),
        (
            "Kolom lain",
            "Hanya untuk dibaca (poin, bukti, status dan catatan verifikator). "
            "Lembar dilindungi tanpa kata sandi agar tidak terubah tanpa sengaja.",
        ),
        (
            "versi, asal",
            "Kolom tersembunyi yang diisi Layak. Jangan diubah: dengan keduanya "
            "Layak tahu baris mana yang Anda ubah dan apakah jawabannya sudah diubah orang lain "
            "sejak berkas ini diunduh.",
        ),
        ("", ""),
        (
            "Mengunggah",
            "Unggah berkas ini di halaman Pertanyaan (Unggah Excel) atau dengan "
            f'layak jawaban import --siklus {info.cycle_id} --opd "{info.agency}" '
            "--pengguna AKUN BERKAS.xlsx.",
        ),
        (
            "",
            "Layak memeriksa seluruh berkas lebih dahulu dan menampilkan ringkasan (baru, "
            "berubah, tetap, ditolak dengan baris dan kolomnya). Perubahan disimpan hanya bila "
            "tidak ada baris yang ditolak, dan seluruhnya sekaligus.",
        ),
        (
            "",
            "Baris yang jawabannya sudah diubah di Layak sejak berkas diunduh ditolak sebagai "
            "konflik; unduh ulang berkasnya.",
        ),
        ("", "Baris yang tidak Anda ubah tidak menimpa jawaban yang ada di Layak."),
    ]
    if info.windows:
        rows.append(("", ""))
        rows.extend(("Jadwal", line) for line in info.windows)
    write_guide(workbook, GUIDE_SHEET, rows, reversible_text, wrap=True)


def _restored(row: Row) -> tuple[int, dict[str, Any]]:
    values = {k: restore_text(v) if isinstance(v, str) else v for k, v in row.values.items()}
    return row.number, values


def read_answerbook(
    path: Path, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[int, dict[str, Any]]]:
    """The data rows of the Jawaban sheet with their row numbers. Raises InputError for a file
    that is not a workbook within the limits, or lacks the required columns."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        head = b""  # read_table names the problem
    if head and not head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        # A CSV or anything else: only the workbook carries the hidden columns and the rules.
        raise InputError([Problem(msg("file.xlsx_not_zip"))])
    table = read_table(path, REQUIRED, limits=limits, sheet_names=(SHEET,))
    return (_restored(row) for row in table.rows)
