"""The real `layak` console script in a subprocess: a few end-to-end checks (each costs ~1 s)."""

from __future__ import annotations

import json
import re
from pathlib import Path

OURS = ("run-demo", "plan-gap", "instrument", "score", "write-template")


def test_help_lists_every_command_with_one_line(layak_script) -> None:
    result = layak_script("--help")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    ours, django = text.split("Perintah Django:")
    assert "Perintah Layak:" in ours
    described = dict(re.findall(r"^  (\S+) +(\S.*)$", text, flags=re.MULTILINE))
    for name in OURS:
        assert name in described, name
        assert len(described[name]) > 20, name  # a real sentence, not a stub
        assert f"  {name} " in ours
    assert described["score"].startswith("Hitung nilai, predikat")
    for name in ("migrate", "check", "createsuperuser"):
        assert f"  {name} " in django
    assert "  migrate " not in ours


def test_exit_statuses_and_output_streams(layak_script, demo_csv: Path, tmp_path: Path) -> None:
    good = layak_script("score", demo_csv, "--json")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["predicate"] == "Nindya"
    bad = tmp_path / "jawaban.csv"
    bad.write_text("kode,nilai,bukti\n1.1,99,1\n", encoding="utf-8")
    refused = layak_script("score", bad)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr == (
        "Galat: baris 2, kolom nilai: nilai 99 melebihi nilai maksimal pertanyaan 1.1, yaitu 12\n"
    )


def test_english_follows_the_locale_when_layak_language_is_unset(
    layak_script, tmp_path: Path
) -> None:
    bad = tmp_path / "jawaban.csv"
    bad.write_text("kode,nilai,bukti\n1.1,-1,1\n", encoding="utf-8")
    refused = layak_script(
        "score", bad, LAYAK_LANGUAGE="", LC_ALL="", LC_MESSAGES="", LANG="en_US.UTF-8"
    )
    assert refused.returncode == 2
    assert refused.stderr == (
        "Error: row 2, column nilai: points -1 for question 1.1 must not be negative\n"
    )
