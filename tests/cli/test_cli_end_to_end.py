"""The Kota Metro demo from end to end: template → filled workbook → score and gap plan.

The figures are compared with the core (`score`, `plan_gap`) on the same answers, read here from
the demo CSV without the command line's reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from layak.core.answers import Answer
from layak.core.gap import plan_gap
from layak.core.loader import load_builtin
from layak.core.scoring import score

HEADER = [
    "kode",
    "bagian",
    "indikator",
    "uraian",
    "nilai_maks",
    "sumber_data",
    "nilai",
    "bukti",
    "catatan",
]
SCORE_KEYS = {
    "instrument",
    "total",
    "max_total",
    "predicate",
    "next_predicate",
    "points_to_next",
    "projected_verified_total",
    "projected_predicate",
    "points_at_risk",
    "parts",
    "warnings",
}
GAP_KEYS = {
    "target",
    "target_points",
    "current",
    "needed",
    "reachable",
    "items",
    "total_gain",
    "total_effort",
}
ITEM_KEYS = {"kode", "action", "gain", "effort", "new_points"}


@pytest.fixture(scope="module")
def kla():
    return load_builtin("kla-2024")


@pytest.fixture
def demo_answers(demo_rows) -> dict[str, Answer]:
    return {
        r["kode"]: Answer(float(r["nilai"] or 0), int(r["bukti"] or 0), r["catatan"])
        for r in demo_rows
        if r["nilai"] or r["bukti"]
    }


def test_template_writes_the_workbook_to_fill_in(layak, kla, tmp_path: Path) -> None:
    path = tmp_path / "penilaian.xlsx"
    result = layak("write-template", "--instrument", "kla-2024", path)
    assert result.code == 0, result.err
    assert "274" in result.out
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[0] == "Penilaian"
    assert "Petunjuk" in workbook.sheetnames
    sheet = workbook["Penilaian"]
    assert [c.value for c in sheet[1]] == HEADER
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 274 == len(kla.questions)
    assert [r[0] for r in rows] == [q.code for q in kla.questions]
    assert [r[4] for r in rows] == [q.max_points for q in kla.questions]
    assert all(r[6] is None and r[7] is None and r[8] is None for r in rows)
    assert sheet.freeze_panes == "B2"  # header row (and the code column) stay in view
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["G2:G275"].type == "decimal"  # nilai: 0 … nilai_maks of the row
    assert (rules["G2:G275"].formula1, rules["G2:G275"].formula2) == ("0", "E2")
    assert rules["H2:H275"].type == "whole"  # bukti: a count of documents
    assert rules["H2:H275"].operator == "greaterThanOrEqual"
    guide = {r[0]: r[1] for r in workbook["Petunjuk"].iter_rows(values_only=True) if r[0]}
    assert guide["Instrumen"] == "kla-2024"


def test_template_does_not_overwrite_without_force(layak, tmp_path: Path) -> None:
    path = tmp_path / "ada.xlsx"
    path.write_bytes(b"keep me")
    refused = layak("write-template", path)
    assert refused.code == 2
    assert "--force" in refused.err
    assert path.read_bytes() == b"keep me"
    assert layak("write-template", path, "--force").code == 0
    assert openpyxl.load_workbook(path, read_only=True).sheetnames[0] == "Penilaian"


def test_template_into_a_missing_folder_is_refused(layak, tmp_path: Path) -> None:
    result = layak("write-template", tmp_path / "tidak-ada" / "t.xlsx")
    assert result.code == 2
    assert "tidak dapat ditulis" in result.err


def test_score_json_of_the_filled_workbook_equals_the_core(
    layak, kla, demo_answers, demo_xlsx: Path
) -> None:
    result = layak("score", demo_xlsx, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) >= SCORE_KEYS
    card = score(kla, demo_answers)
    assert data["instrument"] == "kla-2024"
    assert data["predicate"] == "Nindya"
    assert data["projected_predicate"] == "Nindya"
    for key in ("total", "max_total", "projected_verified_total", "points_at_risk"):
        assert data[key] == pytest.approx(getattr(card, key), abs=1e-9), key
    assert data["predicate"] == card.predicate
    assert data["next_predicate"] == card.next_predicate == "Utama"
    assert data["points_to_next"] == pytest.approx(card.points_to_next)
    assert data["total"] > data["projected_verified_total"]  # some points lack evidence
    assert [(p["code"], p["name"], p["score"], p["max"]) for p in data["parts"]] == [
        (p.code, p.name, pytest.approx(p.score), pytest.approx(p.max)) for p in card.parts
    ]
    assert data["warnings"] == [w.render("id") for w in kla.warnings]
    assert data["warnings"]


def test_the_workbook_and_the_csv_score_alike(layak, demo_xlsx: Path, demo_csv: Path) -> None:
    from_xlsx = layak("score", demo_xlsx, "--json")
    from_csv = layak("score", demo_csv, "--json")
    assert from_xlsx.code == from_csv.code == 0
    assert json.loads(from_xlsx.out) == json.loads(from_csv.out)


def test_score_text_names_the_predicate_in_both_languages(
    layak, kla, demo_answers, demo_xlsx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = score(kla, demo_answers)
    text = layak("score", demo_xlsx).out
    assert "Predikat (penilaian mandiri): Nindya" in text
    assert f"{card.total:.2f}".replace(".", ",") in text  # decimal comma
    assert "Menuju Utama" in text
    assert "Peringatan instrumen" in text
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    text = layak("score", demo_xlsx).out
    assert "Predicate (self-assessment): Nindya" in text
    assert f"{card.total:.2f}" in text
    assert "To Utama" in text


def test_gap_json_to_utama_equals_the_core_plan_and_reaches_it(
    layak, kla, demo_answers, demo_xlsx: Path
) -> None:
    result = layak("plan-gap", demo_xlsx, "--target", "Utama", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) >= GAP_KEYS
    plan = plan_gap(kla, demo_answers, "Utama")
    assert data["target"] == "Utama"
    assert data["target_points"] == plan.target_points == 801
    assert data["current"] == pytest.approx(plan.current)
    assert data["needed"] == pytest.approx(plan.needed)
    assert data["needed"] > 0
    assert data["reachable"] is True
    assert data["total_gain"] >= data["needed"]
    assert data["total_gain"] == pytest.approx(plan.total_gain)
    assert data["total_effort"] == pytest.approx(plan.total_effort)
    assert data["items"]
    assert all(set(i) >= ITEM_KEYS for i in data["items"])
    assert {i["action"] for i in data["items"]} <= {"bukti", "capaian"}
    assert [(i["kode"], i["action"]) for i in data["items"]] == [
        (i.code, i.action.value) for i in plan.items
    ]
    assert sum(i["effort"] for i in data["items"]) == pytest.approx(data["total_effort"])
    # Doing what the plan says lifts the projected verified score to Utama.
    after = dict(demo_answers)
    for item in data["items"]:
        before = after.get(item["kode"], Answer(0.0))
        after[item["kode"]] = Answer(max(before.points, item["new_points"]), 1)
    assert score(kla, after).projected_verified_total >= data["target_points"]


def test_gap_text_names_the_target(layak, demo_xlsx: Path, monkeypatch) -> None:
    text = layak("plan-gap", demo_xlsx, "--target", "utama").out
    assert "Rencana menuju Utama (801 poin)" in text
    assert "bukti" in text
    assert "capaian" in text
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    assert "Plan to reach Utama" in layak("plan-gap", demo_xlsx, "--target", "Utama").out


def test_gap_to_a_predicate_already_reached_plans_nothing(layak, demo_csv: Path) -> None:
    result = layak("plan-gap", demo_csv, "--target", "Madya", "--json")
    data = json.loads(result.out)
    assert (result.code, data["needed"], data["items"], data["total_effort"]) == (0, 0, [], 0)
    assert "Madya sudah tercapai" in layak("plan-gap", demo_csv, "--target", "Madya").out


@pytest.mark.django_db
def test_demo_prints_the_simulated_data_disclaimer(layak, monkeypatch) -> None:
    result = layak("run-demo", "--no-serve")
    assert result.code == 0, result.err
    first = result.out.splitlines()[0]
    assert "Kota Metro" in first
    assert "data simulasi" in first
    assert "bukan jawaban resmi" in first
    # Every figure named by its basis, with its predicate (docs/scoring.md).
    from layak.evaluation.models import Cycle
    from layak.evaluation.queries.scores import cycle_scores

    metro = Cycle.objects.filter(region_id="18.72").order_by("-year").first()
    assert metro is not None
    figures = cycle_scores(metro).figures
    for figure in figures.shown:
        assert f"{figure.label()}: " in result.out
        assert figure.predicate is None or f"({figure.predicate})" in result.out
    assert "Rencana menuju Utama" in result.out
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    first = layak("run-demo", "--no-serve").out.splitlines()[0]
    assert "simulated data" in first
    assert "not Kota Metro's official answers" in first
