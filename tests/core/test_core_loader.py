"""Loading an instrument file: every error refused at once, inconsistencies kept as warnings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from layak.core.loader import (
    InstrumentError,
    instrument_from_data,
    instrument_to_data,
    load_builtin,
)

Data = dict[str, Any]


@pytest.fixture
def valid(make_data: Callable[..., Data]) -> Data:
    """A tidy two-part instrument that loads without a problem."""
    return make_data(
        {"code": "1.1", "max": 12, "kind": "ya_tidak", "agencies": ["JDIH", " Bagian Hukum "]},
        {"code": "1.2a", "max": 1.25},
        {
            "code": "4.3",
            "max": 3.2,
            "part": "K1",
            "kind": "pilihan",
            "options": [
                {"key": "naik", "label": "Naik", "fraction": 1},
                {"key": "turun", "label": "Turun", "fraction": 0},
            ],
        },
        {
            "code": "13.3",
            "max": 3,
            "part": "K1",
            "kind": "persentase",
            "direction": "turun",
            "thresholds": [{"value": 50, "fraction": 0.5}, {"value": 20, "fraction": 1}],
        },
    )


def refusal(data: Data) -> list[str]:
    with pytest.raises(InstrumentError) as caught:
        instrument_from_data(data)
    return [p.message.key for p in caught.value.problems]


def question(data: Data, code: str) -> Data:
    for part in data["parts"]:
        for indicator in part["indicators"]:
            for q in indicator["questions"]:
                if q["code"] == code:
                    return q
    raise KeyError(code)


def test_a_tidy_instrument_loads_with_its_structure(valid: Data):
    instrument = instrument_from_data(valid)
    assert [q.code for q in instrument.questions] == ["1.1", "1.2a", "4.3", "13.3"]
    assert [p.code for p in instrument.parts] == ["P1", "K1"]
    assert instrument.question("1.1").agencies == ("JDIH", "Bagian Hukum")
    assert [t.value for t in instrument.question("13.3").thresholds] == [20, 50]
    assert instrument.max_total == pytest.approx(12 + 1.25 + 3.2 + 3)
    assert instrument.warnings == ()


def test_the_file_format_round_trips(valid: Data):
    instrument = instrument_from_data(valid)
    again = instrument_from_data(instrument_to_data(instrument))
    assert again.questions == instrument.questions
    assert again.bands == instrument.bands


def test_duplicate_question_codes_are_refused(valid: Data):
    question(valid, "13.3")["code"] = "1.1"
    assert refusal(valid) == ["instrument.duplicate_code"]


def test_duplicate_indicator_codes_are_refused(valid: Data):
    valid["parts"][1]["indicators"][0]["code"] = "1"
    assert refusal(valid) == ["instrument.duplicate_indicator"]


@pytest.mark.parametrize(
    ("bands", "rule"),
    [
        ([("Pratama", 500, 600), ("Madya", 600, 700)], "instrument.band_overlap"),
        ([("Pratama", 500, 650), ("Madya", 601, 700)], "instrument.band_overlap"),
        ([("Pratama", 500, 600), ("Madya", 650, 700)], "instrument.band_gap"),
        ([("Pratama", 500, 600), ("Madya", 601.5, 700)], "instrument.band_gap"),
        ([("Pratama", 500, 600), ("pratama", 601, 700)], "instrument.duplicate_band"),
    ],
)
def test_bands_that_overlap_leave_a_gap_or_repeat_a_name_are_refused(
    valid: Data, bands: list[tuple[str, float, float]], rule: str
):
    valid["bands"] = [{"name": n, "min": lo, "max": hi} for n, lo, hi in bands]
    assert rule in refusal(valid)


def test_an_inverted_band_is_refused(valid: Data):
    valid["bands"] = [{"name": "Pratama", "min": 600, "max": 500}]
    assert refusal(valid) == ["instrument.band_inverted"]


@pytest.mark.parametrize("bands", [[], None, "Pratama"])
def test_an_instrument_without_bands_is_refused(valid: Data, bands: Any):
    valid["bands"] = bands
    assert refusal(valid) == ["instrument.no_bands"]


def test_a_step_of_one_point_between_bands_is_no_gap(valid: Data):
    valid["bands"] = [{"name": "A", "min": 500, "max": 600}, {"name": "B", "min": 601, "max": 700}]
    assert [b.name for b in instrument_from_data(valid).bands] == ["A", "B"]


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        ({"kind": "skala"}, "instrument.unknown_kind"),
        (
            {"kind": "pilihan", "options": [{"key": "ya", "fraction": 1}]},
            "instrument.kind_needs_options",
        ),
        ({"kind": "persentase", "thresholds": []}, "instrument.kind_needs_thresholds"),
        ({"kind": "angka"}, "instrument.kind_needs_thresholds"),
        (
            {"kind": "persentase", "thresholds": [{"value": 50, "fraction": 1.5}]},
            "instrument.bad_fraction",
        ),
        (
            {
                "kind": "pilihan",
                "options": [{"key": "a", "fraction": 1}, {"key": "b", "fraction": -0.5}],
            },
            "instrument.bad_fraction",
        ),
        ({"code": "1 1"}, "instrument.bad_code"),
        ({"code": "11"}, "instrument.bad_code"),
        ({"code": "1.1."}, "instrument.bad_code"),
        ({"max": -1}, "instrument.negative_max"),
        ({"max": "12"}, "instrument.bad_field"),
        ({"max": True}, "instrument.bad_field"),
        ({"direction": "sideways"}, "instrument.bad_field"),
    ],
)
def test_each_question_rule_is_refused_by_its_own_message(valid: Data, change: Data, rule: str):
    question(valid, "1.2a").update(change)
    assert refusal(valid) == [rule]


def test_all_problems_of_a_file_are_reported_at_once(valid: Data):
    question(valid, "13.3")["code"] = "1.1"
    question(valid, "1.2a")["kind"] = "skala"
    valid["bands"].append({"name": "Istimewa", "min": 1100, "max": 1200})
    assert sorted(refusal(valid)) == [
        "instrument.band_gap",
        "instrument.duplicate_code",
        "instrument.unknown_kind",
    ]


def test_missing_top_level_fields_and_a_wrong_format_are_all_named(valid: Data):
    del valid["name"]
    valid["format"] = "layak-instrument/0"
    valid["year"] = "2024"
    keys = refusal(valid)
    assert keys.count("instrument.bad_field") == 2
    assert "instrument.missing_field" in keys


def test_an_instrument_without_questions_is_refused(valid: Data):
    valid["parts"] = []
    assert refusal(valid) == ["instrument.no_questions"]


def test_a_part_maximum_that_differs_from_its_questions_is_a_warning_not_an_error(
    make_data: Callable[..., Data],
):
    data = make_data({"code": "1.1", "max": 12}, {"code": "1.2", "max": 3}, part_max={"P1": 20})
    instrument = instrument_from_data(data)
    keys = [w.message.key for w in instrument.warnings]
    assert "instrument.part_max_mismatch" in keys
    mismatch = next(w for w in instrument.warnings if w.message.key.startswith("instrument.part"))
    assert dict(mismatch.message.params) | {"name": ""} == {
        "code": "P1",
        "name": "",
        "stated": "20",
        "actual": "15",
    }
    assert instrument.max_total == 15


def test_problems_render_in_indonesian_and_english_naming_the_code(valid: Data):
    question(valid, "13.3")["code"] = "1.1"
    with pytest.raises(InstrumentError) as caught:
        instrument_from_data(valid)
    problem = caught.value.problems[0]
    indonesian, english = problem.render("id"), problem.render("en")
    assert indonesian != english
    assert "1.1" in indonesian
    assert "1.1" in english
    assert "lebih dari sekali" in indonesian
    assert "more than once" in english
    assert caught.value.render("en") == english


def test_an_unknown_builtin_is_refused_with_the_list_of_builtins():
    with pytest.raises(InstrumentError) as caught:
        load_builtin("kla-1999")
    message = caught.value.problems[0].message
    assert message.key == "instrument.unknown"
    assert "kla-2024" in str(message.params["available"])
