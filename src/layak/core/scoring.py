"""Scores: per question, indicator, part and total; the predicate; the projected verified score.

The projected verified score counts a question only when evidence backs it, because that is
what verification does: points without documents are cut. It is the number a task force
needs all year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from layak.core.answers import Answer
from layak.core.instrument import Band, Instrument

# Totals are compared with band limits after rounding to hundredths, as reports show them.
_PLACES = 2
# Points are stored with 4 places. A sum of them is first snapped to 6 places, so the noise of
# float addition cannot move the hundredth: the core's sum of floats and a database's exact
# decimal sum (the overview's SQL) then round to the same figure (660.805 → 660.80 both ways).
_SNAP = 6


@dataclass(frozen=True, slots=True)
class PartScore:
    code: str
    name: str
    score: float
    max: float
    stated_max: float | None
    projected: float


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    code: str
    name: str
    part_code: str
    score: float
    max: float
    projected: float


@dataclass(frozen=True, slots=True)
class ScoreCard:
    instrument_id: str
    total: float
    max_total: float
    predicate: str | None
    next_predicate: str | None
    points_to_next: float | None
    projected_verified_total: float
    projected_predicate: str | None
    points_at_risk: float
    parts: tuple[PartScore, ...]
    indicators: tuple[IndicatorScore, ...]
    question_points: Mapping[str, float]
    answered: int
    with_evidence: int


def round_points(value: float) -> float:
    return round(round(value + 0.0, _SNAP), _PLACES) + 0.0  # + 0.0 turns -0.0 into 0.0


def band_for(bands: tuple[Band, ...], total: float) -> Band | None:
    """The highest band whose lower end the total reaches (None below the lowest band)."""
    reached = round_points(total)
    found: Band | None = None
    for band in bands:
        if reached >= band.min_points:
            found = band
    return found


def next_band(bands: tuple[Band, ...], total: float) -> Band | None:
    reached = round_points(total)
    return next((b for b in bands if b.min_points > reached), None)


def points_to(band: Band, total: float) -> float:
    return max(0.0, round_points(band.min_points - round_points(total)))


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a total stands among the bands: its predicate and the next one's distance."""

    predicate: str | None
    next_predicate: str | None
    points_to_next: float | None  # None when the highest predicate is reached


def standing(bands: tuple[Band, ...], total: float) -> Standing:
    """The one place where a total becomes its predicate and the distance to the next."""
    reached = band_for(bands, total)
    upcoming = next_band(bands, total)
    return Standing(
        predicate=reached.name if reached else None,
        next_predicate=upcoming.name if upcoming else None,
        points_to_next=points_to(upcoming, total) if upcoming else None,
    )


def score(instrument: Instrument, answers: Mapping[str, Answer]) -> ScoreCard:
    """Score one answer set. Unanswered questions earn nothing; points are capped per question."""
    n_indicators = len(instrument.indicators)
    n_parts = len(instrument.parts)
    indicator_scores = [0.0] * n_indicators
    indicator_projected = [0.0] * n_indicators
    part_scores = [0.0] * n_parts
    part_projected = [0.0] * n_parts
    question_points: dict[str, float] = {}
    answered = with_evidence = 0
    for code, maximum, indicator_index, part_index in instrument.layout:
        answer = answers.get(code)
        if answer is None:
            continue
        points = answer.points
        points = maximum if points > maximum else (0.0 if not points > 0 else points)
        question_points[code] = points
        answered += 1
        indicator_scores[indicator_index] += points
        part_scores[part_index] += points
        if answer.evidence > 0:
            with_evidence += 1
            indicator_projected[indicator_index] += points
            part_projected[part_index] += points
    total = round_points(math.fsum(part_scores))
    projected = round_points(math.fsum(part_projected))
    stands = standing(instrument.bands, total)
    return ScoreCard(
        instrument_id=instrument.id,
        total=total,
        max_total=round_points(instrument.max_total),
        predicate=stands.predicate,
        next_predicate=stands.next_predicate,
        points_to_next=stands.points_to_next,
        projected_verified_total=projected,
        projected_predicate=(b.name if (b := band_for(instrument.bands, projected)) else None),
        points_at_risk=round_points(total - projected),
        parts=tuple(
            PartScore(
                p.code,
                p.name,
                round_points(part_scores[i]),
                round_points(instrument.part_maxima[i]),
                p.stated_max,
                round_points(part_projected[i]),
            )
            for i, p in enumerate(instrument.parts)
        ),
        indicators=tuple(
            IndicatorScore(
                ind.code,
                ind.name,
                ind.part_code,
                round_points(indicator_scores[i]),
                round_points(instrument.indicator_maxima[i]),
                round_points(indicator_projected[i]),
            )
            for i, ind in enumerate(instrument.indicators)
        ),
        question_points=question_points,
        answered=answered,
        with_evidence=with_evidence,
    )
