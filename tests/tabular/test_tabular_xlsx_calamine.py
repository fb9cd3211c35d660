"""python-calamine reads every xlsx; what it hands on must be what openpyxl's read-only mode gave
(the rules downstream were written against it): same row and column numbers, same values and
types, over awkward cells. Workbooks are written here by openpyxl, some parts then rewritten
as other writers do (shared strings, cached formula results, cells without a reference).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from layak.core.messages import InputError
from layak.tabular.limits import DEFAULT_LIMITS
from layak.tabular.xlsx import peek_xlsx_rows, read_xlsx_rows, read_xlsx_sheets, sheet_titles

SHEET = "xl/worksheets/sheet1.xml"
SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def typed(values: Any) -> list[tuple[str, Any]]:
    """Values with their types (1 == 1.0 == True in Python), trailing empty cells dropped."""
    cells = list(values)
    while cells and cells[-1] is None:
        cells.pop()
    return [(type(v).__name__, v) for v in cells]


def openpyxl_rows(path: Path, title: str | None = None) -> dict[int, list[tuple[str, Any]]]:
    """Non-blank rows by number, as openpyxl read-only gave them (Layak's reader until 2026)."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = workbook[title] if title else workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = {n: typed(v) for n, v in enumerate(sheet.iter_rows(values_only=True), start=1)}
    workbook.close()
    return {n: v for n, v in rows.items() if v}


def layak_rows(path: Path, sheet_names: tuple[str, ...] = ()) -> dict[int, list[tuple[str, Any]]]:
    _, rows = read_xlsx_rows(path, DEFAULT_LIMITS, sheet_names)
    return {n: typed(v) for n, v in rows if typed(v)}


def rewrite(path: Path, parts: dict[str, bytes]) -> Path:
    """The workbook with some parts replaced or added, as written by another program."""
    with zipfile.ZipFile(path) as archive:
        original = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**original, **parts}.items():
            archive.writestr(name, data)
    return path


def replace_cell(path: Path, ref: str, cell: str) -> Path:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
    xml, found = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell, xml)
    assert found == 1, ref
    return rewrite(path, {SHEET: xml.encode()})


def with_shared_strings(path: Path) -> Path:
    """openpyxl writes inline strings; Excel writes a shared-string table. This makes one, with
    a string in rich-text runs and a phonetic guide (which is not part of the text)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'

    xml = re.sub(r'<c r="(\w+)" t="inlineStr"><is><t>(.*?)</t></is></c>', shared, xml)
    items = "".join(
        f"<si><r><t>{s[:2]}</t></r><r><t>{s[2:]}</t></r><rPh sb='0' eb='1'><t>x</t></rPh></si>"
        if i == 0
        else f'<si><t xml:space="preserve">{s}</t></si>'
        for i, s in enumerate(strings)
    )
    sst = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )
    types = types.replace(
        "</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/></Types>',
    )
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdS" Type="{SHARED_REL}" Target="sharedStrings.xml"/></Relationships>',
    )
    return rewrite(
        path,
        {
            SHEET: xml.encode(),
            "xl/sharedStrings.xml": sst.encode(),
            "[Content_Types].xml": types.encode(),
            "xl/_rels/workbook.xml.rels": rels.encode(),
        },
    )


def awkward(path: Path) -> Path:
    """Data from B3, blank rows between, merged cells, and every kind of value."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data"
    sheet["B3"], sheet["C3"], sheet["D3"], sheet["E3"] = "NIK", "Tanggal", "Jumlah", "Catatan"
    rows = [
        ["3201011234567890", dt.date(2019, 5, 1), 12, " spasi di tepi "],
        [3201011234567890, dt.datetime(2020, 1, 2, 3, 4, 5), 12.5, "0012"],
        [None, dt.time(7, 30), -3, True],
        ["Ñandú ✓", dt.timedelta(hours=30), 0.1 + 0.2, False],
        ["#N/A", 1e20, 2**40, "=1+1"],
    ]
    for offset, values in enumerate(rows):
        number = 4 + offset * 2  # a blank row after each
        for column, value in enumerate(values, start=2):
            sheet.cell(number, column, value)
    sheet.cell(14, 3, 0.5).number_format = "0%"
    sheet.cell(14, 4, 44000).number_format = "yyyy-mm-dd"
    sheet.cell(14, 5, 44000.25).number_format = "dd/mm/yyyy hh:mm"
    sheet.cell(15, 2, 12).number_format = "@"  # a number in a cell formatted as text
    sheet.cell(15, 9, "jauh di kanan")
    sheet.merge_cells("B17:C18")
    sheet["B17"] = "bergabung"
    book.save(path)
    return path


