"""The one writer of matrices (layak.web.matrix): a workbook that prints, rupiah as numbers in
whole rupiah or with sen, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from openpyxl import load_workbook

from layak.web.matrix import Matrix, Table, matrix_pdf, matrix_xlsx

MATRIX = Matrix(
    title="Matriks uji",
    region_name="Kota Metro",
    year=2026,
    tables=[
        Table(
            sheet="Kegiatan",
            header=["No.", "Kegiatan", "Nilai (Rp)"],
            rows=[
                [1, '=HYPERLINK("http://contoh.invalid")', Decimal("1250000.00")],
                [2, "Pojok ASI", Decimal("1500000.50")],
                [3, "Belum dinilai", None],
            ],
            widths=(5, 40, 16),
            money=frozenset({2}),
            totals=[("Jumlah (Rp)", Decimal("2750000.50")), ("Kegiatan", 3)],
            money_totals=frozenset({"Jumlah (Rp)"}),
        ),
        Table(sheet="Kosong", header=["No.", "Nama"], rows=[]),
    ],
    notes=["Catatan definisi."],
)


def test_the_workbook_keeps_numbers_and_refuses_formulas() -> None:
    book = load_workbook(io.BytesIO(matrix_xlsx(MATRIX)))
    assert book.sheetnames == ["Kegiatan", "Kosong"]
    sheet = book["Kegiatan"]
    assert [c.value for c in sheet[4]] == ["No.", "Kegiatan", "Nilai (Rp)"]
    assert sheet["B5"].value == '\'=HYPERLINK("http://contoh.invalid")'
    assert (sheet["C5"].value, sheet["C5"].number_format) == (1250000, "#,##0")
    assert (sheet["C6"].value, sheet["C6"].number_format) == (Decimal("1500000.5"), "#,##0.00")
    assert sheet["C7"].value is None
    assert (sheet["A9"].value, sheet["B9"].value) == ("Jumlah (Rp)", Decimal("2750000.5"))
    assert sheet["B9"].number_format == "#,##0.00"
    assert book["Kosong"]["A5"].value == "Catatan definisi."  # notes close the last sheet
    for name in book.sheetnames:
        assert book[name].print_title_rows == "$4:$4"


def test_the_pdf_writes_rupiah_in_the_readers_way(pdf_text: Callable[[bytes], str]) -> None:
    text = pdf_text(matrix_pdf(MATRIX, "3.1d"))
    assert "Rp 1.250.000" in text
    assert "Rp 1.500.000,50" in text
    assert "Rp 2.750.000,50" in text
    assert "Tidak ada catatan pada tahun ini." in text  # the empty table says so
    assert "pertanyaan 3.1d" in text
