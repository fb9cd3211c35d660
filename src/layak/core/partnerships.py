"""Stakeholders (mitra) in the KLA evaluation: which questions their records answer, and the
share of organisations taking part in PUSPA."""

from __future__ import annotations

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


def share(part: int, whole: int) -> int | None:
    """A whole-number percentage, or None when there is nothing to divide by."""
    if whole <= 0:
        return None
    return round(100 * part / whole)
