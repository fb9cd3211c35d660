"""Concrete URLs of the year after (evaluation.carryover) for the authorisation matrix
(test_web_access): the demo has no carried answers, so the answer a person would confirm is
marked as carried from last year first (inside the request's rolled-back savepoint)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.web.websupport import (
    OTHER_QUESTION,
    OTHER_UNIT,
    OWN_QUESTION,
    OWN_UNIT,
    Q_DINKES,
    Target,
)


def _carried(cycle: Any, code: str, unit: str | None) -> None:
    from layak.evaluation.models import Answer

    marked = Answer.objects.filter(cycle=cycle, question_code=code, unit_id=unit).update(
        carried_from_year=cycle.year - 1, reviewed_at=None, version=1
    )
    assert marked == 1, (code, unit)


def years_target(name: str, username: str, variant: str, cycle: Any) -> Target | None:
    own = variant == "own"
    c = cycle.pk
    if name == "evaluation:years":
        return Target(reverse(name, args=[c])) if own else None
    if name == "evaluation:review_unchanged":
        if not own:
            return None
        _carried(cycle, Q_DINKES, None)
        return Target(reverse(name, args=[c]))
    if name == "evaluation:review_answer":
        units = OWN_UNIT if own else OTHER_UNIT
        if username in units:
            code, unit = units[username]
            _carried(cycle, code, unit)
            return Target(reverse(name, args=[c, code]), {"unit": unit})
        questions = OWN_QUESTION if own else OTHER_QUESTION
        found = questions.get(username, Q_DINKES if own else None)
        if found is None:
            return None
        _carried(cycle, found, None)
        return Target(reverse(name, args=[c, found]))
    raise AssertionError(f"no concrete URL for {name!r}: add one to webyears_targets.py")
