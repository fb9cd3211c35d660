"""From an answer in its kind to points, and the rules that an answer must satisfy.

These functions are the single source of the answer rules: the command line, spreadsheet
imports, web forms and the API all call them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from layak.core.instrument import AnswerKind, Direction, Question, Threshold
from layak.core.messages import InputError, Message, Problem, format_number, msg

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
        return msg("answer.points_negative", code=question.code, value=format_number(points))
    if points > question.max_points + 1e-9:
        return msg(
            "answer.points_above_max",
            code=question.code,
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
        good = parse_yes_no(value) is not question.negative
        return question.max_points if good else 0.0
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
        return msg("answer.number_too_large", maximum=NUMBER_LIMIT)
    return None


# Points are stored with four decimals; a claim is read to that precision.
POINT_PLACES = 4


@dataclass(frozen=True, slots=True)
class Claim:
    """What a region claims for one question: the answer chosen in the question's kind (the
    helper that proposes points) and the points themselves, which the person may adjust
    within the maximum unless the question is strict."""

    value: str  # "" when the points were given alone
    points: float | None  # None: not answered
    proposed: float | None  # the points the chosen answer proposes; None without one

    @property
    def answered(self) -> bool:
        return self.points is not None

    @property
    def adjusted(self) -> bool:
        """The points differ from what the chosen answer proposes (or stand alone)."""
        if self.points is None:
            return False
        return self.proposed is None or abs(self.points - self.proposed) > 0.5e-4


def _points_claimed(question: Question, text: str) -> tuple[float | None, Message | None]:
    number = parse_number(text)
    if number is None:
        return None, msg("answer.points_not_a_number", code=question.code, value=text)
    if (problem := check_points(question, number)) is not None:
        return None, problem
    return round(number, POINT_PLACES), None


def claim_answer(question: Question, value: object = "", points: object = "") -> Claim:
    """The one rule for a region's answer, shared by the web form, the workbook, the API and
    the command line. Either the answer in its kind (`value`) or the points alone are enough;
    with both, the points given win, within the maximum. A strict question takes only its
    kind's answer, and points, if given, must be the ones that answer earns.

    Raises InputError naming the field (`value` or `points`) and the rule."""
    value_text = "" if value is None else str(value).strip()
    points_text = "" if points is None else str(points).strip()
    problems: list[Problem] = []
    proposed: float | None = None
    points_field = "points"
    if question.kind is AnswerKind.POINTS and value_text and not points_text:
        # For a question scored in points, the answer is the points (typed as the answer).
        value_text, points_text, points_field = "", value_text, "value"
    if value_text:
        problem = check_answer(question, value_text)
        if problem is None:
            proposed = round(points_for(question, value_text), POINT_PLACES)
        else:
            problems.append(Problem(problem, column="value"))
    claimed: float | None = None
    if points_text:
        claimed, problem = _points_claimed(question, points_text)
        if problem is not None:
            problems.append(Problem(problem, column=points_field))
        elif question.strict and question.kind is not AnswerKind.POINTS:
            if not value_text:
                strict = msg("answer.strict_needs_value", code=question.code)
                problems.append(Problem(strict, column="value"))
            elif proposed is not None and claimed is not None and abs(claimed - proposed) > 0.5e-4:
                strict = msg(
                    "answer.strict_points",
                    code=question.code,
                    value=format_number(claimed),
                    proposed=format_number(proposed),
                )
                problems.append(Problem(strict, column="points"))
    if problems:
        raise InputError(problems)
    if question.kind is AnswerKind.POINTS and claimed is not None:
        return Claim(format_number(claimed), claimed, claimed)
    return Claim(value_text, claimed if claimed is not None else proposed, proposed)


@dataclass(frozen=True, slots=True)
class UnitTally:
    """A KELANA/DEKELA question's kecamatan (or desa/kelurahan): how many the region has, how
    many answered, and how many answered yes."""

    units: int
    answered: int
    yes: int

    @property
    def complete(self) -> bool:
        return self.units > 0 and self.answered >= self.units

    @property
    def share(self) -> float:
        """The percentage of the region's units that answered yes."""
        return round(100 * self.yes / self.units, 2) if self.units else 0.0


