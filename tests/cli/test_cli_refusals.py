"""Bad answers are refused whole: exit status 2, a message naming row, column and rule, no crash.

(Files that are not tables at all, and hostile workbooks, are in tests/tabular.)
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

HEADER = "kode,nilai,bukti,catatan\n"


def write(tmp_path: Path, text: str, name: str = "jawaban.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(layak, monkeypatch, *args: object) -> tuple[str, str]:
    """The Indonesian and the English refusal of `layak ARGS`; both must exit with status 2."""
    messages = []
    for lang in ("id", "en"):
        monkeypatch.setenv("LAYAK_LANGUAGE", lang)
        result = layak(*args)
        assert result.code == 2, (lang, result.out, result.err)
        assert result.out == ""  # nothing half-done on stdout
        assert "Traceback" not in result.err
        messages.append(result.err)
    indonesian, english = messages
    assert indonesian.startswith("Galat:")
    assert english.startswith("Error:")
    return indonesian, english


@pytest.mark.parametrize(
    ("rows", "indonesian", "english"),
    [
        pytest.param(
            "99.9,1,1,\n",
            "baris 2, kolom kode: kode '99.9' tidak ada dalam instrumen kla-2024",
            "row 2, column kode: code '99.9' is not in instrument kla-2024",
            id="unknown-kode",
        ),
        pytest.param(
            "1.1,1,1,\n1.2a,1,1,\n1.1,2,1,\n",
            "baris 4, kolom kode: kode 1.1 sudah muncul di baris 2",
            "row 4, column kode: code 1.1 already appeared on row 2",
            id="duplicate-kode",
        ),
        pytest.param(
            "1.1,12.5,1,\n",
            "baris 2, kolom nilai: nilai 12,5 melebihi nilai maksimal pertanyaan 1.1, yaitu 12",
            "row 2, column nilai: points 12.5 exceed the maximum of question 1.1, which is 12",
            id="above-maximum",
        ),
        pytest.param(
            "1.1,-1,1,\n",
            "baris 2, kolom nilai: nilai -1 untuk pertanyaan 1.1 tidak boleh negatif",
            "row 2, column nilai: points -1 for question 1.1 must not be negative",
            id="negative",
        ),
        pytest.param(
            "1.1,dua belas,1,\n",
            "baris 2, kolom nilai: poin 'dua belas' untuk pertanyaan 1.1 bukan angka "
            "(tulis misalnya 2,5 atau 2.5)",
            "row 2, column nilai: points 'dua belas' for question 1.1 are not a number "
            "(write for example 2.5)",
            id="text-in-nilai",
        ),
        pytest.param(
            "1.1,12,1.5,\n",
            "baris 2, kolom bukti: '1.5' harus bilangan bulat 0 atau lebih",
            "row 2, column bukti: '1.5' must be a whole number, 0 or more",
            id="non-whole-bukti",
        ),
        pytest.param(
            "1.1,12,-2,\n",
            "baris 2, kolom bukti: '-2' harus bilangan bulat 0 atau lebih",
            "row 2, column bukti: '-2' must be a whole number, 0 or more",
            id="negative-bukti",
        ),
        pytest.param(
            ",12,1,\n",
            "baris 2, kolom kode: kode wajib diisi",
            "row 2, column kode: the code is required",
            id="missing-kode",
        ),
    ],
)
def test_a_bad_answer_is_refused_by_row_column_and_rule(
    layak, monkeypatch, tmp_path: Path, rows: str, indonesian: str, english: str
) -> None:
    path = write(tmp_path, HEADER + rows)
    for command in (("score", path), ("plan-gap", path, "--target", "Utama")):
        got_id, got_en = refused(layak, monkeypatch, *command)
        assert indonesian in got_id
        assert english in got_en


def test_every_problem_in_a_file_is_reported_at_once(layak, monkeypatch, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "1.1,12,1,\n99.9,1,1,\n1.2a,abc,1,\n1.2b,1,x,\n1.1,1,1,\n1.2c,-3,0,\n",
    )
    indonesian, english = refused(layak, monkeypatch, "score", path)
    lines = indonesian.splitlines()
    assert lines[0] == "Galat:"
    assert lines[1:] == [
        "baris 3, kolom kode: kode '99.9' tidak ada dalam instrumen kla-2024",
        "baris 4, kolom nilai: poin 'abc' untuk pertanyaan 1.2a bukan angka "
        "(tulis misalnya 2,5 atau 2.5)",
        "baris 5, kolom bukti: 'x' harus bilangan bulat 0 atau lebih",
        "baris 6, kolom kode: kode 1.1 sudah muncul di baris 2",
        "baris 7, kolom nilai: nilai -3 untuk pertanyaan 1.2c tidak boleh negatif",
    ]
    assert len(english.splitlines()) == 6


def test_rows_are_numbered_as_the_spreadsheet_shows_them(
    layak, monkeypatch, template_xlsx: Path, fill_workbook, demo_rows, tmp_path: Path
) -> None:
    rows = [dict(r) for r in demo_rows]
    rows[9]["nilai"] = "99"  # the tenth question, on spreadsheet row 11
    rows[20]["bukti"] = "0.5"
    path = fill_workbook(template_xlsx, tmp_path / "isi.xlsx", rows)
    indonesian, _ = refused(layak, monkeypatch, "score", path)
    assert "baris 11, kolom nilai: nilai 99 melebihi nilai maksimal" in indonesian
    assert "baris 22, kolom bukti: '0.5' harus bilangan bulat" in indonesian


def test_a_missing_column_is_named(layak, monkeypatch, tmp_path: Path) -> None:
    path = write(tmp_path, "kode,nilai,catatan\n1.1,12,\n")
    indonesian, english = refused(layak, monkeypatch, "score", path)
    assert "kolom wajib tidak ada: bukti (kolom yang ada: kode, nilai, catatan)" in indonesian
    assert "required columns are missing: bukti" in english


def test_a_column_given_twice_is_refused(layak, monkeypatch, tmp_path: Path) -> None:
    path = write(tmp_path, "kode,nilai,bukti,Nilai\n1.1,12,1,3\n")
    indonesian, english = refused(layak, monkeypatch, "score", path)
    assert "kolom nilai muncul lebih dari sekali" in indonesian
    assert "column nilai appears more than once" in english


def test_an_empty_file_is_refused(layak, monkeypatch, tmp_path: Path) -> None:
    path = tmp_path / "kosong.csv"
    path.write_bytes(b"")
    indonesian, english = refused(layak, monkeypatch, "score", path)
    assert "berkas kosong" in indonesian
    assert "the file is empty" in english


def test_a_csv_with_only_a_header_is_refused(layak, monkeypatch, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\n,,,\n")
    indonesian, english = refused(layak, monkeypatch, "score", path)
    assert "berkas tidak berisi baris data" in indonesian
    assert "the file holds no data rows" in english


def test_the_unfilled_template_scores_nothing(layak, template_xlsx: Path) -> None:
    # Every row has a kode but neither nilai nor bukti: nothing is answered, the score is 0.
    result = layak("score", template_xlsx, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["total"], data["predicate"], data["answered"]) == (0, None, 0)


def test_a_missing_file_is_refused(layak, monkeypatch, tmp_path: Path) -> None:
    indonesian, english = refused(layak, monkeypatch, "score", tmp_path / "tidak-ada.csv")
    assert "tidak ditemukan" in indonesian
    assert "does not exist" in english


def test_a_folder_is_refused(layak, monkeypatch, tmp_path: Path) -> None:
    indonesian, english = refused(layak, monkeypatch, "score", tmp_path)
    assert "gunakan .xlsx atau .csv" in indonesian
    assert "use .xlsx or .csv" in english


def test_an_unknown_target_predicate_is_refused(layak, monkeypatch, demo_csv: Path) -> None:
    indonesian, english = refused(layak, monkeypatch, "plan-gap", demo_csv, "--target", "Platinum")
    choices = "Pratama, Madya, Nindya, Utama, KLA"
    assert f"predikat 'Platinum' tidak dikenal; pilihan: {choices}" in indonesian
    assert f"predicate 'Platinum' is unknown; choices: {choices}" in english


@pytest.mark.parametrize("command", ["score", "plan-gap", "write-template"])
def test_an_unknown_instrument_is_refused(
    layak, monkeypatch, demo_csv: Path, tmp_path: Path, command: str
) -> None:
    args = {
        "score": ("score", demo_csv),
        "plan-gap": ("plan-gap", demo_csv, "--target", "Utama"),
        "write-template": ("write-template", tmp_path / "t.xlsx"),
    }[command]
    indonesian, english = refused(layak, monkeypatch, *args, "--instrument", "kla-1999")
    assert "instrumen 'kla-1999' tidak dikenal; yang tersedia: kla-2024" in indonesian
    assert "instrument 'kla-1999' is unknown; available: kla-2024" in english
    assert not (tmp_path / "t.xlsx").exists()


def test_the_answer_sheet_is_found_by_name(layak, demo_xlsx: Path, tmp_path: Path) -> None:
    # The answers sheet is found by name even when it is not the first sheet.
    workbook = openpyxl.load_workbook(demo_xlsx)
    workbook.move_sheet("Penilaian", offset=1)
    assert workbook.sheetnames == ["Petunjuk", "Penilaian"]
    workbook.save(tmp_path / "urutan.xlsx")
    result = layak("score", tmp_path / "urutan.xlsx", "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["predicate"] == "Nindya"
