"""A region's years side by side: each part's and indicator's score per year, self-assessed and
verified where there is one, the predicates and the change from the year before.

Every number is a cycle's figures as `evaluation.queries.figures.read_figures` gives them (the
dashboard's, the reports', the public page's): the self-assessed and verified figures and the
score cards behind them. Nothing is computed a second way; this only lines the years up. The
public page's history reads the same cycles through `region_cycles` and the same reader.
Three queries whatever the number of years.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from layak.core.figures import Figure, Figures
from layak.core.scoring import ScoreCard, round_points
from layak.evaluation.models import Cycle
from layak.evaluation.queries.figures import read_figures
from layak.regions.models import Region


def region_cycles(region: Region) -> QuerySet[Cycle]:
    """A region's cycles, latest first, with what their figures and pages read."""
    return (
        Cycle.objects.with_instrument()
        .filter(region=region)
        .prefetch_related("windows")
        .order_by("-year")
    )


@dataclass(frozen=True)
class Cell:
    """One line's score in one year; None where that year's instrument lacks the line or
    there is no verified figure yet. `change`: from the year before, when both have one."""

    self_assessed: float | None
    verified: float | None
    self_change: float | None = None
    verified_change: float | None = None


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    is_part: bool
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Year:
    cycle: Cycle
    figures: Figures
    total: Cell

    @property
    def self_assessed(self) -> Figure:
        return self.figures.self_assessed

    @property
    def verified(self) -> Figure | None:
        return self.figures.verified


@dataclass(frozen=True)
class Comparison:
    years: tuple[Year, ...]  # oldest first, as a table reads left to right
    lines: tuple[Line, ...]  # each part, then its indicators, in the latest instrument's order


def _change(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round_points(now - before)


def _cells(pairs: Sequence[tuple[float | None, float | None]]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for i, (mine, verified) in enumerate(pairs):
        before = pairs[i - 1] if i else (None, None)
        cells.append(Cell(mine, verified, _change(mine, before[0]), _change(verified, before[1])))
    return tuple(cells)


def _by_key(card: ScoreCard) -> dict[tuple[bool, str], float]:
    return {(True, p.code): p.score for p in card.parts} | {
        (False, i.code): i.score for i in card.indicators
    }


def compare_years(cycles: Iterable[Cycle]) -> Comparison:
    """The cycles given (one region's) lined up by year."""
    ordered = sorted(cycles, key=lambda c: c.year)
    read = read_figures(ordered)
    figures = [read[c.pk].figures for c in ordered]
    # Keyed by (is a part, code): a part and an indicator may share a code in some instrument.
    scores: list[dict[tuple[bool, str], float]] = []
    verified: list[dict[tuple[bool, str], float]] = []
    for f in figures:
        scores.append(_by_key(f.card))
        verified.append(_by_key(f.verified_card) if f.verified_card else {})
    # The latest instrument's parts and indicators first, then any only earlier years had.
    names: dict[tuple[bool, str], str] = {}
    for cycle in reversed(ordered):
        for part in cycle.instrument.parts:
            names.setdefault((True, part.code), part.name)
            for indicator in part.indicators:
                names.setdefault((False, indicator.code), indicator.name)
    lines = tuple(
        Line(
            code,
            name,
            is_part,
            _cells(
                [
                    (s.get((is_part, code)), v.get((is_part, code)))
                    for s, v in zip(scores, verified, strict=True)
                ]
            ),
        )
        for (is_part, code), name in names.items()
    )
    totals = _cells(
        [(f.self_assessed.total, f.verified.total if f.verified else None) for f in figures]
    )
    years = tuple(Year(c, f, total) for c, f, total in zip(ordered, figures, totals, strict=True))
    return Comparison(years, lines)
