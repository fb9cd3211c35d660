"""Evaluation stages: a later stage overrides an earlier one question by question."""

from __future__ import annotations

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.stages import STAGE_ORDER, Stage, effective_answers, score_stages

SELF = {"1.1": Answer(12, 1), "1.2a": Answer(1, 1), "21A.3": Answer(15, 0)}


def test_a_provincial_verifier_cuts_one_question_and_leaves_the_others_as_claimed(
    kla: Instrument,
):
    stages = {
        Stage.SELF_ASSESSMENT: SELF,
        Stage.ADMINISTRATIVE: {"1.1": Answer(6, 1)},
    }
    merged = effective_answers(stages, Stage.ADMINISTRATIVE)
    assert merged == {"1.1": Answer(6, 1), "1.2a": Answer(1, 1), "21A.3": Answer(15, 0)}
    assert effective_answers(stages, Stage.SELF_ASSESSMENT) == SELF
    cards = score_stages(kla, stages)
    assert list(cards) == [Stage.SELF_ASSESSMENT, Stage.ADMINISTRATIVE]
    assert cards[Stage.SELF_ASSESSMENT].total == 28
    assert cards[Stage.ADMINISTRATIVE].total == 22
    assert cards[Stage.ADMINISTRATIVE].projected_verified_total == 7


def test_each_stage_sees_only_itself_and_earlier_stages(kla: Instrument):
    stages = {
        Stage.SELF_ASSESSMENT: SELF,
        Stage.ADMINISTRATIVE: {"1.1": Answer(6, 1)},
        Stage.FIELD: {"21A.3": Answer(10, 1), "1.1": Answer(9, 2)},
        Stage.FINAL: {"1.2a": Answer(0, 1)},
    }
    cards = score_stages(kla, stages)
    assert list(cards) == list(STAGE_ORDER)
    assert [cards[s].total for s in STAGE_ORDER] == [28, 22, 20, 19]
    assert [cards[s].projected_verified_total for s in STAGE_ORDER] == [13, 7, 20, 19]
    assert effective_answers(stages, Stage.FIELD)["1.2a"] == Answer(1, 1)
    assert effective_answers(stages, Stage.FINAL)["1.1"] == Answer(9, 2)


def test_cards_stop_at_the_last_stage_with_answers_of_its_own(kla: Instrument):
    stages = {
        Stage.SELF_ASSESSMENT: SELF,
        Stage.ADMINISTRATIVE: {},
        Stage.FIELD: {"1.1": Answer(0, 1)},
        Stage.FINAL: {},
    }
    cards = score_stages(kla, stages)
    assert list(cards) == [Stage.SELF_ASSESSMENT, Stage.ADMINISTRATIVE, Stage.FIELD]
    # A stage without answers of its own carries the earlier answers unchanged.
    assert cards[Stage.ADMINISTRATIVE].total == cards[Stage.SELF_ASSESSMENT].total == 28
    assert cards[Stage.FIELD].total == 16


def test_a_verification_without_a_self_assessment_still_scores_every_stage_before_it(
    kla: Instrument,
):
    cards = score_stages(kla, {Stage.ADMINISTRATIVE: {"1.1": Answer(12, 1)}})
    assert list(cards) == [Stage.SELF_ASSESSMENT, Stage.ADMINISTRATIVE]
    assert cards[Stage.SELF_ASSESSMENT].total == 0
    assert cards[Stage.SELF_ASSESSMENT].answered == 0
    assert cards[Stage.ADMINISTRATIVE].total == 12


def test_no_answers_at_any_stage_give_no_cards(kla: Instrument):
    assert score_stages(kla, {}) == {}
    assert score_stages(kla, {Stage.SELF_ASSESSMENT: {}}) == {}


def test_stages_have_indonesian_labels_in_order():
    assert [s.value for s in STAGE_ORDER] == [
        "mandiri",
        "verifikasi_administrasi",
        "verifikasi_lapangan",
        "final",
    ]
    assert Stage.FIELD.label == "Verifikasi lapangan"
