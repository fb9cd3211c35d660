"""`layak instrument`: list, show, check, import a regional sheet, and use what was imported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from layak.core.loader import load_builtin

COLUMNS = ["bagian", "indikator", "pertanyaan", "uraian", "nilai_maks", "sumber_data"]
FORMULA_TEXT = '=HYPERLINK("http://contoh.invalid","Perda KLA")'
REGIONAL = [
    ["Kelembagaan", "Indikator 1", "Pertanyaan 1", FORMULA_TEXT, 10, "Bappeda, DP3A"],
    ["Kelembagaan", "Indikator 1", "Pertanyaan 2", "Apakah ada gugus tugas KLA?", 5, "DP3A"],
    ["Klaster I", "Indikator 2", "Pertanyaan 1", "Akta kelahiran anak", 20, "Disdukcapil"],
    ["Klaster I", "Indikator 2", "Pertanyaan 2 a", "Forum anak kecamatan", 7.5, "DP3A; Camat"],
    ["Klaster III", "Indikator 15", "Pertanyaan 1", "+62 layanan pengaduan", 2.5, "Dinkes"],
]
CODES = ["1.1", "1.2", "2.1", "2.2a", "15.1"]


def regional_sheet(path: Path, rows: list[list[object]]) -> Path:
    """A region's spreadsheet; text that looks like a formula is stored as text, as Excel does
    when a cell is formatted as text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Rekap 2025"
    sheet.append(["Instrumen evaluasi KLA 2025 (uji)"])
    sheet.append(COLUMNS)
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    workbook.save(path)
    return path


@pytest.fixture
def imported(layak, tmp_path: Path) -> Path:
    source = regional_sheet(tmp_path / "rekap-2025.xlsx", REGIONAL)
    out = tmp_path / "kla-uji.json"
    result = layak("instrument", "import", source, "--id", "kla-uji", "--year", 2025, "--out", out)
    assert result.code == 0, result.err
    assert "kla-uji: 3 bagian, 3 indikator, 5 pertanyaan, nilai maksimal 45" in result.out
    return out


def test_import_writes_an_instrument_that_check_accepts(layak, imported: Path) -> None:
    data = json.loads(imported.read_text(encoding="utf-8"))
    assert (data["format"], data["id"], data["year"]) == ("layak-instrument/1", "kla-uji", 2025)
    questions = [q for p in data["parts"] for i in p["indicators"] for q in i["questions"]]
    assert [q["code"] for q in questions] == CODES
    assert [q["max"] for q in questions] == [10, 5, 20, 7.5, 2.5]
    assert questions[3]["agencies"] == ["DP3A", "Camat"]
    assert questions[1]["kind"] == "ya_tidak"  # "Apakah …" questions are yes/no
    assert [p["code"] for p in data["parts"]] == ["KL", "K1", "K3"]
    result = layak("instrument", "check", imported)
    assert result.code == 0, result.err
    assert "Berkas instrumen sah." in result.out


