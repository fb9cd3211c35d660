"""Question codes in the task force's records: the instrument they refer to
(`evaluation.queries.instrument.instrument_for`) and codes as people type them."""

from __future__ import annotations


def parse_codes(text: str) -> list[str]:
    """Question codes as typed: "2.3, 12.1 13.4" → ["2.3", "12.1", "13.4"] (order kept, once)."""
    codes: list[str] = []
    for code in text.replace(",", " ").replace(";", " ").split():
        if code not in codes:
            codes.append(code)
    return codes
