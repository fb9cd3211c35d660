"""The year after: confirming answers carried from last year, and the region's years compared."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS, STAFF, UPLOADERS
from layak.accounts.typing import SignedInRequest
from layak.core.messages import InputError
from layak.evaluation import carryover, services
from layak.evaluation.lookups import cycle_for, question_for, unit_for
from layak.evaluation.models import Answer
from layak.evaluation.policy import visible_cycles
from layak.evaluation.queries.years import compare_years
from layak.evaluation.views.answers import (
    after_answer_write,
    refusal_as_messages,
    version_posted,
)


@require_POST
@allow(*UPLOADERS)  # whoever writes a region's or a unit's answer
def review_answer(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    """ "Sudah ditinjau" on one carried answer (the region's, or a unit's named by `unit`)."""
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    unit_code = request.POST.get("unit", "")
    unit = unit_for(cycle, unit_code) if unit_code else None
    answer = Answer.objects.filter(cycle=cycle, question_code=code, unit=unit).first()
    try:
        if answer is None:
            services.refuse("answer.not_carried")
        carryover.review_answer(
            request.user, answer, expected_version=version_posted(request), request=request
        )
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    return after_answer_write(request, cycle, question, _("Jawaban ditandai sudah ditinjau."))


@require_POST
@allow(*MANAGERS)
def review_unchanged(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    """The secretariat confirms every carried answer nobody has changed, in one step."""
    cycle = cycle_for(request.user, cycle_id)
    try:
        done = carryover.review_unchanged(request.user, cycle, request=request)
    except InputError as error:
        refusal_as_messages(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d jawaban dari tahun lalu ditandai sudah ditinjau dan diajukan.",
                "%(n)d jawaban dari tahun lalu ditandai sudah ditinjau dan diajukan.",
                done.confirmed,
            )
            % {"n": done.confirmed},
        )
        if done.differing:
            messages.warning(
                request,
                ngettext(
                    "%(n)d jawaban perlu ditinjau satu per satu: berbeda dari usulan registri "
                    "(%(questions)s).",
                    "%(n)d jawaban perlu ditinjau satu per satu: berbeda dari usulan registri "
                    "(%(questions)s).",
                    len(done.differing),
                )
                % {"n": len(done.differing), "questions": ", ".join(done.differing)},
            )
    return redirect(f"{reverse('evaluation:questions', args=[cycle.pk])}?menunggu=tahun_lalu")


@require_GET
@allow(*STAFF)
def years(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    """Every year of the cycle's region the person may see, side by side."""
    cycle = cycle_for(request.user, cycle_id)
    cycles = visible_cycles(request.user).filter(region=cycle.region)
    comparison = compare_years(cycles)
    return render(request, "evaluation/years.html", {"cycle": cycle, "comparison": comparison})
