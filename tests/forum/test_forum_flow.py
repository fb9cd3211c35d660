"""The aspiration flow in the core: which step may follow which, what each step needs, the
child's progress display, and the counts of regulations, programmes and activities."""

from __future__ import annotations

from datetime import date

from layak.core.aspirations import (
    MAX_TEXT,
    Accepted,
    OutcomeKind,
    Status,
    Step,
    counts_by_year,
    progress,
    step_problems,
    text_problems,
)
from layak.core.messages import Problem

TODAY = date(2026, 6, 1)


def rules(current: Status, step: Step, last: date | None = date(2026, 1, 5)) -> set[str]:
    """The keys of the rules the step breaks, without their "aspiration." prefix."""
    return {_rule(p) for p in step_problems(current, last, step, TODAY)}


def _rule(problem: Problem) -> str:
    return problem.message.key.removeprefix("aspiration.")


def test_a_received_aspiration_goes_to_musrenbang_with_its_level() -> None:
    assert rules(Status.RECEIVED, Step("dibahas", date(2026, 2, 1), "kecamatan")) == set()
    assert rules(Status.RECEIVED, Step("dibahas", date(2026, 2, 1))) == {"level_required"}


def test_steps_cannot_be_skipped_or_taken_back() -> None:
    assert rules(Status.RECEIVED, Step("diakomodasi", date(2026, 2, 1))) == {"not_next"}
    assert rules(Status.DISCUSSED, Step("diterima", date(2026, 2, 1))) == {"not_next"}
    assert rules(Status.DECLINED, Step("dilaksanakan", date(2026, 2, 1))) == {"not_next"}
    assert rules(Status.DONE, Step("dibahas", date(2026, 2, 1), "kota")) == {"not_next"}
    assert rules(Status.RECEIVED, Step("entah", date(2026, 2, 1))) == {"unknown_status"}


def test_accepted_needs_kind_name_and_agency_declined_needs_a_reason() -> None:
    full = Step("diakomodasi", date(2026, 3, 1), outcome_kind="program", outcome_name="SRA")
    assert rules(Status.DISCUSSED, full) == {"agency_required"}
    assert rules(Status.DISCUSSED, Step("diakomodasi", date(2026, 3, 1))) == {
        "kind_required",
        "name_required",
        "agency_required",
    }
    assert rules(Status.DISCUSSED, Step("ditolak", date(2026, 3, 1), reason="  ")) == {
        "reason_required"
    }


def test_dates_are_required_never_in_the_future_nor_before_the_last_step() -> None:
    assert rules(Status.RECEIVED, Step("dibahas", None, "kota")) == {"date_required"}
    assert rules(Status.RECEIVED, Step("dibahas", date(2026, 6, 2), "kota")) == {"date_future"}
    assert rules(Status.RECEIVED, Step("dibahas", date(2026, 1, 4), "kota")) == {"date_before_last"}


def test_the_text_is_required_and_at_most_a_thousand_characters() -> None:
    assert [_rule(p) for p in text_problems("  ")] == ["text_required"]
    assert text_problems("a" * MAX_TEXT) == []
    assert [_rule(p) for p in text_problems("a" * (MAX_TEXT + 1))] == ["text_too_long"]


def test_the_childs_progress_has_four_steps_and_a_declined_one_stops_after_musrenbang() -> None:
    assert [reached for _, reached in progress(Status.DISCUSSED)] == [True, True, False, False]
    assert [reached for _, reached in progress(Status.DONE)] == [True, True, True, True]
    assert [reached for _, reached in progress(Status.DECLINED)] == [True, True, False, False]


def test_each_named_item_counts_once_per_year_and_kind() -> None:
    counts = counts_by_year(
        [
            Accepted(2026, OutcomeKind.PROGRAMME, "Sekolah Sehat"),
            Accepted(2026, OutcomeKind.PROGRAMME, "  sekolah   sehat "),  # the same programme
            Accepted(2026, OutcomeKind.ACTIVITY, "Pojok baca"),
            Accepted(2026, OutcomeKind.REGULATION, "Perwali KTR"),
            Accepted(2025, OutcomeKind.ACTIVITY, "Lampu jalan"),
        ]
    )
    assert list(counts) == [2026, 2025]
    assert counts[2026] == {
        OutcomeKind.PROGRAMME: 1,
        OutcomeKind.ACTIVITY: 1,
        OutcomeKind.REGULATION: 1,
    }
    assert counts[2025][OutcomeKind.ACTIVITY] == 1
    assert counts[2025][OutcomeKind.PROGRAMME] == 0
