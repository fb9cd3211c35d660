"""Template filters: numbers in the reader's way (`number`, `points`: 1.004,50 in Indonesian,
1,004.50 in English; layak.core.numbers). Answers and their history have their own library
(`layak.evaluation.templatetags.answers`)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from layak.core.answers import parse_number
from layak.core.numbers import localise_number, localise_points
from layak.web.errors import request_lang

register = template.Library()


@register.filter
def number(value: float | Decimal | int | str | None, places: int | None = None) -> str:
    """Any number shown to a person: `{{ x|number }}` (as many decimals as it needs, up to
    four) or `{{ x|number:1 }}` (exactly one); "—" when there is none. Text that is not a
    number is shown as it is."""
    if value is None or value == "":
        return "—"
    parsed = parse_number(value) if isinstance(value, str) else value
    if parsed is None:
        return str(value)
    return localise_number(Decimal(str(parsed)), request_lang(), places)


@register.filter
def points(value: float | Decimal | None) -> str:
    if value is None or value == "":
        return "—"
    return localise_points(Decimal(str(value)), request_lang())


@register.filter
def points_field(value: float | Decimal | str | None) -> str:
    """Points to prefill an input: "4", "2,5" (Indonesian) or "2.5"; at most two decimals and
    no thousands mark, so that the value is accepted back as it is (core.answers.parse_number)."""
    if value is None or value == "":
        return ""
    rounded = localise_number(Decimal(str(value)), "en", 2, grouping=False)
    return localise_number(Decimal(rounded), request_lang(), grouping=False)


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key) if mapping else None
