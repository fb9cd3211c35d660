"""Rupiah and shares in the reader's way, and the overdue-items count for dashboards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString

from layak.core.numbers import localise_number
from layak.core.rupiah import rupiah as rupiah_text
from layak.gugus import policy as rules
from layak.gugus import queries as present
from layak.web.charts import meter
from layak.web.errors import request_lang

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    return rupiah_text(value, request_lang(), sen=True)


@register.filter
def share(value: Decimal | None) -> str:
    """A share as stored (50.7 of a total, 30.00 of an activity), in the reader's way."""
    if value is None:
        return "—"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return f"{localise_number(value, request_lang(), places)}%"


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")


@register.filter
def list_of(first: Any, second: Any) -> list[Any]:
    return [first, second]


@register.filter
def meter_of(percent: int, label: str) -> SafeString:
    return meter(float(percent), label)


@register.inclusion_tag("gugus/_overdue.html", takes_context=True)
def overdue_actions(context: dict[str, Any], region_code: str) -> dict[str, Any]:
    """The numbers of overdue action items and of items due within 7 days that the signed-in
    person sees, each with a link to exactly those items."""
    user = context["request"].user
    if not rules.reads(user, region_code):
        return {"count": None}
    return {
        "count": present.overdue_count(user, region_code),
        "soon": present.due_soon_count(user, region_code),
        "days": present.SOON_DAYS,
        "region_code": region_code,
    }
