"""The instrument a region's records of a year refer to (task-force records, stakeholder
contributions): its cycle of that year, else its latest cycle's, else the built-in current one."""

from __future__ import annotations

from layak.core.instrument import Instrument
from layak.core.loader import load_builtin
from layak.evaluation.models import Cycle

BUILTIN = "kla-2024"


def instrument_for(region_code: str, year: int) -> Instrument:
    cycles = Cycle.objects.with_instrument().filter(region_id=region_code)
    cycle = cycles.filter(year=year).first() or cycles.order_by("-year").first()
    return cycle.instrument if cycle is not None else load_builtin(BUILTIN)
