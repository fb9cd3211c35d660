"""Template filters for answers: values as people read them (Ya/Tidak, an option's label, 3,75)
and the rule that proposes points, in words. Their history is read by layak.evaluation.history."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django import template
from django.utils.translation import gettext as _

from layak.core.answers import parse_number, parse_yes_no
from layak.core.instrument import AnswerKind, Direction, Option, Question
from layak.core.numbers import localise_number
from layak.web.errors import request_lang
from layak.web.templatetags.layak import points

if TYPE_CHECKING:
    from layak.evaluation.models import Answer

register = template.Library()


def value_text(question: Question, value: object, *, unit_answer: bool = False) -> str:
    """An answer's value as people read it: Ya/Tidak (Yes/No) rather than the stored ya/tidak,
    an option's label rather than its key. A kecamatan's or kelurahan's own answer is always a
    yes/no; the city's answer to such a question is the share that said yes, shown as stored."""
    text = str(value)
    if not unit_answer and (question.per_kecamatan or question.per_desa_kelurahan):
        return _number_text(text)
    if unit_answer or question.kind is AnswerKind.YES_NO:
        yes = parse_yes_no(text)
        if yes is not None:
            return _("Ya") if yes else _("Tidak")
    if question.kind is AnswerKind.CHOICE:
        return next((o.label for o in question.options if o.key == text), text)
    return _number_text(text)


def _number_text(text: str) -> str:
    """A stored number ("3.75") as the reader writes it (3,75); any other text unchanged."""
    parsed = parse_number(text)
    return text if parsed is None else localise_number(Decimal(str(parsed)), request_lang())


@register.filter
def answer_text(answer: Answer | None, question: Question) -> str:
    if answer is None or not answer.answered:
        return "—"
    if not answer.value:
        return _("poin diisi langsung")
    if answer.unit_id is None and question.per_unit:
        return _("%(share)s %% wilayah menjawab ya") % {"share": points(Decimal(answer.value))}
    return value_text(question, answer.value, unit_answer=answer.unit_id is not None)


@register.filter
def option_points(option: Option, question: Question) -> float:
    return option.fraction * question.max_points


def _of_max(fraction: float, question: Question) -> str:
    """A share of the question's maximum in words: "nilai penuh (3 poin)", "75 % dari nilai
    (2,25 poin)", "0"."""
    if fraction <= 0:
        return "0"
    if fraction >= 1:
        return _("nilai penuh (%(points)s poin)") % {"points": points(question.max_points)}
    return _("%(share)s %% dari nilai (%(points)s poin)") % {
        "share": points(100 * fraction),
        "points": points(fraction * question.max_points),
    }


@register.filter
def scoring_rule(question: Question) -> list[str]:
    """How an answer earns points, in words, one step a line: "Ya → nilai penuh (1 poin)",
    "≥ 25 % → 25 % dari nilai (0,75 poin)", "< 25 % → 0" (core.answers.points_for)."""
    if question.per_unit and question.kind not in (AnswerKind.PERCENTAGE, AnswerKind.NUMBER):
        share = (
            _("persentase wilayah yang menjawab Tidak")
            if question.negative
            else _("persentase wilayah yang menjawab Ya")
        )
        return [_("Nilai kota = %(share)s × nilai maksimal") % {"share": share}]
    if question.kind is AnswerKind.YES_NO:
        full, none = _of_max(1, question), _of_max(0, question)
        yes, no = (none, full) if question.negative else (full, none)
        return [_("Ya → %(points)s") % {"points": yes}, _("Tidak → %(points)s") % {"points": no}]
    if question.kind is AnswerKind.CHOICE:
        return [f"{o.label} → {_of_max(o.fraction, question)}" for o in question.options]
    if question.kind is AnswerKind.POINTS:
        return [
            _("Penilai mengisi poin langsung, 0 sampai %(max)s.")
            % {"max": points(question.max_points)}
        ]
    if not question.thresholds:
        return []
    unit = " %" if question.kind is AnswerKind.PERCENTAGE else ""
    lower = question.direction is Direction.LOWER
    steps = [
        f"{'≤' if lower else '≥'} {points(t.value)}{unit} → {_of_max(t.fraction, question)}"
        for t in sorted(question.thresholds, key=lambda t: -t.fraction)
    ]
    edge = (
        max(t.value for t in question.thresholds)
        if lower
        else min(t.value for t in question.thresholds)
    )
    steps.append(f"{'>' if lower else '<'} {points(edge)}{unit} → 0")
    return steps
