"""Rupiah as Indonesians write them: read from what people type, written in the reader's way.

One reader for every sum typed into Layak (a contribution's value, a budget line) and one
writer for every sum shown. Every sum is kept the same way, rupiah and sen (`parse_amount`:
at most two decimals, stored with two): a payment or a realised budget line is often not whole
rupiah, and the stakeholders' contributions and the RAD KLA must agree on one rule.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from layak.core.numbers import Lang, localise_number

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PREFIX = re.compile(r"(?i)^\s*(-?)\s*rp\.?\s*")
_PLAIN = re.compile(r"\d+(\.\d+)?")
SEN = Decimal("0.01")


def parse_rupiah(text: str) -> Decimal | None:
    """ "Rp 25.000.000", "25.000.000,50", "25000000", "1500.5" → Decimal; None if unreadable.

    A comma is the decimal mark; dots group thousands. Without a comma, dots are read as
    thousands only when every group after the first has three digits ("25.000"), otherwise a
    single dot is a decimal point (what a spreadsheet export writes: "1500.5").
    """
    cleaned = _PREFIX.sub(r"\1", text.strip()).replace(" ", "")
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
    if not _PLAIN.fullmatch(cleaned):
        return None
    try:
        return Decimal(sign + cleaned)
    except InvalidOperation:
        return None


def parse_amount(text: str) -> Decimal | None:
    """A sum as Layak keeps it: `parse_rupiah`, with at most two decimals (sen), returned with
    exactly two ("1.500.000,5" → 1500000.50). None when unreadable or finer than a sen."""
    amount = parse_rupiah(text)
    if amount is None or amount != amount.quantize(SEN):
        return None
    return amount.quantize(SEN)


def rupiah(
    value: Decimal | int | None, lang: Lang = "id", *, symbol: bool = True, sen: bool = False
) -> str:
    """Rp 1.250.000, in English Rp 1,250,000; "—" for no value.

    Whole rupiah (rounded half up) unless `sen`: then two decimals when there are any
    (Rp 1.500,50). With `symbol=False` the Indonesian form is what `parse_rupiah` reads back.
    """
    if value is None:
        return "—"
    amount = Decimal(value)
    places = 0
    if sen:
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        places = 0 if amount == amount.to_integral_value() else 2
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = localise_number(abs(amount), lang, places)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {text}" if symbol else f"{sign}{text}"
