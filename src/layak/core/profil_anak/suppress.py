"""Small cells on anything public: a count of 1–4 children could point at a child.

Counts from 1 to 4 become None (shown as "<5"); a rate over fewer than 5 children, or one that
leaves 1–4 children without the document, becomes None as well, because the rate and the
total together would give the small count back.
"""

from __future__ import annotations

THRESHOLD = 5


def count(value: int | None, threshold: int = THRESHOLD) -> int | None:
    if value is None or value == 0 or value >= threshold:
        return value
    return None


def rate(covered: int, of: int, threshold: int = THRESHOLD) -> float | None:
    if of < threshold:
        return None
    without = of - covered
    if 0 < without < threshold or 0 < covered < threshold:
        return None
    return round(100 * covered / of, 2)
