"""Rupiah and shares as Indonesians write them, and the overdue-items count for dashboards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import translation
from django.utils.safestring import SafeString

from layak.core.rad import rupiah as rupiah_text
from layak.web.charts import meter

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    return rupiah_text(value)


@register.filter
def share(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value}"
    if (translation.get_language() or "id").startswith("id"):
        text = text.replace(".", ",")
    return f"{text}%"


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
    """The number of overdue action items the signed-in person sees, with a link to them."""
    from layak.gugus import present, rules

    user = context["request"].user
    if not rules.reads(user, region_code):
        return {"count": None}
    return {"count": present.overdue_count(user, region_code), "region_code": region_code}
