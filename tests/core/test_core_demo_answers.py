"""The Kota Metro demo answers are what scripts/build_demo_answers.py builds (so `make
instrument` reproduces them), and every row is an answer the one answer rule gives: the value
chosen proposes the points, the points claimed stay within the maximum, partial points on
yes/no questions as the real recaps grant them, and the public facts the demo keeps."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from layak.core.answers import claim_answer, claim_from_units, parse_number
from layak.core.instrument import AnswerKind, Instrument
from layak.core.loader import load_builtin

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "layak" / "demo" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DEMO / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def kla() -> Instrument:
    return load_builtin("kla-2024")


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_demo", REPO / "scripts/build_demo_answers.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_build_script_writes_the_shipped_files(builder: ModuleType, tmp_path: Path) -> None:
    summary = builder.build(tmp_path)
    assert "Nindya" in summary
    for name in ("kota-metro-2024.csv", "kota-metro-2024-unit.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (DEMO / name).read_text(
            encoding="utf-8"
        ), name


def test_every_answer_is_what_the_answer_rule_gives(kla: Instrument) -> None:
    units = {}
    for row in _rows("kota-metro-2024-unit.csv"):
        units.setdefault(row["kode"], []).append(row["jawaban"])
    for row in _rows("kota-metro-2024.csv"):
        if not row["nilai"]:
            continue
        question = kla.question(row["kode"])
        if question.per_unit:
            answers = units[question.code]
            assert len(answers) == (5 if question.per_kecamatan else 22)
            claim = claim_from_units(question, round(100 * answers.count("ya") / len(answers), 2))
            assert row["jawaban"] == "", question.code  # the units' answers, not the city's
        else:
            claim = claim_answer(question, row["jawaban"], row["nilai"])
            assert claim.value == row["jawaban"], question.code
        assert claim.points == pytest.approx(float(row["nilai"]), abs=1e-4), question.code


def test_yes_no_questions_get_partial_points_as_real_recaps_do(kla: Instrument) -> None:
    partial = {
        row["kode"]: float(row["nilai"]) / kla.question(row["kode"]).max_points
        for row in _rows("kota-metro-2024.csv")
        if row["nilai"] and kla.question(row["kode"]).kind is AnswerKind.YES_NO
        if not kla.question(row["kode"]).per_unit  # a share of units, not a granted fraction
        if 0 < float(row["nilai"]) < kla.question(row["kode"]).max_points
    }
    assert len(partial) >= 20
    assert {round(f, 2) for f in partial.values()} == {0.25, 0.5, 0.66, 0.75}


def test_the_public_facts_the_demo_keeps() -> None:
    rows = {row["kode"]: row for row in _rows("kota-metro-2024.csv")}
    # Only 2 of Kota Metro's 11 puskesmas had a PRAP decree in 2025: 15.1 is not full.
    assert rows["15.1"]["jawaban"] == f"{round(100 * 2 / 11, 2):g}"
    assert float(rows["15.1"]["nilai"]) < 3
    # Stunting is present in kecamatan and kelurahan.
    assert parse_number(rows["25.7d"]["jawaban"]) == 100  # answered by Dinkes, not per unit
    assert (parse_number(rows["26.8d"]["jawaban"]) or 0) > 0
    # A draft is a row with a note, and nothing the verifier decided is a draft.
    verified = {row["kode"] for row in _rows("kota-metro-verifikasi.csv")}
    assert verified
    assert not [code for code in verified if rows[code]["catatan"] or not rows[code]["nilai"]]
