"""Answer sheets and effort sheets: accepted whole, or refused whole with rows and columns."""

from __future__ import annotations

from typing import Any

import pytest

from layak.core.answers import Answer
from layak.core.answersheet import answers_from_rows, efforts_from_rows
from layak.core.gap import Effort, default_effort
from layak.core.instrument import Instrument
from layak.core.messages import InputError


def rows(*values: dict[str, Any], first: int = 2) -> list[tuple[int, dict[str, Any]]]:
    """Sheet rows as a reader yields them: numbered from 2, under the header row."""
    return list(enumerate(values, start=first))


def refused(call: Any, *args: Any) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        call(*args)
    return [(p.row, p.column, p.message.key) for p in caught.value.problems]


def test_kota_metro_fills_in_three_questions(kla: Instrument):
    sheet = rows(
        {"kode": "1.1", "nilai": "12", "bukti": "", "catatan": "Perda dalam pembahasan"},
        {"kode": "1.2a", "nilai": 1.0, "bukti": 2.0},
        {"kode": "25.2", "nilai": "1,25", "bukti": "1"},
    )
    assert answers_from_rows(kla, sheet) == {
        "1.1": Answer(12, 0, "Perda dalam pembahasan"),
        "1.2a": Answer(1, 2),
        "25.2": Answer(1.25, 1),
    }


def test_the_answer_in_its_kind_proposes_the_points_as_on_the_web(kla: Instrument):
    """The command line reads the same rule as the web form, the workbook and the API: a
    `jawaban` alone proposes the points, `nilai` claims them (partly, as real recaps do)."""
    sheet = rows(
        {"kode": "1.1", "jawaban": "ya", "bukti": "1"},
        {"kode": "1.2a", "jawaban": "ya", "nilai": "0,66", "bukti": "1"},
        {"kode": "17.5", "jawaban": "tidak", "bukti": "1"},  # negative: "tidak" earns them
    )
    assert answers_from_rows(kla, sheet) == {
        "1.1": Answer(12, 1),
        "1.2a": Answer(0.66, 1),
        "17.5": Answer(kla.question("17.5").max_points, 1),
    }
    assert refused(answers_from_rows, kla, rows({"kode": "1.1", "jawaban": "mungkin"})) == [
        (2, "jawaban", "answer.not_yes_no")
    ]


def test_blank_points_and_evidence_leave_the_question_unanswered(kla: Instrument):
    sheet = rows(
        {"kode": "1.1", "nilai": "", "bukti": None},
        {"kode": "1.2a", "nilai": " ", "bukti": ""},
        {"kode": "1.2b", "nilai": None, "bukti": "3"},
        {"kode": "1.2c", "nilai": "0,5", "bukti": None},
    )
    assert answers_from_rows(kla, sheet) == {"1.2b": Answer(0, 3), "1.2c": Answer(0.5, 0)}


def test_every_problem_of_a_sheet_is_named_by_row_and_column_at_once(kla: Instrument):
    sheet = rows(
        {"kode": "1.1", "nilai": "12", "bukti": "1"},
        {"kode": "99.9", "nilai": "1", "bukti": "1"},
        {"kode": "1.1", "nilai": "6", "bukti": "1"},
        {"kode": "1.2a", "nilai": "2", "bukti": "0"},
        {"kode": "1.2b", "nilai": "-1", "bukti": "0"},
        {"kode": "1.2c", "nilai": "satu", "bukti": "dua"},
        {"kode": "1.2d", "nilai": "1", "bukti": "1,5"},
        {"kode": "", "nilai": "1", "bukti": "1"},
    )
    assert refused(answers_from_rows, kla, sheet) == [
        (3, "kode", "answer.unknown_code"),
        (4, "kode", "answer.duplicate_code"),
        (5, "nilai", "answer.points_above_max"),
        (6, "nilai", "answer.points_negative"),
        (7, "nilai", "answer.points_not_a_number"),
        (7, "bukti", "answer.not_whole_number"),
        (8, "bukti", "answer.not_whole_number"),
        (9, "kode", "answer.missing_code"),
    ]


def test_a_duplicate_names_the_row_where_the_code_first_appeared(kla: Instrument):
    sheet = rows({"kode": "1.1", "nilai": "12"}, {"kode": "1.2a"}, {"kode": "1.1", "nilai": "6"})
    with pytest.raises(InputError) as caught:
        answers_from_rows(kla, sheet)
    (problem,) = caught.value.problems
    assert problem.message.params["first_row"] == 2
    assert problem.render("id") == "baris 4, kolom kode: kode 1.1 sudah muncul di baris 2"
    assert problem.render("en") == "row 4, column kode: code 1.1 already appeared on row 2"


def test_points_above_the_maximum_name_the_maximum(kla: Instrument):
    with pytest.raises(InputError) as caught:
        answers_from_rows(kla, rows({"kode": "25.2", "nilai": "1,5", "bukti": "1"}))
    assert caught.value.render("en") == (
        "row 2, column nilai: points 1.5 exceed the maximum of question 25.2, which is 1.25"
    )


def test_an_unknown_code_names_the_instrument(kla: Instrument):
    with pytest.raises(InputError) as caught:
        answers_from_rows(kla, rows({"kode": "1.1a", "nilai": "1"}))
    assert "kla-2024" in caught.value.render("id")


@pytest.fixture
def defaults(kla: Instrument) -> dict[str, Effort]:
    return {q.code: default_effort(q) for q in kla.questions}


def test_efforts_keep_the_default_when_blank_and_rule_out_with_a_dash(
    kla: Instrument, defaults: dict[str, Effort]
):
    sheet = rows(
        {"kode": "1.1", "upaya_bukti": "", "upaya_capaian": "-"},
        {"kode": "25.2", "upaya_bukti": "0,5", "upaya_capaian": None},
        {"kode": "1.2a", "upaya_bukti": "tidak", "upaya_capaian": "12.25"},
        {"kode": "1.2b"},
    )
    assert efforts_from_rows(kla, sheet, defaults) == {
        "1.1": Effort(1.0, None),
        "25.2": Effort(0.5, 6.0),
        "1.2a": Effort(None, 12.25),
        "1.2b": Effort(1.0, 4.0),
    }


@pytest.mark.parametrize("bad", ["0", "-2", "1001", "0,005", "1.001", "banyak", "1e3"])
def test_an_effort_must_be_above_zero_at_most_1000_with_two_decimals(
    kla: Instrument, defaults: dict[str, Effort], bad: str
):
    sheet = rows({"kode": "1.1", "upaya_bukti": bad}, {"kode": "1.2a", "upaya_capaian": bad})
    assert refused(efforts_from_rows, kla, sheet, defaults) == [
        (2, "upaya_bukti", "effort.bad_value"),
        (3, "upaya_capaian", "effort.bad_value"),
    ]


def test_effort_sheets_refuse_unknown_and_duplicate_codes(
    kla: Instrument, defaults: dict[str, Effort]
):
    sheet = rows({"kode": "1.1"}, {"kode": "0.0"}, {"kode": "1.1", "upaya_bukti": "2"})
    assert refused(efforts_from_rows, kla, sheet, defaults) == [
        (3, "kode", "answer.unknown_code"),
        (4, "kode", "answer.duplicate_code"),
    ]
