"""`{{ value|rupiah }}` → "Rp 25.000.000" (English: "Rp 25,000,000"); `{{ code|place_name }}`
for a region code."""

from __future__ import annotations

from decimal import Decimal

from django import template

from layak.mitra.rules import format_rupiah
from layak.web.errors import request_lang

register = template.Library()


@register.filter
def rupiah(value: Decimal | int | None) -> str:
    return format_rupiah(value, request_lang())
