"""`plan-gap --effort`: efforts per question change the plan; `instrument export-efforts` writes
the defaults."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from layak.core.answers import Answer
from layak.core.gap import Effort, default_effort, plan_gap
from layak.core.loader import load_builtin


@pytest.fixture(scope="module")
def kla():
    return load_builtin("kla-2024")


@pytest.fixture
def answers(demo_rows) -> dict[str, Answer]:
    return {
        r["kode"]: Answer(float(r["nilai"] or 0), int(r["bukti"] or 0))
        for r in demo_rows
        if r["nilai"] or r["bukti"]
    }


def write_efforts(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["kode", "upaya_bukti", "upaya_capaian"])
        writer.writerows(rows)
    return path


def gap(layak, answers_file: Path, *extra: object) -> dict:
    result = layak("plan-gap", answers_file, "--target", "Utama", "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_instrument_efforts_writes_the_defaults(layak, kla, tmp_path: Path) -> None:
    path = tmp_path / "upaya.csv"
    result = layak("instrument", "export-efforts", path)
    assert result.code == 0, result.err
    assert "274 pertanyaan" in result.out
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["kode", "uraian", "upaya_bukti", "upaya_capaian"]
    assert [r["kode"] for r in rows] == [q.code for q in kla.questions]
    for row, question in zip(rows, kla.questions, strict=True):
        effort = default_effort(question)
        assert (float(row["upaya_bukti"]), float(row["upaya_capaian"])) == (
            effort.evidence,
            effort.achievement,
        )


def test_the_default_efforts_round_trip_through_effort_unchanged(
    layak, demo_csv: Path, tmp_path: Path
) -> None:
    path = tmp_path / "upaya.csv"
    assert layak("instrument", "export-efforts", path).code == 0
    assert gap(layak, demo_csv, "--effort", path) == gap(layak, demo_csv)


def test_evidence_ruled_out_everywhere_leaves_only_capaian(
    layak, kla, answers, demo_csv: Path, tmp_path: Path
) -> None:
    path = write_efforts(tmp_path / "upaya.csv", [[q.code, "-", ""] for q in kla.questions])
    default = gap(layak, demo_csv)
    assert "bukti" in {i["action"] for i in default["items"]}
    plan = gap(layak, demo_csv, "--effort", path)
    assert plan["items"]
    assert {i["action"] for i in plan["items"]} == {"capaian"}
    assert plan["total_effort"] > default["total_effort"]  # the cheap moves are gone
    efforts = {q.code: Effort(None, default_effort(q).achievement) for q in kla.questions}
    core = plan_gap(kla, answers, "Utama", efforts)
    assert plan["total_effort"] == pytest.approx(core.total_effort)
    assert [i["kode"] for i in plan["items"]] == [i.code for i in core.items]
    if plan["reachable"]:
        assert plan["total_gain"] >= plan["needed"]


def test_a_very_cheap_capaian_is_chosen(
    layak, kla, answers, demo_csv: Path, tmp_path: Path
) -> None:
    default = gap(layak, demo_csv)
    planned = {i["kode"] for i in default["items"]}
    # The documented question with the most points still to gain that the default plan skips.
    code = max(
        (
            q.code
            for q in kla.questions
            if q.code not in planned
            and q.code in answers
            and answers[q.code].evidence > 0
            and answers[q.code].points < q.max_points
        ),
        key=lambda c: kla.question(c).max_points - answers[c].points,
    )
    path = write_efforts(tmp_path / "upaya.csv", [[code, "", "0.01"]])  # others keep defaults
    plan = gap(layak, demo_csv, "--effort", path)
    chosen = [i for i in plan["items"] if i["kode"] == code]
    assert [(i["action"], i["effort"]) for i in chosen] == [("capaian", 0.01)]
    assert plan["total_effort"] < default["total_effort"]
    core = plan_gap(kla, answers, "Utama", {code: Effort(1.0, 0.01)})
    assert plan["total_effort"] == pytest.approx(core.total_effort)


@pytest.mark.parametrize(
    ("cell", "column"),
    [
        (["1.1", "0", ""], "upaya_bukti"),
        (["1.1", "", "abc"], "upaya_capaian"),
        (["1.1", "1.234", ""], "upaya_bukti"),
        (["1.1", "", "1001"], "upaya_capaian"),
    ],
)
def test_bad_efforts_are_refused_by_row_and_column(
    layak, demo_csv: Path, tmp_path: Path, cell: list[str], column: str
) -> None:
    path = write_efforts(tmp_path / "upaya.csv", [["1.2a", "2", "3"], cell])
    result = layak("plan-gap", demo_csv, "--target", "Utama", "--effort", path)
    assert result.code == 2
    assert f"baris 3, kolom {column}: upaya" in result.err
    assert "'-'" in result.err  # says how to rule an action out


def test_an_effort_file_with_an_unknown_code_is_refused(
    layak, demo_csv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAYAK_LANGUAGE", "en")
    path = write_efforts(tmp_path / "upaya.csv", [["99.9", "1", "1"]])
    result = layak("plan-gap", demo_csv, "--target", "Utama", "--effort", path)
    assert result.code == 2
    assert "row 2, column kode: code '99.9' is not in instrument kla-2024" in result.err


def test_efforts_into_a_missing_folder_is_refused(layak, tmp_path: Path) -> None:
    result = layak("instrument", "export-efforts", tmp_path / "tidak-ada" / "upaya.csv")
    assert result.code == 2
    assert "tidak dapat ditulis" in result.err