def test_awkward_cells_read_as_openpyxl_read_them(tmp_path: Path) -> None:
    path = awkward(tmp_path / "aneh.xlsx")
    expected = openpyxl_rows(path)
    assert layak_rows(path) == expected
    # The spot checks that matter downstream: numbering, columns, whole numbers, dates.
    assert min(expected) == 3
    assert expected[3][1] == ("str", "NIK")
    assert expected[6][1:4] == [
        ("int", 3201011234567890),
        ("datetime", dt.datetime(2020, 1, 2, 3, 4, 5)),
        ("float", 12.5),
    ]
    assert expected[4][2] == ("datetime", dt.datetime(2019, 5, 1))
    assert expected[12][1] == ("str", "#N/A")
    assert expected[15][-1] == ("str", "jauh di kanan")
    assert len(expected[15]) == 9


def test_shared_strings_and_rich_text_read_as_openpyxl_read_them(tmp_path: Path) -> None:
    path = with_shared_strings(awkward(tmp_path / "bersama.xlsx"))
    with zipfile.ZipFile(path) as archive:
        assert b't="s"' in archive.read(SHEET)
    assert layak_rows(path) == openpyxl_rows(path)
    assert layak_rows(path)[3][1] == ("str", "NIK")  # "NI" + "K" in two runs, no guide


