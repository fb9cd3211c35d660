"""Synthetic answer sets for many regions, drawn like real self-assessments (seeded)."""

from __future__ import annotations

import random

from layak.core.answers import Answer
from layak.core.instrument import Instrument


def region_answers(instrument: Instrument, seed: int) -> dict[str, Answer]:
    """One region: a strength between weak and strong, fractional points, some missing evidence."""
    rng = random.Random(seed)
    strength = rng.uniform(0.45, 0.95)
    documented = rng.uniform(0.6, 0.98)
    answers: dict[str, Answer] = {}
    for question in instrument.questions:
        draw = rng.random()
        if draw < strength:
            points = question.max_points
        elif draw < strength + (1 - strength) / 2:
            points = round(question.max_points * rng.choice((0.25, 0.5, 0.75)), 2)
        else:
            points = 0.0
        evidence = rng.randint(1, 3) if points and rng.random() < documented else 0
        answers[question.code] = Answer(points, evidence)
    return answers


def timed(function, repeat: int = 7) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(median, best) wall time in seconds over `repeat` runs."""
    import statistics
    import time

    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)
