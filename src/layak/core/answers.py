"""From an answer in its kind to points, and the rules that an answer must satisfy.

These functions are the single source of the answer rules: the command line, spreadsheet
imports, web forms and the API all call them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from layak.core.instrument import AnswerKind, Direction, Question, Threshold
from layak.core.messages import Message, format_number, msg

YES = frozenset({"ya", "y", "yes", "1", "true", "ada", "sudah"})
NO = frozenset({"tidak", "t", "no", "n", "0", "false", "belum", "tidak ada"})


@dataclass(frozen=True, slots=True)
class Answer:
    """What a region claims for one question: points, and how many evidence documents back it."""

    points: float
    evidence: int = 0
    note: str = ""

    @property
    def has_evidence(self) -> bool:
        return self.evidence > 0


def clamp_points(question: Question, points: float) -> float:
    """Points are capped at the question's maximum and never negative."""
    if not math.isfinite(points):
        return 0.0
    return min(max(points, 0.0), question.max_points)


def check_points(question: Question, points: float) -> Message | None:
    """The rule for points claimed directly: 0 ≤ points ≤ maximum."""
    if points < 0:
        return msg("answer.points_negative", value=format_number(points))
    if points > question.max_points + 1e-9:
        return msg(
            "answer.points_above_max",
            value=format_number(points),
            maximum=format_number(question.max_points),
        )
    return None


# Larger than any quantity a KLA question asks for (a regional budget in rupiah included), and
# small enough that the value as written always fits the answer's stored text.
NUMBER_LIMIT = 1e15

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(value: object) -> float | None:
    """A number as people type it: 2.5 or 2,5 (Indonesian decimal comma). None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(float(value)) else None
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", "."))


def parse_evidence_count(value: object) -> int | None:
    """A count of evidence documents: a whole number, 0 or more."""
    number = parse_number(value)
    if number is None or number < 0 or number != int(number):
        return None
    return int(number)


def _threshold_fraction(
    thresholds: tuple[Threshold, ...], value: float, direction: Direction
) -> float:
    if direction is Direction.HIGHER:
        reached = [t.fraction for t in thresholds if value >= t.value - 1e-9]
    else:
        reached = [t.fraction for t in thresholds if value <= t.value + 1e-9]
    return max(reached, default=0.0)


def points_for(question: Question, value: object) -> float:
    """Points earned by an answer given in the question's kind.

    Raises ValueError with a rendered-later Message in `args[0]` when the answer breaks a rule.
    """
    problem = check_answer(question, value)
    if problem is not None:
        raise ValueError(problem)
    kind = question.kind
    if kind is AnswerKind.YES_NO:
        return question.max_points if parse_yes_no(value) else 0.0
    if kind is AnswerKind.CHOICE:
        key = str(value).strip()
        option = next(o for o in question.options if o.key == key)
        return clamp_points(question, option.fraction * question.max_points)
    number = parse_number(value)
    if number is None:  # check_answer refused non-numbers already
        raise ValueError(msg("answer.not_a_number", value=value))
    if kind is AnswerKind.POINTS:
        return clamp_points(question, number)
    fraction = _threshold_fraction(question.thresholds, number, question.direction)
    return clamp_points(question, fraction * question.max_points)


def parse_yes_no(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def check_answer(question: Question, value: object) -> Message | None:
    """The rule for an answer in the question's kind; None when it is acceptable."""
    kind = question.kind
    if kind is AnswerKind.YES_NO:
        return None if parse_yes_no(value) is not None else msg("answer.not_yes_no", value=value)
    if kind is AnswerKind.CHOICE:
        keys = [o.key for o in question.options]
        if str(value).strip() in keys:
            return None
        return msg("answer.unknown_option", value=value, options=", ".join(keys))
    number = parse_number(value)
    if number is None:
        return msg("answer.not_a_number", value=value)
    if kind is AnswerKind.POINTS:
        return check_points(question, number)
    if kind is AnswerKind.PERCENTAGE and not 0 <= number <= 100:
        return msg("answer.percentage_range", value=format_number(number))
    if kind is AnswerKind.NUMBER and number < 0:
        return msg("answer.number_negative", value=format_number(number))
    if abs(number) > NUMBER_LIMIT:
        return msg("answer.number_too_large", maximum=f"{NUMBER_LIMIT:,.0f}".replace(",", "."))
    return None
