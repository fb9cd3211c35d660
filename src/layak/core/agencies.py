"""Matching the agency names found in instruments and documents to a region's agencies.

Names vary in the wild ("Capil", "Dukcapil", "Disdukcapil"); each agency carries aliases, and a
name matches when it equals the agency's name, short name or an alias, ignoring case, spaces and
punctuation.

Some bodies the instrument names as suppliers are not agencies (the Forum Anak Daerah, the
business community): a region records each with the agency that coordinates it, and a question
they supply is assigned to that agency with the supplier named (`assign`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

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


@dataclass(frozen=True)
class Assigned(Generic[K]):
    """Who answers one question: the agencies in the order the instrument names them (the first
    leads), the coordinated suppliers each agency answers for, and the names left unmatched."""

    agencies: list[K]
    suppliers: dict[K, list[K]]
    unmatched: list[str]


def assign(names: Iterable[str], index: dict[str, K], coordinators: Mapping[K, K]) -> Assigned[K]:
    """Resolve the supplier names of a question. A name of an agency is that agency. A name of a
    coordinated supplier (a body that supplies data but is not an agency, such as the Forum Anak
    Daerah or the business community, recorded with the agency that coordinates it) is assigned
    to its coordinating agency, and the supplier is kept beside it so pages can say so."""
    found: list[K] = []
    suppliers: dict[K, list[K]] = {}
    unmatched: list[str] = []
    for name in names:
        key = index.get(normalise_agency(name))
        if key is None:
            unmatched.append(name)
            continue
        agency = coordinators.get(key, key)
        if agency not in found:
            found.append(agency)
        if agency != key and key not in suppliers.setdefault(agency, []):
            suppliers[agency].append(key)
    return Assigned(found, {k: v for k, v in suppliers.items() if v}, unmatched)
