"""The three figures of a cycle (layak.core.figures): what each counts, its predicate and its
distances, and the label that names its basis."""

from __future__ import annotations

from layak.core.answers import Answer
from layak.core.figures import Basis, figures
from layak.core.instrument import Instrument
from layak.core.stages import Stage

# Submitted answers of a small claim: 1.1 (12 points, with evidence), 21A.3 (15, without).
SUBMITTED = {"1.1": Answer(12, 1), "21A.3": Answer(15, 0)}


def test_self_assessed_counts_the_submitted_answers_and_projected_those_with_evidence(
    kla: Instrument,
):
    found = figures(kla, SUBMITTED, {}, "Utama")
    assert found.self_assessed.total == 27
    assert found.projected.total == 12
    assert found.points_at_risk == 15
    assert found.verified is None
    assert [f.basis for f in found.shown] == [Basis.SELF_ASSESSED, Basis.PROJECTED]


def test_each_figure_measures_its_own_distance_to_the_target_and_the_next_predicate(
    kla: Instrument,
):
    found = figures(kla, SUBMITTED, {}, "Utama")
    assert (found.self_assessed.target, found.self_assessed.target_points) == ("Utama", 801)
    assert found.self_assessed.points_to_target == 801 - 27
    assert found.projected.points_to_target == 801 - 12
    assert (found.projected.next_predicate, found.projected.points_to_next) == ("Pratama", 488)
    assert not found.projected.target_reached


def test_verified_overrides_question_by_question_up_to_the_latest_stage(kla: Instrument):
    decided = {
        Stage.ADMINISTRATIVE: {"1.1": Answer(6, 1)},
        Stage.FIELD: {"1.1": Answer(9, 1)},
    }
    found = figures(kla, SUBMITTED, decided, "Utama")
    assert found.verified is not None
    assert found.verified.stage is Stage.FIELD
    assert found.verified.total == 9 + 15  # 21A.3 as claimed until someone looks at it
    assert found.verified_answers == 1


def test_a_decision_on_an_answer_that_is_not_submitted_counts_nowhere(kla: Instrument):
    # 4.2 was taken back to a draft after the provincial verifier accepted it.
    found = figures(kla, SUBMITTED, {Stage.ADMINISTRATIVE: {"4.2": Answer(1, 1)}}, "Utama")
    assert found.verified is None
    assert found.self_assessed.total == 27


def test_an_unknown_target_leaves_the_distance_unstated(kla: Instrument):
    found = figures(kla, SUBMITTED, {}, "Istimewa")
    assert found.self_assessed.target is None
    assert found.self_assessed.points_to_target is None
    assert found.self_assessed.points_to_next == 500 - 27


def test_labels_name_the_basis_and_the_stage_in_both_languages(kla: Instrument):
    found = figures(kla, SUBMITTED, {Stage.FINAL: {"21A.3": Answer(10, 0)}}, "Utama")
    assert found.verified is not None
    assert found.verified.label() == "Terverifikasi (final)"
    assert found.verified.label("en") == "Verified (final)"
    assert found.projected.label("en") == "Projected verified"
    assert Basis.SELF_ASSESSED.label() == "Penilaian mandiri"
