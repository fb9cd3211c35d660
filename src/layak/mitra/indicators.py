"""The KLA indicators a contribution may serve: those of the instrument the region's records of
that year refer to (`evaluation.queries.instrument.instrument_for`)."""

from __future__ import annotations

from layak.core.instrument import Instrument
from layak.evaluation.queries.instrument import instrument_for


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
