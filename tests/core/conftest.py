"""Fixtures of the core tests: the real 2024 recap, kla-2024, and small instruments built in tests.

The core has no Django: nothing here touches the database.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.loader import FORMAT, instrument_from_data, load_builtin

REPO = Path(__file__).resolve().parents[2]
RECAP = REPO.parent / "shared" / "data" / "instrumen-kla-2024.json"

KLA_BANDS = [
    {"name": "Pratama", "min": 500, "max": 600},
    {"name": "Madya", "min": 601, "max": 700},
    {"name": "Nindya", "min": 701, "max": 800},
    {"name": "Utama", "min": 801, "max": 900},
    {"name": "KLA", "min": 901, "max": 1000},
]


@pytest.fixture(scope="session")
def recap() -> dict[str, Any]:
    """The regency's real 2024 recap (read-only shared data)."""
    if not RECAP.is_file():
        pytest.skip(f"the real 2024 recap {RECAP} is not on this machine")
    data: dict[str, Any] = json.loads(RECAP.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def kla() -> Instrument:
    return load_builtin("kla-2024")


def instrument_data(
    *questions: dict[str, Any],
    bands: list[dict[str, Any]] | None = None,
    part_max: dict[str, float] | None = None,
) -> dict[str, Any]:
    """An instrument file (as parsed JSON) holding `questions`.

    Each question needs `code` and `max`; its indicator is the code before the last dot and its
    part is `part` (default "P1"). Defaults: kind poin, label = code, the five KLA bands.
    """
    parts: dict[str, dict[str, Any]] = {}
    indicators: dict[str, dict[str, Any]] = {}
    for raw in questions:
        question = {"label": f"Pertanyaan {raw['code']}", "kind": "poin", **copy.deepcopy(raw)}
        part_code = question.pop("part", "P1")
        indicator_code = question["code"].rsplit(".", 1)[0]
        part = parts.setdefault(
            part_code,
            {
                "code": part_code,
                "name": f"Bagian {part_code}",
                "max": (part_max or {}).get(part_code),
                "indicators": [],
            },
        )
        if indicator_code not in indicators:
            indicators[indicator_code] = {
                "code": indicator_code,
                "name": f"Indikator {indicator_code}",
                "questions": [],
            }
            part["indicators"].append(indicators[indicator_code])
        indicators[indicator_code]["questions"].append(question)
    return {
        "format": FORMAT,
        "id": "uji",
        "name": "Instrumen uji",
        "year": 2024,
        "source": "dibuat dalam tes",
        "bands": copy.deepcopy(KLA_BANDS if bands is None else bands),
        "parts": list(parts.values()),
    }


def build_instrument(*questions: dict[str, Any], **kwargs: Any) -> Instrument:
    return instrument_from_data(instrument_data(*questions, **kwargs))


@pytest.fixture(scope="session")
def make_data() -> Callable[..., dict[str, Any]]:
    return instrument_data


@pytest.fixture(scope="session")
def make_instrument() -> Callable[..., Instrument]:
    return build_instrument


# Maxima on a 0.05 grid (0.05 … 5: 1.25, 3.2, ...) keep sums clear of rounding boundaries.
grid_points = st.integers(1, 100).map(lambda k: k / 20)


@st.composite
def small_instruments(draw: st.DrawFn, max_questions: int = 7) -> Instrument:
    """1–7 questions with fractional maxima over 1–3 parts, and 1–3 contiguous bands."""
    n = draw(st.integers(1, max_questions))
    questions = [
        {
            "code": f"{draw(st.integers(1, 3))}.{i}",
            "max": draw(grid_points),
            "per_kecamatan": draw(st.booleans()),
        }
        for i in range(1, n + 1)
    ]
    for q in questions:
        q["part"] = f"P{q['code'].split('.')[0]}"  # an indicator lives in one part
    total_twentieths = round(sum(q["max"] for q in questions) * 20)
    lows = sorted(
        draw(st.sets(st.integers(1, total_twentieths + 20), min_size=1, max_size=3)),
    )
    mins = [k / 20 for k in lows]
    bands = [
        {
            "name": f"B{i}",
            "min": low,
            "max": max(low, mins[i + 1] - 0.5) if i + 1 < len(mins) else low + 10,
        }
        for i, low in enumerate(mins)
    ]
    return build_instrument(*questions, bands=bands)


def answers_for(instrument: Instrument) -> st.SearchStrategy[dict[str, Answer]]:
    """Some questions unanswered; claimed points on a 0.05 grid up to the maximum; 0–2 documents."""

    def one(maximum: float) -> st.SearchStrategy[Answer | None]:
        points = st.integers(0, round(maximum * 20)).map(lambda k: k / 20)
        answer = st.builds(Answer, points, st.integers(0, 2))
        return st.one_of(st.none(), answer)

    codes = [q.code for q in instrument.questions]
    return st.tuples(*(one(q.max_points) for q in instrument.questions)).map(
        lambda drawn: {c: a for c, a in zip(codes, drawn, strict=True) if a is not None}
    )


@pytest.fixture(scope="session")
def small_instrument_strategy() -> Callable[..., st.SearchStrategy[Instrument]]:
    return small_instruments


@pytest.fixture(scope="session")
def answer_strategy() -> Callable[[Instrument], st.SearchStrategy[dict[str, Answer]]]:
    return answers_for
