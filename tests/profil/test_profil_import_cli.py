"""`layak profil-anak import|show`: the JSON fields, the readable summary, exit statuses, English,
and the progress bar only on a terminal."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from layak.profil.models import ProfilDataset
from tests.profil.profil_import_support import YEAR

pytestmark = pytest.mark.django_db

JSON_FIELDS = {
    "rows_read",
    "rows_valid",
    "rows_rejected",
    "adults",
    "children",
    "rejections",
    "saved",
}


def test_import_json_has_exactly_the_summary_fields(
    world: Any, layak: Callable[..., Any], clean_extract: Path
) -> None:
    run = layak(
        "profil-anak", "import", clean_extract, "--tahun", YEAR, "--wilayah", "18.72", "--json"
    )
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert set(data) == JSON_FIELDS
    assert data == {
        "rows_read": 5,
        "rows_valid": 5,
        "rows_rejected": 0,
        "adults": 1,
        "children": 4,
        "rejections": {},
        "saved": True,
    }
    assert run.err == ""  # no progress bar when stderr is not a terminal
    assert ProfilDataset.objects.filter(year=YEAR, is_current=True).count() == 1


def test_a_refused_import_exits_non_zero_and_saves_nothing(
    world: Any, layak: Callable[..., Any], dirty_extract: Path
) -> None:
    before = ProfilDataset.objects.count()
    run = layak(
        "profil-anak", "import", dirty_extract, "--tahun", YEAR, "--wilayah", "18.72", "--json"
    )
    assert run.code == 2
    data = json.loads(run.out)
    assert data["saved"] is False
    assert data["rows_rejected"] == 4
    assert data["rejections"] == {
        "sex_unknown": 1,
        "nik_duplicate": 1,
        "date_future": 1,
        "code_outside": 1,
    }
    assert "impor ditolak: 4 dari 9 baris melanggar aturan" in run.err
    assert "--skip-invalid" in run.err
    assert ProfilDataset.objects.count() == before


def test_the_readable_summary_lists_rejected_rows_by_number_and_rule(
    world: Any, layak: Callable[..., Any], dirty_extract: Path
) -> None:
    run = layak(
        "profil-anak",
        "import",
        dirty_extract,
        "--tahun",
        YEAR,
        "--wilayah",
        "18.72",
        "--skip-invalid",
    )
    assert run.code == 0, run.err
    assert "Baris dibaca" in run.out
    assert "Anak 0–17 tahun" in run.out
    assert "NIK ganda (nik_duplicate)" in run.out
    assert "baris 8: kolom nik: NIK yang sama sudah ada di baris 2 [nik_duplicate]" in run.out
    assert "baris 10: kolom kode_wilayah" in run.out
    assert "Disimpan: data Profil Anak Kota Metro 2024 yang berlaku sekarang" in run.out
    for n in range(1, 9):  # the NIKs are never shown
        assert str(3172010101080001 + n) not in run.out


def test_dry_run_and_the_same_file_again(
    world: Any, layak: Callable[..., Any], aggregate_table: Path
) -> None:
    args = ("profil-anak", "import", aggregate_table, "--tahun", YEAR, "--wilayah", "18.72")
    dry = layak(*args, "--dry-run", "--json")
    assert dry.code == 0
    assert json.loads(dry.out)["saved"] is False
    assert not ProfilDataset.objects.filter(year=YEAR).exists()
    assert "tidak ada yang disimpan" in layak(*args, "--dry-run").out
    assert layak(*args).code == 0
    again = layak(*args)
    assert again.code == 0
    assert "Berkas yang sama sudah menjadi data Profil Anak Kota Metro 2024" in again.out
    assert ProfilDataset.objects.filter(year=YEAR).count() == 1


def test_english_when_the_locale_asks(
    world: Any,
    layak: Callable[..., Any],
    dirty_extract: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    run = layak("profil-anak", "import", dirty_extract, "--tahun", YEAR, "--wilayah", "18.72")
    assert run.code == 2
    assert "Rows read" in run.out
    assert "row 7: column jenis_kelamin: use L/P or LAKI-LAKI/PEREMPUAN [sex_unknown]" in run.out
    assert "Error: import refused: 4 of 9 rows break a rule; nothing was saved" in run.err
    show = layak("profil-anak", "show", "--tahun", 2025, "--wilayah", "18.72")
    assert "Children aged 0–17:" in show.out
    assert "Birth certificates:" in show.out


def test_file_and_argument_refusals_exit_2_with_a_message(
    world: Any, layak: Callable[..., Any], write_csv: Callable[..., Path], tmp_path: Path
) -> None:
    other = write_csv([("Metro Pusat", "412")], header=["kecamatan", "bayi"])
    run = layak("profil-anak", "import", other, "--tahun", YEAR, "--wilayah", "18.72")
    assert run.code == 2
    assert "Galat: susunan kolom tidak dikenali" in run.err
    missing = layak(
        "profil-anak", "import", tmp_path / "tidak-ada.csv", "--tahun", YEAR, "--wilayah", "18.72"
    )
    assert missing.code == 2
    assert "tidak ditemukan" in missing.err
    region = layak("profil-anak", "import", other, "--tahun", YEAR, "--wilayah", "18.99")
    assert region.code == 2
    assert "kabupaten/kota '18.99' tidak dikenal" in region.err
    year = layak("profil-anak", "import", other, "--tahun", 2999, "--wilayah", "18.72")
    assert year.code == 2
    assert "tahun 2999 harus antara 2000" in year.err


def test_show_json_has_the_profile_fields(world: Any, layak: Callable[..., Any]) -> None:
    run = layak("profil-anak", "show", "--tahun", 2025, "--wilayah", "18.72", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    for field in (
        "children",
        "by_sex",
        "by_age_group",
        "akta_coverage",
        "kia_coverage",
        "by_kecamatan",
        "by_kelurahan",
    ):
        assert field in data
    assert len(data["by_kecamatan"]) == 5
    assert len(data["by_kelurahan"]) == 22
    assert set(data["by_kelurahan"][0]) >= {
        "children",
        "by_sex",
        "by_age_group",
        "akta_coverage",
        "kia_coverage",
    }
    assert data["children"] == sum(k["children"] for k in data["by_kecamatan"])


def test_show_tables_have_headers_and_a_total(world: Any, layak: Callable[..., Any]) -> None:
    """Every table `show` prints is headed by its columns and ends with a total that adds up
    its rows (Metro's 60.975 children in each way of counting them)."""
    run = layak("profil-anak", "show", "--tahun", 2025, "--wilayah", "18.72")
    assert run.code == 0, run.err
    data = json.loads(
        layak("profil-anak", "show", "--tahun", 2025, "--wilayah", "18.72", "--json").out
    )
    lines = run.out.splitlines()

    def table(heading: str) -> list[list[str]]:
        start = next(i for i, line in enumerate(lines) if line.startswith(heading)) + 1
        rows = []
        for line in lines[start:]:
            if not line.strip():
                break
            rows.append(line.split())
        return rows

    def whole(text: str) -> int:
        return int(text.replace(".", ""))

    children = data["children"]
    kecamatan = table("Per kecamatan:")
    assert kecamatan[0][:3] == ["Kode", "Nama", "Anak"]
    assert set(kecamatan[-2][0]) == {"-"}
    total = kecamatan[-1]
    assert total[0] == "Jumlah"
    assert whole(total[1]) == children == sum(whole(r[-5]) for r in kecamatan[1:-2])
    assert whole(total[2]) + whole(total[3]) == children
    assert table("Per kelurahan/desa:")[-1][:2] == ["Jumlah", total[1]]
    ages = table("  Umur")
    assert ages[-1][0] == "Jumlah"
    assert whole(ages[-1][-1]) == children
    disabilities = table("Anak dengan disabilitas:")
    assert disabilities[0][-3:] == ["L", "P", "Jumlah"]
    assert disabilities[-1][0] == "Jumlah"
    assert whole(disabilities[-1][-1]) == sum(d["total"] for d in data["disabilities"])
    assert whole(disabilities[-1][-1]) == sum(whole(r[-1]) for r in disabilities[1:-2])


def test_show_a_year_without_data(world: Any, layak: Callable[..., Any]) -> None:
    run = layak("profil-anak", "show", "--tahun", 2019, "--wilayah", "18.72")
    assert run.code == 2
    assert "belum ada data Profil Anak Kota Metro tahun 2019" in run.err


def test_the_progress_bar_draws_each_whole_percent_once() -> None:
    from importlib import import_module

    command = import_module("layak.cli.management.commands.profil-anak")
    stream = io.StringIO()
    bar = command.ProgressBar(stream, width=10)
    for fraction in (0.0, 0.001, 0.5, 0.504, 1.0):
        bar(fraction)
    bar.close()
    drawn = stream.getvalue().split("\r")
    assert drawn[1:4] == ["[----------]   0%", "[#####-----]  50%", "[##########] 100%"]


def test_a_terminal_gets_a_progress_bar_on_stderr(
    world: Any,
    layak: Callable[..., Any],
    clean_extract: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    run = layak(
        "profil-anak", "import", clean_extract, "--tahun", YEAR, "--wilayah", "18.72", "--json"
    )
    assert run.code == 0
    assert "] 100%" in run.err
    assert json.loads(run.out)["saved"] is True  # stdout stays clean JSON


def test_an_import_prepares_what_may_be_published_and_audit_recomputes_it(
    world: Any, layak: Callable[..., Any], clean_extract: Path
) -> None:
    """4 children in the whole city: all of them are small cells. The import runs the
    disclosure step at once; `audit --tepat` shows every withheld cell's exact range."""
    run = layak("profil-anak", "import", clean_extract, "--tahun", YEAR, "--wilayah", "18.72")
    assert run.code == 0, run.err
    dataset = ProfilDataset.objects.get(year=YEAR, is_current=True)
    assert dataset.disclosure["passed"] is True
    assert dataset.disclosure["hidden"]
    run = layak("profil-anak", "audit", "--tahun", YEAR, "--wilayah", "18.72", "--tepat", "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["exact"]["passed"] is True
    for *_key, low, high in data["exact"]["ranges"]:
        assert high is None or high - low + 1 >= data["width"]
    text = layak("profil-anak", "audit", "--tahun", YEAR, "--wilayah", "18.72").out
    assert "Pemeriksaan: lulus" in text
