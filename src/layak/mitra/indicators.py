"""The KLA indicators a contribution may serve: those of the instrument the region evaluates with
in that year (its cycle), else its latest cycle's, else the built-in kla-2024."""

from __future__ import annotations

from layak.core.instrument import Instrument
from layak.core.loader import load_builtin


def instrument_for(region_code: str, year: int) -> Instrument:
    from layak.evaluation.models import Cycle

    cycles = Cycle.objects.filter(region_id=region_code).select_related("instrument_record")
    cycle = cycles.filter(year=year).first() or cycles.order_by("-year").first()
    if cycle is not None:
        return cycle.instrument
    return load_builtin("kla-2024")


def indicator_names(region_code: str, year: int) -> dict[str, str]:
    """Indicator code → "code name" for the region's instrument of the year."""
    return {i.code: f"{i.code} {i.name}" for i in instrument_for(region_code, year).indicators}


def indicator_choices(region_code: str, year: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped by part, for a <select> with <optgroup>s."""
    instrument = instrument_for(region_code, year)
    return [
        (part.name, [(i.code, f"{i.code} {i.name}") for i in part.indicators])
        for part in instrument.parts
    ]


def part_of(instrument: Instrument, indicator_code: str) -> str | None:
    return next((i.part_code for i in instrument.indicators if i.code == indicator_code), None)
