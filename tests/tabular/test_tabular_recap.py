"""Finding the question tables in a recap workbook: sheets, headers, merged cells, hostile files.

The rows' meaning (carried parts, subtotals) is tested in tests/core/test_core_instrument_import.py;
here is what the reader hands over, and what it refuses before any parser sees the file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from layak.core.messages import InputError
from layak.tabular.limits import DEFAULT_LIMITS
from layak.tabular.recap import read_recap
from layak.tabular.xlsx import read_xlsx_sheets

HEADER = ["No", "Indikator", "Pertanyaan", "Uraian Pertanyaan", "Nilai Max", "Sumber Data"]


def keys(error: pytest.ExceptionInfo[InputError]) -> list[tuple[str | None, str]]:
    return [(p.sheet, p.message.key) for p in error.value.problems]


def test_a_two_row_header_and_a_row_of_column_numbers_are_read_as_the_province_writes_them(
    tmp_path: Path,
):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KLASTER V"
    sheet.append(["INSTRUMEN EVALUASI KLA 2025"])
    sheet.append([*HEADER, "Untuk Semua", None, "Keterangan"])
    sheet.append([None] * 6 + ["Kecamatan", "Desa/Kelurahan"])
    for column in "ABCDEFI":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("G2:H2")
    sheet.append(list(range(1, 10)))
    sheet.append([1, "IND. 21.A", None, "Perlindungan khusus", 83])
    sheet.append([None, None, "4 a", "Lembaga layanan", 6, "UPTD PPA", "√", None, "lihat juknis"])
    sheet.merge_cells("B5:B6")
    book.save(tmp_path / "rekap.xlsx")
    recap = read_recap(tmp_path / "rekap.xlsx")
    [table] = recap.sheets
    assert table.name == "KLASTER V"
    assert table.titles == ("INSTRUMEN EVALUASI KLA 2025",)
    assert table.columns == {
        "no",
        "indikator",
        "pertanyaan",
        "uraian",
        "nilai_maks",
        "sumber_data",
        "per_kecamatan",
        "per_desa_kelurahan",
    }
    assert [r.number for r in table.rows] == [5, 6]  # the column numbers on row 4 are skipped
    question = table.rows[1]
    assert question.values["indikator"] == "IND. 21.A"  # merged down from its heading row
    assert (question.values["pertanyaan"], question.values["per_kecamatan"]) == ("4 a", "√")
    assert question.other == ("lihat juknis",)
    assert recap.ignored == (("KLASTER V", ("Keterangan",)),)


def test_hidden_sheets_and_sheets_without_a_question_table_are_skipped(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Sampul"
    book.active.append(["Rekap KLA 2025"])
    for title in ("Lama", "Baru"):
        sheet = book.create_sheet(title)
        sheet.append(HEADER)
        sheet.append([None, "Indikator 1", "1", "Perda KLA", 12, "JDIH"])
    book["Lama"].sheet_state = "hidden"
    book.save(tmp_path / "rekap.xlsx")
    recap = read_recap(tmp_path / "rekap.xlsx")
    assert [s.name for s in recap.sheets] == ["Baru"]
    assert recap.skipped == ("Sampul", "Lama")


def test_a_workbook_without_a_question_table_names_the_columns_it_lacks(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.append(["Rekap KLA 2025"])
    sheet = book.create_sheet("Nilai")
    sheet.append(["Klaster", "Indikator", "Nilai"])
    book.save(tmp_path / "rekap.xlsx")
    with pytest.raises(InputError) as caught:
        read_recap(tmp_path / "rekap.xlsx")
    [problem] = caught.value.problems
    assert problem.message.key == "file.missing_columns"
    assert problem.message.params == {
        "columns": "pertanyaan, nilai_maks",
        "found": "bagian, indikator",
    }


def test_a_table_without_an_indicator_column_or_with_two_maxima_is_refused(tmp_path: Path):
    book = openpyxl.Workbook()
    book.active.title = "Rekap"
    book.active.append(["Pertanyaan", "Nilai Max", "Bobot", "Uraian"])
    book.save(tmp_path / "rekap.xlsx")
    with pytest.raises(InputError) as caught:
        read_recap(tmp_path / "rekap.xlsx")
    assert keys(caught) == [("Rekap", "file.missing_columns"), ("Rekap", "file.duplicate_column")]
    assert caught.value.render().startswith("lembar Rekap: kolom wajib tidak ada: indikator")


def test_a_csv_recap_is_one_table(tmp_path: Path):
    path = tmp_path / "rekap.csv"
    path.write_text(
        "Klaster;Indikator;Pertanyaan;Nilai Maksimal\nKLASTER I;Indikator 4;4 a;2,5\n",
        encoding="utf-8",
    )
    [table] = read_recap(path).sheets
    assert table.name is None
    assert table.rows[0].values == {
        "bagian": "KLASTER I",
        "indikator": "Indikator 4",
        "pertanyaan": "4 a",
        "nilai_maks": "2,5",
    }


def rebuild(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            copy.writestr(info.filename, replace.get(info.filename, original.read(info.filename)))
    return target


def plain_recap(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([None, "Indikator 1", "1", "Perda KLA", 12, "JDIH"])
    book.active.merge_cells("A1:A2")
    book.save(path)
    return path


def test_merged_ranges_that_overlap_are_refused_rather_than_filled_without_end(tmp_path: Path):
    source = plain_recap(tmp_path / "asli.xlsx")
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    ranges = "".join(f'<mergeCell ref="B1:B{1000 + i}"/>' for i in range(200))
    hostile = re.sub(
        rb"<mergeCells .*</mergeCells>", f"<mergeCells>{ranges}</mergeCells>".encode(), xml
    )
    assert hostile != xml
    path = rebuild(source, tmp_path / "tumpang.xlsx", {"xl/worksheets/sheet1.xml": hostile})
    with pytest.raises(InputError) as caught:
        read_recap(path)
    assert keys(caught) == [(None, "file.not_xlsx")]
    assert "merged cells overlap" in caught.value.render()


def test_an_entity_in_a_sheet_is_refused_before_any_parser_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    source = plain_recap(tmp_path / "asli.xlsx")
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    doctype = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    hostile = doctype + xml
    path = rebuild(source, tmp_path / "entitas.xlsx", {"xl/worksheets/sheet1.xml": hostile})

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a parser was called on a refused archive")

    monkeypatch.setattr(
        "layak.tabular.xlsx.CalamineWorkbook", SimpleNamespace(from_filelike=forbidden)
    )
    monkeypatch.setattr("layak.tabular.xlsx.sheet_parts", forbidden)
    monkeypatch.setattr("layak.tabular.xlsx.error_cells", forbidden)
    with pytest.raises(InputError) as caught:
        read_recap(path)
    assert keys(caught) == [(None, "file.xml_entities")]


def test_a_broken_sheet_is_refused_as_no_workbook(tmp_path: Path):
    source = plain_recap(tmp_path / "asli.xlsx")
    broken = b"<worksheet><sheetData><row><c"
    path = rebuild(source, tmp_path / "rusak.xlsx", {"xl/worksheets/sheet1.xml": broken})
    with pytest.raises(InputError) as caught:
        read_xlsx_sheets(path, DEFAULT_LIMITS)
    assert keys(caught) == [(None, "file.not_xlsx")]
