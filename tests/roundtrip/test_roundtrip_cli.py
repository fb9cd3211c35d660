"""`layak jawaban export|import` as the secretariat's operator runs it: exit 0 when the file
was written, applied or can be applied; 2 when anything is refused, and then nothing is saved."""

from __future__ import annotations

import json

import pytest

from layak.evaluation.models import Answer
from tests.roundtrip.roundtrip_support import Book


@pytest.mark.django_db
def test_export_then_a_dry_run_then_the_import(layak, cycle, tmp_path) -> None:
    path = tmp_path / "dinkes.xlsx"
    exported = layak("jawaban", "export", "--siklus", cycle.pk, "--opd", "dinkes", path)
    assert exported.code == 0, exported.err
    assert "Ditulis" in exported.out
    assert path.exists()
    again = layak("jawaban", "export", "--siklus", cycle.pk, "--opd", "Dinkes", path)
    assert again.code == 2
    assert "--force" in again.err

    Book(path).set("12.2", jawaban="41", catatan="Rekap Puskesmas")
    before = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    args = ("jawaban", "import", "--siklus", cycle.pk, "--opd", "Dinkes", "--pengguna", "budi")
    dry = layak(*args, path, "--dry-run", "--json")
    assert dry.code == 0, dry.err
    summary = json.loads(dry.out)
    assert summary["dry_run"] is True
    assert summary["saved"] is False
    assert summary["counts"]["berubah"] == 1
    assert summary["counts"]["ditolak"] == 0
    assert summary["changes"] == [
        {
            "row": Book(path).find("12.2"),
            "kode": "12.2",
            "unit": "",
            "kind": "berubah",
            "before": {
                "jawaban": summary["changes"][0]["before"]["jawaban"],
                "poin_diklaim": "",
                "catatan": before.note,
            },
            "after": {"jawaban": "41", "poin_diklaim": "", "catatan": "Rekap Puskesmas"},
        }
    ]
    assert Answer.objects.get(pk=before.pk).version == before.version

    applied = layak(*args, path)
    assert applied.code == 0, applied.err
    assert "Disimpan." in applied.out
    assert Answer.objects.get(pk=before.pk).value == "41"
    repeated = layak(*args, path, "--json")
    assert repeated.code == 0
    assert json.loads(repeated.out)["saved"] is False
    assert json.loads(repeated.out)["counts"]["berubah"] == 0


@pytest.mark.django_db
def test_a_refused_row_exits_2_with_row_column_and_rule_in_json(layak, cycle, tmp_path) -> None:
    path = tmp_path / "dinkes.xlsx"
    layak("jawaban", "export", "--siklus", cycle.pk, "--opd", "Dinkes", path)
    book = Book(path).set("12.2", jawaban="140")
    before = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    result = layak(
        "jawaban",
        "import",
        "--siklus",
        cycle.pk,
        "--opd",
        "Dinkes",
        "--pengguna",
        "budi",
        path,
        "--json",
    )
    assert result.code == 2
    summary = json.loads(result.out)
    assert summary["saved"] is False
    assert summary["rejected"] == [
        {
            "row": book.find("12.2"),
            "column": "jawaban",
            "kode": "12.2",
            "unit": "",
            "rule": "answer.percentage_range",
            "message": "persentase 140 harus antara 0 dan 100",
        }
    ]
    assert "1 baris ditolak" in result.err
    assert Answer.objects.get(pk=before.pk).version == before.version


@pytest.mark.django_db
def test_unknown_agency_cycle_user_and_a_non_workbook_exit_2(layak, cycle, tmp_path) -> None:
    path = tmp_path / "x.xlsx"
    unknown = layak("jawaban", "export", "--siklus", cycle.pk, "--opd", "Dinas Antah", path)
    assert unknown.code == 2
    assert "OPD 'Dinas Antah' tidak ada" in unknown.err
    assert "Dinkes" in unknown.err
    assert layak("jawaban", "export", "--siklus", 999999, "--opd", "Dinkes", path).code == 2
    path.write_text("kode,jawaban,catatan,versi\n12.2,50,,1\n", encoding="utf-8")
    args = ("jawaban", "import", "--siklus", cycle.pk, "--opd", "Dinkes")
    nobody = layak(*args, "--pengguna", "siapa", path)
    assert nobody.code == 2
    assert "pengguna 'siapa'" in nobody.err
    text = layak(*args, "--pengguna", "budi", path)
    assert text.code == 2
    assert "bukan buku kerja Excel" in text.err


@pytest.mark.django_db
def test_the_summary_writes_budis_decimal_answer_the_readers_way(
    layak, cycle, tmp_path, monkeypatch
) -> None:
    """Budi types 41,5 %; the dry run lists it as 41,5 for an Indonesian reader, 41.5 in
    English, while --json keeps the stored form 41.5 for programs."""
    path = tmp_path / "dinkes.xlsx"
    assert layak("jawaban", "export", "--siklus", cycle.pk, "--opd", "Dinkes", path).code == 0
    Book(path).set("12.2", jawaban="41,5")
    args = ("jawaban", "import", "--siklus", cycle.pk, "--opd", "Dinkes", "--pengguna", "budi")
    monkeypatch.setenv("LAYAK_LANGUAGE", "id")
    indonesian = layak(*args, path, "--dry-run")
    assert indonesian.code == 0, indonesian.err
    assert "→ 41,5" in indonesian.out
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    assert "→ 41.5" in layak(*args, path, "--dry-run").out
    changes = json.loads(layak(*args, path, "--dry-run", "--json").out)["changes"]
    assert changes[0]["after"]["jawaban"] == "41.5"
