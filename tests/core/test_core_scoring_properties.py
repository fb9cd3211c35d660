"""Properties of scoring, on kla-2024 and on small generated instruments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.scoring import ScoreCard, score
from tests.support.examples import examples

SmallInstruments = Callable[..., st.SearchStrategy[Instrument]]
AnswerSets = Callable[[Instrument], st.SearchStrategy[dict[str, Answer]]]


def kla_answers(kla: Instrument) -> st.SearchStrategy[dict[str, Answer]]:
    """Any claim from a little below zero to a little above the maximum, any evidence."""
    one = st.one_of(
        st.none(),
        st.builds(
            Answer,
            st.floats(-10, 30, allow_nan=False),
            st.integers(0, 3),
        ),
    )
    codes = [q.code for q in kla.questions]
    return st.lists(one, min_size=len(codes), max_size=len(codes)).map(
        lambda drawn: {c: a for c, a in zip(codes, drawn, strict=True) if a is not None}
    )


def assert_within_maxima(card: ScoreCard) -> None:
    assert 0 <= card.projected_verified_total <= card.total <= card.max_total
    for part in card.parts:
        assert 0 <= part.projected <= part.score <= part.max, part.code
    for indicator in card.indicators:
        assert 0 <= indicator.score <= indicator.max, indicator.code


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_kla_2024_never_scores_above_its_maxima(kla: Instrument, data: st.DataObject):
    assert_within_maxima(score(kla, data.draw(kla_answers(kla))))


@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_small_instruments_never_score_above_their_maxima(
    small_instrument_strategy: SmallInstruments, answer_strategy: AnswerSets, data: st.DataObject
):
    instrument = data.draw(small_instrument_strategy())
    answers = data.draw(answer_strategy(instrument))
    card = score(instrument, answers)
    assert_within_maxima(card)
    full = score(instrument, {q.code: Answer(q.max_points, 1) for q in instrument.questions})
    assert full.total == full.max_total


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_adding_evidence_on_kla_2024_never_lowers_the_projected_score(
    kla: Instrument, data: st.DataObject
):
    answers = data.draw(kla_answers(kla))
    code = data.draw(st.sampled_from([q.code for q in kla.questions]))
    before = score(kla, answers)
    previous = answers.get(code, Answer(0.0, 0))
    answers[code] = replace(previous, evidence=previous.evidence + data.draw(st.integers(1, 3)))
    after = score(kla, answers)
    assert after.projected_verified_total >= before.projected_verified_total
    assert after.total == before.total


@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_adding_evidence_on_small_instruments_never_lowers_the_projected_score(
    small_instrument_strategy: SmallInstruments, answer_strategy: AnswerSets, data: st.DataObject
):
    instrument = data.draw(small_instrument_strategy())
    answers = data.draw(answer_strategy(instrument))
    before = score(instrument, answers)
    for code in data.draw(st.sets(st.sampled_from([q.code for q in instrument.questions]))):
        previous = answers.get(code, Answer(0.0, 0))
        answers[code] = replace(previous, evidence=previous.evidence + 1)
    after = score(instrument, answers)
    assert after.projected_verified_total >= before.projected_verified_total
    for was, now in zip(before.parts, after.parts, strict=True):
        assert now.projected >= was.projected


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_raising_one_claim_on_kla_2024_never_lowers_the_total(kla: Instrument, data: st.DataObject):
    answers = data.draw(kla_answers(kla))
    code = data.draw(st.sampled_from([q.code for q in kla.questions]))
    before = score(kla, answers)
    previous = answers.get(code, Answer(0.0, 0))
    raise_by = data.draw(st.floats(0, 50, allow_nan=False))
    answers[code] = replace(previous, points=max(previous.points, 0.0) + raise_by)
    after = score(kla, answers)
    assert after.total >= before.total
    assert after.projected_verified_total >= before.projected_verified_total
    assert after.question_points[code] >= before.question_points.get(code, 0.0)


@settings(max_examples=examples(150), deadline=None)
@given(data=st.data())
def test_raising_one_claim_on_small_instruments_never_lowers_any_score(
    small_instrument_strategy: SmallInstruments, answer_strategy: AnswerSets, data: st.DataObject
):
    instrument = data.draw(small_instrument_strategy())
    answers = data.draw(answer_strategy(instrument))
    code = data.draw(st.sampled_from([q.code for q in instrument.questions]))
    before = score(instrument, answers)
    previous = answers.get(code, Answer(0.0, 0))
    answers[code] = replace(previous, points=previous.points + data.draw(st.floats(0, 10)))
    after = score(instrument, answers)
    assert after.total >= before.total
    for was, now in zip(before.parts, after.parts, strict=True):
        assert now.score >= was.score
    for was_i, now_i in zip(before.indicators, after.indicators, strict=True):
        assert now_i.score >= was_i.score
