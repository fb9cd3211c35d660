"""Fetching what a request names, or 404 when the user may not see it (no hint that it exists)."""

from __future__ import annotations

from django.http import Http404

from layak.accounts.models import User
from layak.accounts.policy import manages_region
from layak.core.instrument import Question
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, Cycle
from layak.evaluation.policy import sees_question, visible_cycles
from layak.regions.models import Region


def cycle_for(user: User, cycle_id: int) -> Cycle:
    cycle = visible_cycles(user).prefetch_related("windows").filter(pk=cycle_id).first()
    if cycle is None:
        raise Http404
    return cycle


def question_for(user: User, cycle: Cycle, code: str) -> Question:
    instrument = cycle.instrument
    if not instrument.has_question(code):
        raise Http404
    question = instrument.question(code)
    if not sees_question(user, cycle, question):
        raise Http404
    return question


def unit_for(cycle: Cycle, code: str) -> Region:
    unit = Region.objects.under(cycle.region_id).filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


def region_answer(cycle: Cycle, code: str) -> Answer | None:
    return (
        Answer.objects.filter(cycle=cycle, question_code=code, unit__isnull=True)
        .select_related("updated_by")
        .prefetch_related("verifications__verifier")
        .first()
    )


def region_to_open(user: User, code: str) -> Region:
    """The kabupaten/kota whose next cycle the user opens: its secretariat's own, any for an
    administrator; 404 for one they do not keep (its existence is not revealed)."""
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not manages_region(user, region.code):
        raise Http404
    return region
