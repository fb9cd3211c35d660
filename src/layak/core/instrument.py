"""The KLA instrument as plain data: parts → indicators → questions, and predicate bands.

An instrument is a year's questionnaire. It is built from a data file by `layak.core.loader`,
never written in code, because the ministry changes it from one year to the next.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from layak.core.messages import Message

# The instrument asks for a matrix in the question's wording: "(Lampirkan MATRIKS ...)", or
# "matriks" anywhere in it (74 of kla-2024's 274 questions, issue 18).
MATRIX_WORD = "matriks"


def asks_for_matrix(text: str) -> bool:
    """Whether an official wording asks the region to attach a matrix (*matriks*): the one
    definition, used on a question's imported wording and when the shipped data is built."""
    return MATRIX_WORD in text.casefold()


class AnswerKind(StrEnum):
    YES_NO = "ya_tidak"  # yes earns the maximum
    CHOICE = "pilihan"  # options worth fractions of the maximum
    PERCENTAGE = "persentase"  # 0–100 with thresholds
    NUMBER = "angka"  # a count with thresholds
    POINTS = "poin"  # points given directly by the assessor


class Direction(StrEnum):
    HIGHER = "naik"  # a higher value is better
    LOWER = "turun"  # a lower value is better (stunting, child marriage cases, ...)


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    label: str
    fraction: float


@dataclass(frozen=True, slots=True)
class Threshold:
    """Reaching `value` (at least it, or at most it when lower is better) earns `fraction`."""

    value: float
    fraction: float


@dataclass(frozen=True, slots=True)
class Question:
    code: str
    label: str
    max_points: float
    kind: AnswerKind
    agencies: tuple[str, ...]
    indicator_code: str
    part_code: str
    per_kecamatan: bool = False
    per_desa_kelurahan: bool = False
    options: tuple[Option, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    direction: Direction = Direction.HIGHER
    text: str = ""  # the official wording, when a region imported it
    # Only the kind's own answers count (yes/no, an option, a threshold): no points of one's own.
    strict: bool = False
    # A yes/no question worded so that "ya" is the bad answer ("masih menerima sponsor rokok?").
    negative: bool = False
    criteria: str = ""  # the official criteria, when the instrument carries them
    evidence: tuple[str, ...] = ()  # the documents the question asks for
    # The wording asks for a matrix, marked in data that does not ship the wording (kla-2024's
    # build marks it with `asks_for_matrix` on the ministry's sentences).
    matrix: bool = False

    @property
    def asks_matrix(self) -> bool:
        """The question asks the region to attach a matrix (*Lampirkan MATRIKS ...*)."""
        return self.matrix or asks_for_matrix(self.text)

    @property
    def per_unit(self) -> bool:
        """Answered by every kecamatan or desa/kelurahan; the region's answer follows theirs."""
        return self.per_kecamatan or self.per_desa_kelurahan


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    part_code: str
    questions: tuple[Question, ...]
    stated_max: float | None = None

    @property
    def max_points(self) -> float:
        return math.fsum(q.max_points for q in self.questions)


@dataclass(frozen=True, slots=True)
class Part:
    code: str
    name: str
    indicators: tuple[Indicator, ...]
    stated_max: float | None = None

    @property
    def max_points(self) -> float:
        return math.fsum(i.max_points for i in self.indicators)

    @property
    def questions(self) -> Iterator[Question]:
        for indicator in self.indicators:
            yield from indicator.questions


@dataclass(frozen=True, slots=True)
class Band:
    """A predicate and its range of total points, as the guideline writes it (e.g. 601–700).

    A total reaches a band when it is at least `min_points`; `max_points` is the written upper
    end, used to check the bands leave no gap and do not overlap.
    """

    name: str
    min_points: float
    max_points: float


@dataclass(frozen=True, slots=True)
class InstrumentWarning:
    """An inconsistency that the instrument keeps (the source has it) and shows to users."""

    message: Message

    def render(self, lang: str = "id") -> str:
        return self.message.render("en" if lang == "en" else "id")


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    year: int
    source: str
    parts: tuple[Part, ...]
    bands: tuple[Band, ...]  # ascending by min_points
    note: str = ""
    warnings: tuple[InstrumentWarning, ...] = ()

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for part in self.parts for q in part.questions)

    @cached_property
    def matrix_questions(self) -> tuple[Question, ...]:
        """The questions that ask for a matrix, in the instrument's order."""
        return tuple(q for q in self.questions if q.asks_matrix)

    @cached_property
    def _by_code(self) -> Mapping[str, Question]:
        return {q.code: q for q in self.questions}

    @cached_property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for part in self.parts for i in part.indicators)

    @cached_property
    def layout(self) -> tuple[tuple[str, float, int, int], ...]:
        """(code, maximum, indicator index, part index) per question, for fast scoring."""
        rows: list[tuple[str, float, int, int]] = []
        indicator_index = 0
        for part_index, part in enumerate(self.parts):
            for indicator in part.indicators:
                rows.extend(
                    (q.code, q.max_points, indicator_index, part_index) for q in indicator.questions
                )
                indicator_index += 1
        return tuple(rows)

    @cached_property
    def part_maxima(self) -> tuple[float, ...]:
        """Each part's maximum, in order: summed once, not for every region's figure (the
        national page builds 514 × 3 figures per request)."""
        return tuple(p.max_points for p in self.parts)

    @cached_property
    def indicator_maxima(self) -> tuple[float, ...]:
        """Each indicator's maximum, in `indicators` order: summed once, not for every score."""
        return tuple(i.max_points for i in self.indicators)

    @cached_property
    def max_total(self) -> float:
        return math.fsum(self.part_maxima)

    @cached_property
    def stated_total(self) -> float | None:
        stated = [p.stated_max for p in self.parts]
        if any(s is None for s in stated):
            return None
        return math.fsum(s for s in stated if s is not None)

    def question(self, code: str) -> Question:
        return self._by_code[code]

    @cached_property
    def _positions(self) -> Mapping[str, int]:
        return {q.code: i for i, q in enumerate(self.questions)}

    def position(self, code: str) -> int:
        """The question's place in the instrument's order."""
        return self._positions[code]

    def has_question(self, code: str) -> bool:
        return code in self._by_code

    def band(self, name: str) -> Band | None:
        wanted = name.strip().casefold()
        return next((b for b in self.bands if b.name.casefold() == wanted), None)

    def part(self, code: str) -> Part:
        return next(p for p in self.parts if p.code == code)
