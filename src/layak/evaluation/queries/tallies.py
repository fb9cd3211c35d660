"""How a region's kecamatan and desa/kelurahan answered its KELANA/DEKELA questions: the facts
the region's own answer to such a question follows (`core.answers.UnitTally`). A unit's answer
carried from last year counts once someone has confirmed it (`evaluation.carryover`)."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from layak.core.answers import UnitTally, parse_yes_no
from layak.core.instrument import Question
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, Cycle


def level_of(question: Question) -> Level:
    """The level of the units that answer a KELANA/DEKELA question: kecamatan or kelurahan."""
    return Level.DISTRICT if question.per_kecamatan else Level.VILLAGE


def _counted(cycle: Cycle) -> QuerySet[Answer]:
    """The units' answers a tally counts: answered, and confirmed when carried from last year
    (one still `awaiting_review` does not count yet)."""
    return (
        Answer.objects.filter(cycle=cycle, unit__isnull=False)
        .exclude(value="")
        .exclude(carried_from_year__isnull=False, reviewed_at__isnull=True)
    )


def unit_tally(cycle: Cycle, question: Question) -> UnitTally:
    """The question's units: how many the region has, answered, and answered yes."""
    level = level_of(question)
    values = list(
        _counted(cycle)
        .filter(question_code=question.code, unit__level=level)
        .values_list("value", flat=True)
    )
    return UnitTally(
        units=cycle.region.units(level).count(),
        answered=len(values),
        yes=sum(1 for v in values if parse_yes_no(v)),
    )


def unit_tallies(cycle: Cycle) -> dict[str, UnitTally]:
    """Every per-unit question's tally, in three queries."""
    questions = [q for q in cycle.instrument.questions if q.per_unit]
    if not questions:
        return {}
    units = Counter(
        cycle.region.units(Level.DISTRICT, Level.VILLAGE).values_list("level", flat=True)
    )
    answered: Counter[str] = Counter()
    yes: Counter[str] = Counter()
    levels = {q.code: level_of(q) for q in questions}
    for code, level, value in (
        _counted(cycle)
        .filter(question_code__in=levels)
        .values_list("question_code", "unit__level", "value")
    ):
        if level != levels[code]:
            continue
        answered[code] += 1
        yes[code] += 1 if parse_yes_no(value) else 0
    return {
        code: UnitTally(units=units[level], answered=answered[code], yes=yes[code])
        for code, level in levels.items()
    }
