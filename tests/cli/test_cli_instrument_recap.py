"""`layak instrument import` on a recap in the shape the province sends it.

Sari, the task force's secretariat in Kota Metro, receives the national recap as a workbook: a
cover sheet, one sheet per klaster, a header over two rows ("Untuk Semua" above "Kecamatan" and
"Desa/Kelurahan"), a row of column numbers, each indicator merged over its questions with its
maximum on its heading row, and a "Jumlah" row per sheet. The tests build that workbook from the
real 2024 recap (../shared/data) and import it with kla-2024 as the base.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from layak.core.loader import load_builtin

RECAP = Path(__file__).resolve().parents[3] / "shared" / "data" / "instrumen-kla-2024.json"
LONG_NAMES = {
    "KELEMBAGAAN": "Kelembagaan",
    "KLASTER I": "KLASTER I: HAK SIPIL DAN KEBEBASAN",
    "KLASTER II": "Klaster II — Lingkungan Keluarga dan Pengasuhan Alternatif",
    "KLASTER III": "KLASTER III",
    "KLASTER IV": "Klaster-IV",
    "KLASTER V": "Klaster V Perlindungan Khusus",
    "KELANA DEKELA": "Penyelenggaraan KLA di Kecamatan dan Desa/Kelurahan",
}


def real_recap() -> dict[str, Any]:
    if not RECAP.is_file():
        pytest.skip(f"the real 2024 recap {RECAP} is not on this machine")
    data: dict[str, Any] = json.loads(RECAP.read_text(encoding="utf-8"))
    return data


def province_workbook(
    path: Path, recap: dict[str, Any], indicator_19: float | None = None, marks: bool = True
) -> Path:
    """The recap as the province lays it out (see the module's docstring)."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Sampul"
    cover.append(["REKAPITULASI EVALUASI KABUPATEN/KOTA LAYAK ANAK 2025"])
    cover.append(["Kota Metro, Provinsi Lampung"])
    for raw_part in recap["parts"]:
        sheet = book.create_sheet(raw_part["name"])
        sheet.append(["INSTRUMEN EVALUASI KLA 2025"])
        sheet.append([LONG_NAMES[raw_part["name"]]])
        sheet.append(["No", "Indikator", "Pertanyaan", "Uraian Pertanyaan", "Nilai Max"])
        sheet["F3"], sheet["G3"] = "Sumber Data", "Untuk Semua"
        sheet.append([None] * 6 + ["Kecamatan", "Desa/Kelurahan"])
        for column in "ABCDEF":
            sheet.merge_cells(f"{column}3:{column}4")
        sheet.merge_cells("G3:H3")
        sheet.append(list(range(1, 9)))
        for number, raw_indicator in enumerate(raw_part["indicators"], start=1):
            stated = raw_indicator["max_points"]
            if raw_indicator["code"] == "Indikator 19" and indicator_19 is not None:
                stated = indicator_19
            code = raw_indicator["code"].replace("Indikator", "IND.").replace(" A", ".A")
            sheet.append([number, code, None, raw_indicator["name"], stated])
            heading = sheet.max_row
            for raw in raw_indicator["questions"]:
                question = raw["code"].replace("Pertanyaan ", "")
                sheet.append(
                    [
                        None,
                        None,
                        question,
                        raw["text"],
                        raw["max_points"],
                        ", ".join(raw["source_agencies"]),
                        "√" if marks and raw["per_kecamatan"] else None,
                        "√" if marks and raw["per_desa_kelurahan"] else None,
                    ]
                )
            sheet.merge_cells(f"B{heading}:B{sheet.max_row}")
        sheet.append([None, "Jumlah", None, None, raw_part["max_points"]])
    book.save(path)
    return path


def test_the_provinces_recap_imports_with_every_code_flag_and_stated_maximum(
    layak, tmp_path: Path
) -> None:
    source = province_workbook(tmp_path / "rekap-2025.xlsx", real_recap())
    out = tmp_path / "kla-2025.json"
    args = ("instrument", "import", source, "--id", "kla-2025", "--year", 2025)
    result = layak(*args, "--base", "kla-2024", "--out", out)
    assert result.code == 0, result.err
    kla = load_builtin("kla-2024")
    lines = result.out.splitlines()
    assert lines[0] == "kla-2025: 7 bagian, 31 indikator, 274 pertanyaan, nilai maksimal 1.004"
    assert lines[1].startswith("lembar yang dibaca: KELEMBAGAAN, KLASTER I, KLASTER II,")
    assert lines[2] == "lembar yang dilewati (tanpa tabel pertanyaan): Sampul"
    # The stated maxima from the heading and "Jumlah" rows are kla-2024's: so are its warnings.
    warnings = lines[lines.index("Peringatan:") + 1 : -1]
    assert warnings == [f"  - {w.render('id')}" for w in kla.warnings]
    data = json.loads(out.read_text(encoding="utf-8"))
    questions = [q for p in data["parts"] for i in p["indicators"] for q in i["questions"]]
    assert [q["code"] for q in questions] == [q.code for q in kla.questions]
    for new, old in zip(questions, kla.questions, strict=True):
        assert (new["per_kecamatan"], new["per_desa_kelurahan"], new["kind"]) == (
            old.per_kecamatan,
            old.per_desa_kelurahan,
            old.kind.value,
        ), old.code
    assert [p["code"] for p in data["parts"]] == ["KL", "K1", "K2", "K3", "K4", "K5", "KD"]
    first = questions[0]
    assert first["text"].startswith("Apakah tersedia peraturan daerah")
    assert first["agencies"] == ["JDIH", "Bagian Hukum", "DPPPAPPKB"]
    names = {i["code"]: i["name"] for p in data["parts"] for i in p["indicators"]}
    assert names["1"] == "Peraturan/Kebijakan Daerah tentang Kabupaten/Kota Layak Anak"


def test_indicator_19_stated_below_its_questions_is_reported_and_kept(
    layak, tmp_path: Path
) -> None:
    """The real recap's indicator 19 shows 39.6 on its heading row; its questions add up to
    54 in the 2024 structure (42.6 in the scored recap): the import says so and keeps it."""
    source = province_workbook(tmp_path / "rekap.xlsx", real_recap(), indicator_19=39.6)
    out = tmp_path / "kla-2025.json"
    args = ("instrument", "import", source, "--id", "kla-2025", "--year", 2025, "--out", out)
    result = layak(*args)
    assert result.code == 0, result.err
    expected = "indikator 19: nilai maksimal tertulis 39,6 tetapi jumlah nilai maksimal"
    assert f"  - {expected} pertanyaannya 54" in result.out
    data = json.loads(out.read_text(encoding="utf-8"))
    nineteen = next(i for p in data["parts"] for i in p["indicators"] if i["code"] == "19")
    assert nineteen["max"] == 39.6
    check = layak("instrument", "check", out)
    assert check.code == 0, check.err
    assert expected in check.out


def test_an_import_that_loses_what_the_base_had_names_the_questions_and_still_writes(
    layak, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The province's clerk left the "Untuk Semua" columns empty this year."""
    source = province_workbook(tmp_path / "rekap.xlsx", real_recap(), marks=False)
    out = tmp_path / "kla-2025.json"
    args = ("instrument", "import", source, "--id", "kla-2025", "--year", 2025, "--out", out)
    result = layak(*args, "--base", "kla-2024")
    assert result.code == 0, result.err
    kla = load_builtin("kla-2024")
    kecamatan = ", ".join(q.code for q in kla.questions if q.per_kecamatan)
    desa = ", ".join(q.code for q in kla.questions if q.per_desa_kelurahan)
    assert f"  - di kla-2024 dijawab setiap kecamatan, dalam impor tidak: {kecamatan}" in result.out
    assert f"  - di kla-2024 dijawab setiap desa/kelurahan, dalam impor tidak: {desa}" in result.out
    assert out.exists()
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    result = layak(*args, "--base", "kla-2024")
    assert result.code == 0, result.err
    assert (
        f"  - answered by every kecamatan in kla-2024, not in the import: {kecamatan}" in result.out
    )
    assert result.out.splitlines()[-1] == f"Wrote {out}."


def test_a_base_that_matches_nothing_refuses_the_import_and_writes_nothing(
    layak, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Rekap"
    book.active.append(["Klaster", "Kode Indikator", "Kode Pertanyaan", "Nilai Maksimal"])
    book.active.append(["Kelembagaan", "I-1", "1", 12])  # codes that no kla-2024 code matches
    book.save(tmp_path / "rekap.xlsx")
    out = tmp_path / "hasil.json"
    args = ("instrument", "import", tmp_path / "rekap.xlsx", "--id", "x", "--year", 2025)
    result = layak(*args, "--base", "kla-2024", "--out", out)
    assert result.code == 2
    assert result.err == (
        "Galat: tidak satu pun kode pertanyaan yang diimpor ada di instrumen dasar kla-2024 "
        "(mis. I1.1); periksa kolom indikator dan pertanyaan, atau impor tanpa --base\n"
    )
    assert not out.exists()
    assert layak(*args, "--out", out).code == 0  # without the base it imports


def test_a_bad_cell_on_a_klaster_sheet_is_named_by_sheet_row_and_column(
    layak, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sampul"
    header = ["Indikator", "Pertanyaan", "Uraian", "Nilai Max", "Jenis", "Arah", "Ambang"]
    first = book.create_sheet("KLASTER III")
    first.append(header)
    first.append(
        ["Indikator 13", "1", "Prevalensi gizi kurang", "3", "persentase", "turun", "14:1"]
    )
    second = book.create_sheet("KLASTER IV")
    second.append(header)
    second.append(["Indikator 18", "1", "Angka partisipasi", "6", "persentase", "naik", "90:1,5"])
    book.save(tmp_path / "rekap.xlsx")
    out = tmp_path / "hasil.json"
    args = ("instrument", "import", tmp_path / "rekap.xlsx", "--id", "x", "--year", 2025)
    result = layak(*args, "--out", out)
    assert result.code == 2
    assert result.err.startswith(
        "Galat:\nlembar KLASTER IV, baris 2, kolom ambang: ambang '90:1,5' tidak terbaca"
    )
    assert not out.exists()
