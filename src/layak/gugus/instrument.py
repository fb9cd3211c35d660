"""The instrument whose question, part and indicator codes the task force's records use: the
region's cycle of that year, else its latest cycle, else the built-in current instrument."""

from __future__ import annotations

from layak.core.instrument import Instrument
from layak.core.loader import load_builtin
from layak.evaluation.models import Cycle

BUILTIN = "kla-2024"


def instrument_for(region_code: str, year: int) -> Instrument:
    cycles = Cycle.objects.filter(region_id=region_code).select_related("instrument_record")
    cycle = cycles.filter(year=year).first() or cycles.order_by("-year").first()
    return cycle.instrument if cycle is not None else load_builtin(BUILTIN)


def parse_codes(text: str) -> list[str]:
    """Question codes as typed: "2.3, 12.1 13.4" → ["2.3", "12.1", "13.4"] (order kept, once)."""
    codes: list[str] = []
    for code in text.replace(",", " ").replace(";", " ").split():
        if code not in codes:
            codes.append(code)
    return codes
