"""Contradictions an evaluation's stored answers can hold, found from plain facts.

The services refuse every one of these on the way in; this finds them in a database written
before a rule existed (or by hand), so `layak check-answers` can name each one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from layak.core.answers import UnitTally, check_answer, parse_number, proposed_points
from layak.core.instrument import Instrument
from layak.core.messages import Message, format_number, msg
from layak.core.stages import Stage

_EPSILON = 0.5e-4


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    code: str
    unit: str  # "" for the region's own answer
    value: str
    points: float | None
    submitted: bool
    version: int


@dataclass(frozen=True, slots=True)
class StoredVerification:
    code: str
    stage: str
    status: str
    answer_version: int


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    unit: str
    message: Message


def _stage(code: str) -> str:
    try:
        return Stage(code).label
    except ValueError:
        return code


def _quantity(stored: str) -> str:
    """A stored share ("77.27") as a quantity the message writes in the reader's way."""
    number = parse_number(stored)
    return stored if number is None else format_number(number)


def _region_answer_findings(
    instrument: Instrument, answer: StoredAnswer, tally: UnitTally | None
) -> Iterable[Finding]:
    if not instrument.has_question(answer.code):
        yield Finding(answer.code, "", msg("check.unknown_question", instrument=instrument.id))
        return
    question = instrument.question(answer.code)
    if answer.points is not None and answer.points > question.max_points + _EPSILON:
        yield Finding(
            answer.code,
            "",
            msg(
                "check.points_above_max",
                points=format_number(answer.points),
                maximum=format_number(question.max_points),
            ),
        )
    if question.per_unit:
        if tally is not None and answer.value and answer.value != f"{tally.share:g}":
            yield Finding(
                answer.code,
                "",
                msg(
                    "check.computed_stale",
                    value=_quantity(answer.value),
                    share=format_number(tally.share),
                ),
            )
        if tally is not None and tally.complete and not answer.submitted:
            yield Finding(answer.code, "", msg("check.computed_stuck", units=tally.units))
        return
    if answer.value and answer.points is None:
        yield Finding(answer.code, "", msg("check.value_without_points", value=answer.value))
    if answer.value and check_answer(question, answer.value) is not None:
        yield Finding(answer.code, "", msg("check.value_invalid", value=answer.value))
    proposed = proposed_points(question, answer.value)
    if (
        question.strict
        and answer.points is not None
        and (proposed is None or abs(answer.points - proposed) > _EPSILON)
    ):
        yield Finding(
            answer.code,
            "",
            msg(
                "check.strict_adjusted",
                points=format_number(answer.points),
                proposed="-" if proposed is None else format_number(proposed),
            ),
        )


def contradictions(
    instrument: Instrument,
    answers: Iterable[StoredAnswer],
    verifications: Iterable[StoredVerification],
    tallies: Mapping[str, UnitTally],
) -> list[Finding]:
    """Every contradiction, in the instrument's order (unknown codes last)."""
    found: list[Finding] = []
    region: dict[str, StoredAnswer] = {}
    for answer in answers:
        if answer.unit:
            if answer.points is not None:
                found.append(Finding(answer.code, answer.unit, msg("check.unit_points")))
            continue
        region[answer.code] = answer
        found.extend(_region_answer_findings(instrument, answer, tallies.get(answer.code)))
    for verification in verifications:
        decided = region.get(verification.code)
        if decided is None or decided.points is None:
            unanswered = msg("check.verified_unanswered", stage=_stage(verification.stage))
            found.append(Finding(verification.code, "", unanswered))
        elif not decided.submitted and verification.answer_version >= decided.version:
            draft = msg(
                "check.verified_draft",
                stage=_stage(verification.stage),
                status=verification.status,
                version=decided.version,
            )
            found.append(Finding(verification.code, "", draft))
    order = {q.code: i for i, q in enumerate(instrument.questions)}
    found.sort(key=lambda f: (order.get(f.code, len(order)), f.code, f.unit))
    return found