def test_score_uses_the_imported_instrument(layak, imported: Path, tmp_path: Path) -> None:
    answers = tmp_path / "jawaban.csv"
    answers.write_text(
        "kode,nilai,bukti\n1.1,10,1\n1.2,5,0\n2.1,12.5,2\n2.2a,7.5,1\n15.1,1,1\n",
        encoding="utf-8",
    )
    result = layak("score", answers, "--instrument", imported, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["instrument"] == "kla-uji"
    assert data["max_total"] == 45
    assert data["total"] == 36
    assert data["projected_verified_total"] == 31  # 1.2 has no evidence
    assert data["points_at_risk"] == 5
    assert [(p["code"], p["score"], p["max"]) for p in data["parts"]] == [
        ("KL", 15, 15),
        ("K1", 20, 27.5),
        ("K3", 1, 2.5),
    ]
    # A kla-2024 code is unknown to the imported instrument.
    answers.write_text("kode,nilai,bukti\n1.2a,1,1\n", encoding="utf-8")
    refused = layak("score", answers, "--instrument", imported)
    assert refused.code == 2
    assert "kode '1.2a' tidak ada dalam instrumen kla-uji" in refused.err


def test_text_that_a_spreadsheet_would_run_is_neutralised_on_export(
    layak, imported: Path, tmp_path: Path
) -> None:
    template = tmp_path / "penilaian.xlsx"
    assert layak("write-template", template, "--instrument", imported).code == 0
    sheet = openpyxl.load_workbook(template)["Penilaian"]
    uraian = {sheet.cell(r, 1).value: sheet.cell(r, 4) for r in range(2, sheet.max_row + 1)}
    assert uraian["1.1"].value == "'" + FORMULA_TEXT
    assert uraian["1.1"].data_type == "s"  # text, not a formula
    assert uraian["15.1"].value == "'+62 layanan pengaduan"
    assert uraian["2.1"].value == "Akta kelahiran anak"
    efforts = tmp_path / "upaya.csv"
    assert layak("instrument", "export-efforts", efforts, "--instrument", imported).code == 0
    with efforts.open(encoding="utf-8", newline="") as fh:
        labels = {r["kode"]: r["uraian"] for r in csv.DictReader(fh)}
    assert labels["1.1"].startswith("'=")
    assert labels["15.1"].startswith("'+")


def test_a_negative_maximum_is_refused_and_nothing_is_written(
    layak, monkeypatch, tmp_path: Path
) -> None:
    rows = [*REGIONAL[:2], ["Klaster I", "Indikator 2", "Pertanyaan 1", "Akta", -3, "X"]]
    source = regional_sheet(tmp_path / "rekap.xlsx", rows)
    out = tmp_path / "hasil.json"
    args = ("instrument", "import", source, "--id", "x", "--year", 2025, "--out", out)
    result = layak(*args)
    assert result.code == 2
    assert "baris 5, kolom nilai_maks" in result.err  # title row, header, then rows 3–5
    assert "-3" in result.err
    assert not out.exists()
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    result = layak(*args)
    assert result.code == 2
    assert "row 5, column nilai_maks" in result.err
    assert not out.exists()


def test_an_import_reports_every_bad_row(layak, tmp_path: Path) -> None:
    rows = [
        ["", "Indikator 3", "Pertanyaan 1", "tanpa bagian di atasnya", 3, "X"],
        *REGIONAL,
        ["Klaster I", "Indikator 2", "Pertanyaan 1", "lagi", 3, "X"],
        ["Klaster I", "Indikator 3", "Pertanyaan 2", "maks teks", "banyak", "X"],
    ]
    source = regional_sheet(tmp_path / "rekap.xlsx", rows)
    out = tmp_path / "hasil.json"
    result = layak("instrument", "import", source, "--id", "x", "--year", 2025, "--out", out)
    assert result.code == 2
    assert result.err.splitlines() == [
        "Galat:",
        "lembar Rekap 2025, baris 3, kolom bagian: wajib diisi",
        "lembar Rekap 2025, baris 9, kolom pertanyaan: kode 2.1 sudah muncul di baris 6",
        "lembar Rekap 2025, baris 10, kolom nilai_maks: 'banyak' bukan nilai maksimal yang sah "
        "(angka 0 atau lebih)",
    ]
    assert not out.exists()


def test_check_refuses_a_broken_instrument_file(layak, imported: Path, tmp_path: Path) -> None:
    data = json.loads(imported.read_text(encoding="utf-8"))
    data["bands"][1]["min"] = 550  # overlaps Pratama 500–600
    data["parts"][0]["indicators"][0]["questions"][1]["code"] = "1.1"
    broken = tmp_path / "rusak.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = layak("instrument", "check", broken)
    assert result.code == 2
    assert "kode pertanyaan 1.1 dipakai lebih dari sekali" in result.err
    assert "tumpang tindih" in result.err
    not_json = tmp_path / "bukan.json"
    not_json.write_text("{ bukan json", encoding="utf-8")
    result = layak("instrument", "check", not_json)
    assert result.code == 2
    assert "berkas instrumen tidak dapat dibaca" in result.err


def test_show_lists_parts_bands_and_warnings(layak, monkeypatch) -> None:
    kla = load_builtin("kla-2024")
    assert kla.warnings
    result = layak("instrument", "show", "kla-2024")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("kla-2024 — ")
    assert "Predikat: Pratama 500–600, Madya 601–700, Nindya 701–800, Utama 801–900" in result.out
    warnings = lines[lines.index("Peringatan:") + 1 :]
    assert warnings == [f"  - {w.render('id')}" for w in kla.warnings]
    assert any("K1" in w and "150" in w and "115" in w for w in warnings)
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    result = layak("instrument", "show", "kla-2024")
    assert "Warnings:" in result.out
    assert f"  - {kla.warnings[0].render('en')}" in result.out


def test_show_json_and_list(layak) -> None:
    data = json.loads(layak("instrument", "show", "kla-2024", "--json").out)
    assert data["id"] == "kla-2024"
    assert sum(len(i["questions"]) for p in data["parts"] for i in p["indicators"]) == 274
    listed = layak("instrument", "list").out.splitlines()
    assert listed[0].split("\t")[:2] == ["kla-2024", "2024"]