def test_cached_formula_results_and_error_cells(tmp_path: Path) -> None:
    path = awkward(tmp_path / "rumus.xlsx")
    replace_cell(path, "E12", '<c r="E12" t="str"><f>A1&amp;"x"</f><v>hasil</v></c>')
    replace_cell(path, "D10", '<c r="D10"><f>1/3</f><v>0.3333333333333333</v></c>')
    replace_cell(path, "C10", '<c r="C10" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    replace_cell(path, "E8", "<c r='E8' s='0' t = 'e'><v>#REF!</v></c>")
    rows = layak_rows(path)
    assert rows == openpyxl_rows(path)
    assert rows[10][2:4] == [("str", "#DIV/0!"), ("float", 1 / 3)]
    assert rows[8][3:] == [("int", -3), ("str", "#REF!")]
    assert rows[12][4] == ("str", "hasil")


def test_an_error_cell_without_a_reference_is_placed_by_its_order(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kode", "nilai", "bukti"])
    sheet.append(["1.1", 12, 1])
    path = tmp_path / "tanpa-ref.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode()
    row = re.search(r'<row r="2"[^>]*>.*?</row>', xml)
    assert row is not None
    bare = '<row r="2"><c t="inlineStr"><is><t>1.1</t></is></c><c t="e"><v>#N/A</v></c></row>'
    rewrite(path, {SHEET: xml.replace(row.group(0), bare).encode()})
    assert layak_rows(path) == openpyxl_rows(path)
    assert layak_rows(path)[2] == [("str", "1.1"), ("str", "#N/A")]


def test_sheets_hidden_merged_and_chosen_by_name(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Sampul"
    first["A1"] = "Profil Anak"
    hidden = book.create_sheet("Tersembunyi")
    hidden.sheet_state = "hidden"
    hidden["C4"] = 7
    very = book.create_sheet("Sangat")
    very.sheet_state = "veryHidden"
    very["A1"] = "x"
    data = book.create_sheet("Anak")
    data.append(["Bagian", "Pertanyaan"])
    data.append(["I", "1.1"])
    data.append([None, "1.2"])
    data.merge_cells("A2:A3")
    data.merge_cells("C5:E6")
    data["C5"] = "kotak"
    chart = book.create_chartsheet("Grafik", 1)
    bars = BarChart()
    bars.add_data(Reference(hidden, min_col=3, min_row=4, max_row=4))
    chart.add_chart(bars)
    path = tmp_path / "lembar.xlsx"
    book.save(path)

    assert sheet_titles(path, DEFAULT_LIMITS) == ("Sampul", "Tersembunyi", "Sangat", "Anak")
    grids = read_xlsx_sheets(path, DEFAULT_LIMITS)
    assert [(g.title, g.hidden) for g in grids] == [
        ("Sampul", False),
        ("Tersembunyi", True),
        ("Sangat", True),
        ("Anak", False),
    ]
    full = openpyxl.load_workbook(path)
    for grid in grids:
        rows = {n: typed(v) for n, v in grid.rows.items()}
        assert rows == openpyxl_rows(path, grid.title), grid.title
        assert sorted(grid.merged) == sorted(r.bounds for r in full[grid.title].merged_cells)
    assert grids[1].rows == {4: [None, None, 7]}
    assert layak_rows(path, ("anak",)) == openpyxl_rows(path, "Anak")
    assert layak_rows(path, ("tidak-ada",)) == openpyxl_rows(path, "Sampul")


def test_raw_rows_keep_calamines_values_in_the_sheets_columns(tmp_path: Path) -> None:
    path = awkward(tmp_path / "mentah.xlsx")
    _, rows = read_xlsx_rows(path, DEFAULT_LIMITS, raw=True)
    raw = dict(rows)
    width = len(raw[3])
    assert raw[1] == raw[2] == [""] * width  # empty is "", and every row is as wide
    assert raw[3][:2] == ["", "NIK"]  # column A is there
    assert raw[4][1:4] == ["3201011234567890", dt.date(2019, 5, 1), 12.0]
    assert raw[12][1] == "#N/A"


def test_the_header_peek_reads_the_first_rows_as_text(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Anak"
    sheet["A1"] = "Ekspor Disdukcapil"
    sheet.append([])
    sheet.append(["NIK", "Jenis Kelamin", None, 2025, True])
    for n in range(200):
        sheet.append([str(n), "L"])
    path = tmp_path / "intip.xlsx"
    book.save(path)
    with_shared_strings(path)
    rows = peek_xlsx_rows(path, DEFAULT_LIMITS, ("anak",), 4)
    assert rows == [
        ["Ekspor Disdukcapil"],
        [],
        ["NIK", "Jenis Kelamin", None, "2025", "1"],
        ["0", "L"],
    ]


def refusal(call: Any) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.render("id")


READERS = {
    "rows": lambda p: list(read_xlsx_rows(p, DEFAULT_LIMITS)[1]),
    "sheets": lambda p: read_xlsx_sheets(p, DEFAULT_LIMITS),
    "titles": lambda p: sheet_titles(p, DEFAULT_LIMITS),
    "peek": lambda p: peek_xlsx_rows(p, DEFAULT_LIMITS, (), 20),
}


@pytest.mark.parametrize("reader", READERS)
def test_refusals_keep_their_indonesian_messages(tmp_path: Path, reader: str) -> None:
    read = READERS[reader]
    good = awkward(tmp_path / "baik.xlsx")
    truncated = tmp_path / "terpotong.xlsx"
    truncated.write_bytes(good.read_bytes()[:3000])
    assert "berkas bukan buku kerja Excel .xlsx yang sah" in refusal(lambda: read(truncated))

    broken = rewrite(awkward(tmp_path / "rusak.xlsx"), {SHEET: b"<worksheet><sheetData><row><c"})
    if reader != "titles":  # the names are in workbook.xml: no sheet is read for them
        assert "berkas bukan buku kerja Excel .xlsx yang sah" in refusal(lambda: read(broken))

    with zipfile.ZipFile(good) as archive:
        xml = archive.read(SHEET)
    entity = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
    bomb = rewrite(awkward(tmp_path / "entitas.xlsx"), {SHEET: entity + xml})
    assert f"bagian {SHEET} berisi deklarasi entitas XML (DTD)" in refusal(lambda: read(bomb))

    pdf = tmp_path / "laporan.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert "berkas bukan buku kerja Excel .xlsx yang sah" in refusal(lambda: read(pdf))
