"""`{{ value|rupiah }}` → "Rp 25.000.000" (English: "Rp 25,000,000"); `{{ code|place_name }}`
for a region code."""

from __future__ import annotations

from decimal import Decimal

from django import template

from layak.core.rupiah import rupiah as rupiah_text
from layak.web.errors import request_lang

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    return rupiah_text(value, request_lang(), sen=True)
