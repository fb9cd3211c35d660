"""CSV as people save it: BOMs, UTF-16, Windows-1252, semicolons, tabs and decimal commas.

Every variant of the demo answers must read as the same answers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from layak.cli.inputs import load_answers
from layak.core.loader import load_builtin
from layak.core.messages import InputError
from layak.tabular import read_table
from layak.tabular.limits import Limits

NOTE = "Perda No. 3/2019 – revisi é"  # en dash and é: both exist in Windows-1252


@pytest.fixture(scope="module")
def kla():
    return load_builtin("kla-2024")


@pytest.fixture
def rows(demo_rows) -> list[dict[str, str]]:
    rows = [dict(r) for r in demo_rows]
    rows[0]["catatan"] = NOTE
    assert any("." in r["nilai"] for r in rows)  # fractional points to test decimal commas
    return rows


def encode(
    rows: list[dict[str, str]],
    encoding: str,
    delimiter: str = ",",
    decimal_comma: bool = False,
    bom: bytes = b"",
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["kode", "nilai", "bukti", "catatan"])
    for r in rows:
        points = r["nilai"].replace(".", ",") if decimal_comma else r["nilai"]
        writer.writerow([r["kode"], points, r["bukti"], r["catatan"]])
    return bom + buffer.getvalue().encode(encoding)


VARIANTS = {
    "utf-8": {"encoding": "utf-8"},
    "utf-8-bom": {"encoding": "utf-8-sig"},
    "utf-16-le-bom": {"encoding": "utf-16"},
    "utf-16-be-bom": {"encoding": "utf-16-be", "bom": b"\xfe\xff"},
    "windows-1252": {"encoding": "cp1252"},
    "semicolon-decimal-comma": {"encoding": "utf-8", "delimiter": ";", "decimal_comma": True},
    "semicolon-cp1252": {"encoding": "cp1252", "delimiter": ";", "decimal_comma": True},
    "tab": {"encoding": "utf-8", "delimiter": "\t"},
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_encoding_and_delimiter_reads_the_same_answers(
    kla, rows, tmp_path: Path, variant: str
) -> None:
    reference = tmp_path / "reference.csv"
    reference.write_bytes(encode(rows, "utf-8"))
    path = tmp_path / f"{variant}.csv"
    path.write_bytes(encode(rows, **VARIANTS[variant]))
    expected = load_answers(reference, kla)
    answers = load_answers(path, kla)
    assert answers == expected
    assert answers["1.1"].note == NOTE
    assert len(answers) == sum(1 for r in rows if r["nilai"])  # the open questions stay open


def test_windows_1252_bytes_really_are_not_utf_8(rows) -> None:
    data = encode(rows, "cp1252")
    assert b"\x96" in data  # the en dash
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_a_semicolon_csv_from_excel_scores_like_the_demo(
    layak, rows, demo_csv: Path, tmp_path: Path
) -> None:
    path = tmp_path / "excel-id.csv"
    path.write_bytes(encode(rows, "cp1252", delimiter=";", decimal_comma=True))
    ours = layak("score", path, "--json")
    assert ours.code == 0, ours.err
    assert json.loads(ours.out) == json.loads(layak("score", demo_csv, "--json").out)


def test_a_small_semicolon_csv_with_a_decimal_comma(kla, tmp_path: Path) -> None:
    path = tmp_path / "kecil.csv"
    path.write_text('kode;nilai;bukti;catatan\n3.1a;2,5;1;"ada; dua, tanda"\n', encoding="utf-8")
    answer = load_answers(path, kla)["3.1a"]
    assert (answer.points, answer.evidence, answer.note) == (2.5, 1, "ada; dua, tanda")


def test_a_quoted_decimal_comma_in_a_comma_csv(kla, tmp_path: Path) -> None:
    path = tmp_path / "kutip.csv"
    path.write_text('kode,nilai,bukti\n3.1a,"2,5",1\n', encoding="utf-8")
    assert load_answers(path, kla)["3.1a"].points == 2.5


def test_header_spellings_and_title_rows_above_the_header(kla, tmp_path: Path) -> None:
    path = tmp_path / "rekap.csv"
    path.write_text(
        "Rekap jawaban Kota Metro;;;\n;;;\nKode Pertanyaan;Poin;Jumlah Bukti;Keterangan\n"
        "1.1;12;2;lengkap\n1.2a;1;0;\n",
        encoding="utf-8",
    )
    answers = load_answers(path, kla)
    assert (answers["1.1"].points, answers["1.1"].evidence, answers["1.1"].note) == (
        12,
        2,
        "lengkap",
    )
    assert answers["1.2a"].evidence == 0


def test_rows_keep_their_line_numbers_after_title_rows(layak, tmp_path: Path) -> None:
    path = tmp_path / "rekap.csv"
    path.write_text("Rekap\n\nkode,nilai,bukti\n1.1,12,1\n1.2a,x,1\n", encoding="utf-8")
    result = layak("score", path)
    assert result.code == 2
    assert "baris 5, kolom nilai: poin 'x' untuk pertanyaan" in result.err


def test_a_note_spanning_lines_keeps_the_next_row_number(layak, tmp_path: Path) -> None:
    path = tmp_path / "multi.csv"
    path.write_text(
        'kode,nilai,bukti,catatan\n1.1,12,1,"baris satu\nbaris dua"\n1.2a,-1,1,\n',
        encoding="utf-8",
    )
    result = layak("score", path)
    assert "baris 4, kolom nilai" in result.err


@pytest.mark.parametrize(
    ("limits", "text", "key"),
    [
        (Limits(max_file_bytes=20), "kode,nilai,bukti\n1.1,12,1\n1.2a,1,1\n", "terlalu besar"),
        (Limits(max_rows=2), "kode,nilai,bukti\n1.1,1,1\n1.2a,1,1\n1.2b,1,1\n", "lebih dari 2"),
    ],
)
def test_size_and_row_limits(tmp_path: Path, limits: Limits, text: str, key: str) -> None:
    path = tmp_path / "besar.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_table(path, ("kode", "nilai", "bukti"), limits=limits)
    assert key in refused.value.render("id")


def test_the_row_limit_counts_data_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "pas.csv"
    path.write_text("kode,nilai,bukti\n1.1,1,1\n\n,,\n1.2a,1,1\n", encoding="utf-8")
    table = read_table(path, ("kode", "nilai", "bukti"), limits=Limits(max_rows=2))
    assert [r.number for r in table.rows] == [2, 5]
    assert table.columns == ("kode", "nilai", "bukti")
