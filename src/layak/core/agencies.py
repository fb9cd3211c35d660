"""Matching the agency names found in instruments and documents to a region's agencies.

Names vary in the wild ("Capil", "Dukcapil", "Disdukcapil"); each agency carries aliases, and a
name matches when it equals the agency's name, short name or an alias, ignoring case, spaces and
punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

K = TypeVar("K")


def normalise_agency(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def alias_index(agencies: Iterable[tuple[K, Iterable[str]]]) -> dict[str, K]:
    """Normalised name → agency key. The first agency to claim a name keeps it."""
    index: dict[str, K] = {}
    for key, names in agencies:
        for name in names:
            normalised = normalise_agency(name)
            if normalised:
                index.setdefault(normalised, key)
    return index


def match(names: Iterable[str], index: dict[str, K]) -> tuple[list[K], list[str]]:
    """The agencies the names refer to (in order, without repeats) and the names left unmatched."""
    found: list[K] = []
    unmatched: list[str] = []
    for name in names:
        key = index.get(normalise_agency(name))
        if key is None:
            unmatched.append(name)
        elif key not in found:
            found.append(key)
    return found, unmatched
