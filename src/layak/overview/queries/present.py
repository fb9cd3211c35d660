"""What the province and national pages show, built from `RegionFigures`: the predicate
distribution, roll-ups by province, and the national table's filter, order and page (all on
the 514 figures already in memory, so no request runs a query per region)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from layak.core.instrument import Band
from layak.overview.queries.figures import RegionFigures

PAGE_SIZE = 50
NONE = "-"  # the filter value and label of "below the lowest band"
SORTS = {
    "nama": lambda f: (f.name,),
    "kode": lambda f: (f.code,),
    "nilai": lambda f: (f.total, f.code),
    "jarak": lambda f: (f.points_to_next if f.points_to_next is not None else 1e9, f.code),
    "lengkap": lambda f: (f.completeness, f.code),
    "terverifikasi": lambda f: (f.verified if f.verified is not None else -1.0, f.code),
}


def bands_of(figures: Sequence[RegionFigures]) -> tuple[Band, ...]:
    return figures[0].instrument.bands if figures else ()


def _per_predicate(
    members: Sequence[RegionFigures], bands: Sequence[Band]
) -> list[tuple[str, int]]:
    """How many of `members` stand at each predicate, from below the lowest band (NONE) up
    to the highest."""
    counts = Counter(f.predicate or NONE for f in members)
    return [(label, counts[label]) for label in (NONE, *(b.name for b in bands))]


def distribution(figures: Sequence[RegionFigures]) -> list[tuple[str, int]]:
    """Regions per predicate, from below the lowest band up to the highest."""
    return [
        (_("Belum") if label == NONE else label, count)
        for label, count in _per_predicate(figures, bands_of(figures))
    ]


@dataclass
class ProvinceRollup:
    code: str
    name: str
    regions: int
    mean: float
    verified: int
    counts: list[int]


def rollups(figures: Sequence[RegionFigures], names: dict[str, str]) -> list[ProvinceRollup]:
    bands = bands_of(figures)
    by_province: dict[str, list[RegionFigures]] = {}
    for figure in figures:
        by_province.setdefault(figure.province, []).append(figure)
    result = []
    for code, members in sorted(by_province.items()):
        result.append(
            ProvinceRollup(
                code,
                names.get(code, code),
                len(members),
                round(sum(f.total for f in members) / len(members), 2),
                sum(1 for f in members if f.verified is not None),
                [count for _label, count in _per_predicate(members, bands)],
            )
        )
    return result


@dataclass
class TablePage:
    rows: list[RegionFigures]
    number: int
    pages: int
    count: int
    sort: str
    descending: bool
    chosen: dict[str, str]

    @property
    def first(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.count else 0


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


def table_page(figures: Sequence[RegionFigures], query: Any) -> TablePage:
    """Filter (province, predicate, name or code), order and page the regions; unknown
    values fall back to the defaults rather than failing."""
    province = query.get("provinsi", "")
    predicate = query.get("predikat", "")
    text = query.get("cari", "").strip().casefold()
    rows = list(figures)
    if province:
        rows = [f for f in rows if f.province == province]
    if predicate:
        rows = [f for f in rows if (f.predicate or NONE) == predicate]
    if text:
        rows = [f for f in rows if text in f.name.casefold() or f.code.startswith(text)]
    order = query.get("urut", "-nilai")
    descending = order.startswith("-")
    sort = order.lstrip("-")
    if sort not in SORTS:
        sort, descending = "nilai", True
    rows.sort(key=SORTS[sort], reverse=descending)
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(1, _int(query.get("hal"), 1)), pages)
    chosen = {"provinsi": province, "predikat": predicate, "cari": query.get("cari", "")}
    return TablePage(
        rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
        number,
        pages,
        len(rows),
        sort,
        descending,
        chosen,
    )


def chosen_year(query: Any, years: list[int]) -> int | None:
    """The year asked for when there are cycles in it, else the latest year with cycles."""
    asked = _int(query.get("tahun"), 0)
    return asked if asked in years else (years[0] if years else None)
