"""Stakeholder rules without Django: rupiah as people write it, and which evaluation
questions a stakeholder record answers."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from layak.core.numbers import Lang, localise_number

# Indicator 3 of the 2024 instrument asks about partnerships per part: 3.1a for Kelembagaan,
# 3.1b–3.1f for Klaster I–V; 3.2 and 3.3 about the business forum. The instrument keeps no
# machine-readable link from a question to "its" part, so the link is written here, and a
# question an instrument does not have is simply never offered.
PARTNERSHIP_QUESTIONS: dict[str, str] = {
    "3.1a": "KL",
    "3.1b": "K1",
    "3.1c": "K2",
    "3.1d": "K3",
    "3.1e": "K4",
    "3.1f": "K5",
}
BUSINESS_FORUM_QUESTION = "3.2"
BUSINESS_ACTIVITY_QUESTION = "3.3"

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def parse_rupiah(text: str) -> Decimal | None:
    """ "Rp 25.000.000", "25.000.000,50", "25000000", "1500.5" → Decimal; None if unreadable.

    A comma is the decimal mark; dots group thousands. Without a comma, dots are read as
    thousands only when every group after the first has three digits ("25.000"), otherwise a
    single dot is a decimal point (what a spreadsheet export writes: "1500.5").
    """
    cleaned = re.sub(r"(?i)^\s*(-?)\s*rp\.?\s*", r"\1", text.strip()).replace(" ", "")
    sign = ""
    if cleaned.startswith("-"):
        sign, cleaned = "-", cleaned[1:]
    if not cleaned:
        return None
    if "," in cleaned:
        whole, _, fraction = cleaned.partition(",")
        if "," in fraction or "." in fraction:
            return None
        if "." in whole and not _GROUPED.match(whole):
            return None
        cleaned = f"{whole.replace('.', '')}.{fraction}"
    elif _GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif cleaned.count(".") > 1:
        return None
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(sign + cleaned)
    except InvalidOperation:
        return None


def format_rupiah(value: Decimal | int | None, lang: Lang = "id") -> str:
    """25000000 → "Rp 25.000.000" (English: "Rp 25,000,000"); cents only when there are any
    ("Rp 1.500,50"). The Indonesian form is also what parse_rupiah reads back."""
    if value is None:
        return "-"
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount).quantize(Decimal("0.01"))
    places = 0 if amount == amount.to_integral_value() else 2
    return f"Rp {sign}{localise_number(amount, lang, places)}"


def share(part: int, whole: int) -> int | None:
    """A whole-number percentage, or None when there is nothing to divide by."""
    if whole <= 0:
        return None
    return round(100 * part / whole)