def points_from_share(question: Question, share: float) -> float:
    """The points a share of units answering yes proposes: by the question's thresholds, or
    that share of the maximum for a question without them (the share answering no for a
    negative question)."""
    if question.kind in (AnswerKind.PERCENTAGE, AnswerKind.NUMBER):
        return round(points_for(question, share), POINT_PLACES)
    good = (100 - share) if question.negative else share
    return round(clamp_points(question, question.max_points * good / 100), POINT_PLACES)


def claim_from_units(question: Question, share: float | None, points: object = "") -> Claim:
    """The region's answer to a question its units answer: the share that answered yes is
    the chosen answer and proposes the points; points given adjust them within the maximum
    (not for a strict question). With `share` None, only the points are checked."""
    points_text = "" if points is None else str(points).strip()
    proposed = None if share is None else points_from_share(question, share)
    value = "" if share is None else f"{share:g}"
    if not points_text:
        return Claim(value, proposed, proposed)
    claimed, problem = _points_claimed(question, points_text)
    if problem is None and question.strict:
        problem = msg("answer.strict_units", code=question.code)
    if problem is not None:
        raise InputError([Problem(problem, column="points")])
    return Claim(value, claimed, proposed)


def proposed_points(question: Question, value: str) -> float | None:
    """The points a region answer's stored value proposes (for a question its units answer,
    the value is their share); None without a value or for one no rule reads."""
    if not value:
        return None
    if question.per_unit:
        share = parse_number(value)
        return None if share is None else points_from_share(question, share)
    if question.kind is AnswerKind.POINTS or check_answer(question, value) is not None:
        return parse_number(value) if question.kind is AnswerKind.POINTS else None
    return round(points_for(question, value), POINT_PLACES)


def adjusted_points(question: Question, value: str, points: float | None) -> float | None:
    """The points an answer claims where they differ from what its value proposes (or stand
    alone); None when they are the proposal (or when unanswered). What a form prefills and
    the workbook's `poin diklaim` shows."""
    if points is None:
        return None
    proposed = proposed_points(question, value)
    return points if proposed is None or abs(points - proposed) > 0.5e-4 else None


def same_answer(question: Question, first: str, second: str) -> bool:
    """Do two answers say the same: 2,5 and 2.5, "Ya" and "ya", 33.3 and 33.30?"""
    if question.kind is AnswerKind.YES_NO:
        yes = parse_yes_no(first)
        return yes is not None and yes == parse_yes_no(second)
    a, b = parse_number(first), parse_number(second)
    if a is not None and b is not None:
        return abs(a - b) < 0.5e-4
    return first.strip().casefold() == second.strip().casefold()


def proposal_note_problem(
    question: Question, proposed: str, value: str, note: str, *, shown: object = None
) -> Problem | None:
    """An answer that departs from the one Layak proposes from its registers says why: a note
    is required (at the note field). An empty answer departs from nothing. `shown` is the
    proposal for people, rendered with the message in the reader's language (a Number or a
    Message: "60,0 %" / "60.0 %")."""
    if not value.strip() or note.strip() or same_answer(question, proposed, value):
        return None
    return Problem(
        msg("answer.proposal_note", proposed=proposed if shown is None else shown), column="note"
    )


def value_for(question: Question, points: float) -> str:
    """An answer in the question's kind that earns about these points: the inverse of
    `points_for`, for simulated answers (the demo, the national seed)."""
    if question.kind is AnswerKind.YES_NO:
        return "ya" if (points > 0) is not question.negative else "tidak"
    if question.kind is AnswerKind.CHOICE:
        return min(
            question.options, key=lambda o: abs(o.fraction * question.max_points - points)
        ).key
    if question.kind is AnswerKind.NUMBER:
        return "3" if points > 0 else "0"
    if question.kind is AnswerKind.PERCENTAGE:
        fraction = points / question.max_points if question.max_points else 0
        reached = [t for t in question.thresholds if abs(t.fraction - fraction) < 1e-6]
        if reached:
            return f"{reached[0].value:g}"
        return "10" if question.direction is Direction.HIGHER else "90"
    return f"{points:g}"
