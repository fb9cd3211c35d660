"""Contradictions found in stored answers (layak check-answers), from plain facts."""

from __future__ import annotations

from layak.core.answers import UnitTally
from layak.core.consistency import StoredAnswer, StoredVerification, contradictions
from layak.core.instrument import Instrument


def keys(instrument: Instrument, answers, verifications=(), tallies=None) -> list[tuple]:
    found = contradictions(instrument, answers, verifications, tallies or {})
    return [(f.code, f.unit, f.message.key) for f in found]


def test_a_consistent_cycle_has_nothing_to_report(kla: Instrument):
    answers = [
        StoredAnswer("1.1", "", "ya", 12.0, submitted=True, version=2),
        StoredAnswer("1.2a", "", "ya", 0.66, submitted=True, version=1),  # partial, allowed
        StoredAnswer("26.2", "", "50", 3.0, submitted=False, version=3),
        StoredAnswer("26.2", "18.72.01.1005", "ya", None, submitted=True, version=1),
    ]
    verifications = [StoredVerification("1.1", "verifikasi_administrasi", "diterima", 2)]
    tallies = {"26.2": UnitTally(units=22, answered=11, yes=11)}
    assert keys(kla, answers, verifications, tallies) == []


def test_an_accepted_draft_and_a_verified_blank_are_named(kla: Instrument):
    """The demo once held 6.2 and 17.1 as "Diterima" while they were drafts."""
    answers = [
        StoredAnswer("6.2", "", "ya", 12.0, submitted=False, version=1),
        StoredAnswer("17.1", "", "", None, submitted=False, version=1),
        # Sent back, then revised as a draft (a later version): work in progress, not a fault.
        StoredAnswer("2.1", "", "ya", 3.0, submitted=False, version=3),
    ]
    verifications = [
        StoredVerification("6.2", "verifikasi_administrasi", "diterima", 1),
        StoredVerification("17.1", "verifikasi_administrasi", "diterima", 1),
        StoredVerification("2.1", "verifikasi_administrasi", "perbaikan", 2),
    ]
    assert keys(kla, answers, verifications) == [
        ("6.2", "", "check.verified_draft"),
        ("17.1", "", "check.verified_unanswered"),
    ]


def test_a_city_answer_left_behind_by_its_units_is_named(kla: Instrument):
    answers = [StoredAnswer("26.2", "", "40", 1.0, submitted=False, version=4)]
    tallies = {"26.2": UnitTally(units=22, answered=22, yes=11)}
    assert keys(kla, answers, tallies=tallies) == [
        ("26.2", "", "check.computed_stale"),
        ("26.2", "", "check.computed_stuck"),
    ]


def test_stored_values_that_break_the_rules_are_named(kla: Instrument):
    answers = [
        StoredAnswer("1.1", "", "ya", None, submitted=True, version=1),
        StoredAnswer("1.2a", "", "mungkin", 1.0, submitted=True, version=1),
        StoredAnswer("1.2b", "", "", 5.0, submitted=True, version=1),
        StoredAnswer("26.2", "18.72.01.1005", "ya", 1.0, submitted=True, version=1),
        StoredAnswer("99.9", "", "ya", 1.0, submitted=True, version=1),
    ]
    assert keys(kla, answers) == [
        ("1.1", "", "check.value_without_points"),
        ("1.2a", "", "check.value_invalid"),
        ("1.2b", "", "check.points_above_max"),
        ("26.2", "18.72.01.1005", "check.unit_points"),
        ("99.9", "", "check.unknown_question"),
    ]
