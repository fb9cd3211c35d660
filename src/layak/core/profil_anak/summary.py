"""From the cube of counts to the figures a Profil Anak shows.

Every figure is a sum over `Cell`s, so microdata and aggregated tables give the same shapes.
Rates are percentages with two decimals; a rate over no children is None, never 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from layak.core.profil_anak.model import AGE_GROUPS, SEXES, Cell, DisabilityCell, Sex


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    name: str
    parent: str | None = None  # a kelurahan's kecamatan


@dataclass(frozen=True, slots=True)
class Rate:
    covered: int
    of: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.covered / self.of, 2) if self.of else None

    def to_json(self) -> dict[str, object]:
        return {"covered": self.covered, "of": self.of, "percent": self.percent}


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage of one document (akta or KIA): overall, by sex and by age group."""

    overall: Rate
    by_sex: Mapping[Sex, Rate]
    by_age_group: Mapping[str, Rate]

    def to_json(self) -> dict[str, object]:
        return {
            **self.overall.to_json(),
            "by_sex": {s: r.to_json() for s, r in self.by_sex.items()},
            "by_age_group": {g: r.to_json() for g, r in self.by_age_group.items()},
        }


@dataclass(frozen=True, slots=True)
class Figures:
    """The same set of figures for the region, a kecamatan or a kelurahan."""

    code: str
    name: str
    children: int
    by_sex: Mapping[Sex, int]
    by_age_group: Mapping[str, Mapping[Sex, int]]
    akta_coverage: Coverage | None  # None where the source holds no document counts
    kia_coverage: Coverage | None

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "children": self.children,
            "by_sex": dict(self.by_sex),
            "by_age_group": {
                g: {**dict(by), "total": sum(by.values())} for g, by in self.by_age_group.items()
            },
            "akta_coverage": self.akta_coverage.to_json() if self.akta_coverage else None,
            "kia_coverage": self.kia_coverage.to_json() if self.kia_coverage else None,
        }


@dataclass(frozen=True, slots=True)
class Lag:
    """A place whose coverage is below the region's, by how many percentage points."""

    code: str
    name: str
    document: str  # "akta" or "kia"
    percent: float
    region_percent: float
    children_without: int

    @property
    def points_behind(self) -> float:
        return round(self.region_percent - self.percent, 2)


@dataclass(frozen=True, slots=True)
class Profile:
    year: int
    region: Figures
    by_kecamatan: tuple[Figures, ...]
    by_kelurahan: tuple[Figures, ...]
    # Children by single year of age and sex (the pyramid); empty when only groups are known.
    by_age: tuple[tuple[int, int, int], ...]
    disabilities: tuple[tuple[str, int, int], ...]  # kind, L, P; largest first
    lagging: tuple[Lag, ...]

    def to_json(self) -> dict[str, object]:
        region = self.region.to_json()
        return {
            "year": self.year,
            "region": {"code": self.region.code, "name": self.region.name},
            "children": region["children"],
            "by_sex": region["by_sex"],
            "by_age_group": region["by_age_group"],
            "by_age": [{"age": a, "L": m, "P": f} for a, m, f in self.by_age],
            "akta_coverage": region["akta_coverage"],
            "kia_coverage": region["kia_coverage"],
            "by_kecamatan": [f.to_json() for f in self.by_kecamatan],
            "by_kelurahan": [f.to_json() for f in self.by_kelurahan],
            "disabilities": [
                {"kind": k, "L": m, "P": f, "total": m + f} for k, m, f in self.disabilities
            ],
            "lagging": [
                {
                    "code": lag.code,
                    "name": lag.name,
                    "document": lag.document,
                    "percent": lag.percent,
                    "region_percent": lag.region_percent,
                    "points_behind": lag.points_behind,
                    "children_without": lag.children_without,
                }
                for lag in self.lagging
            ],
        }


def _group_of_cell(cell: Cell) -> str:
    for name, low, high in AGE_GROUPS:
        if low <= cell.age_low and cell.age_high <= high:
            return name
    raise ValueError(f"age {cell.age_low}-{cell.age_high} straddles the profile's age groups")


def _coverage(cells: Sequence[Cell], field_name: str) -> Coverage | None:
    if not cells or any(getattr(c, field_name) is None for c in cells):
        return None
    total = [0, 0]
    sex: dict[Sex, list[int]] = {s: [0, 0] for s in SEXES}
    group: dict[str, list[int]] = {g: [0, 0] for g, _, _ in AGE_GROUPS}
    for cell in cells:
        covered = int(getattr(cell, field_name))
        for bucket in (total, sex[cell.sex], group[_group_of_cell(cell)]):
            bucket[0] += covered
            bucket[1] += cell.children
    return Coverage(
        overall=Rate(total[0], total[1]),
        by_sex={s: Rate(*v) for s, v in sex.items()},
        by_age_group={g: Rate(*v) for g, v in group.items()},
    )


def figures(code: str, name: str, cells: Sequence[Cell]) -> Figures:
    by_sex: dict[Sex, int] = dict.fromkeys(SEXES, 0)
    by_group: dict[str, dict[Sex, int]] = {g: dict.fromkeys(SEXES, 0) for g, _, _ in AGE_GROUPS}
    for cell in cells:
        by_sex[cell.sex] += cell.children
        by_group[_group_of_cell(cell)][cell.sex] += cell.children
    return Figures(
        code=code,
        name=name,
        children=sum(by_sex.values()),
        by_sex=by_sex,
        by_age_group=by_group,
        akta_coverage=_coverage(cells, "akta"),
        kia_coverage=_coverage(cells, "kia"),
    )


def summarise(
    year: int,
    region: Place,
    villages: Mapping[str, Place],
    districts: Mapping[str, Place],
    cells: Iterable[Cell],
    disabilities: Iterable[DisabilityCell] = (),
    lagging_limit: int = 10,
) -> Profile:
    """The profile of `region` for `year`. Every kecamatan and kelurahan of the region appears,
    with zero children where the source holds none, so gaps in the data show."""
    cells = tuple(cells)
    by_village: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_village[cell.village].append(cell)
    by_district: dict[str, list[Cell]] = defaultdict(list)
    for code, village in villages.items():
        by_district[village.parent or ""].extend(by_village.get(code, ()))

    kelurahan = tuple(
        figures(code, villages[code].name, by_village.get(code, [])) for code in sorted(villages)
    )
    kecamatan = tuple(
        figures(code, districts[code].name, by_district.get(code, [])) for code in sorted(districts)
    )
    whole = figures(region.code, region.name, cells)

    single_years = all(c.age_low == c.age_high for c in cells)
    by_age: tuple[tuple[int, int, int], ...] = ()
    if cells and single_years:
        counts: dict[tuple[int, Sex], int] = defaultdict(int)
        for cell in cells:
            counts[(cell.age_low, cell.sex)] += cell.children
        by_age = tuple((age, counts[(age, "L")], counts[(age, "P")]) for age in range(18))

    kinds: dict[str, dict[Sex, int]] = defaultdict(lambda: dict.fromkeys(SEXES, 0))
    for d in disabilities:
        kinds[d.kind][d.sex] += d.children
    disability_rows = tuple(
        sorted(
            ((k, v["L"], v["P"]) for k, v in kinds.items()),
            key=lambda row: (-(row[1] + row[2]), row[0]),
        )
    )
    return Profile(
        year=year,
        region=whole,
        by_kecamatan=kecamatan,
        by_kelurahan=kelurahan,
        by_age=by_age,
        disabilities=disability_rows,
        lagging=lagging_places(whole, kelurahan, lagging_limit),
    )


def lagging_places(
    whole: Figures,
    places: Sequence[Figures],
    limit: int,
    among: Callable[[str, str], bool] | None = None,
) -> tuple[Lag, ...]:
    """The places furthest below the region's coverage, by the children they leave without;
    with `among`, only the (document, place code) pairs it accepts take part."""
    lags: list[Lag] = []
    for document in ("akta", "kia"):
        region_cov = whole.akta_coverage if document == "akta" else whole.kia_coverage
        if region_cov is None or region_cov.overall.percent is None:
            continue
        for place in places:
            if among is not None and not among(document, place.code):
                continue
            cov = place.akta_coverage if document == "akta" else place.kia_coverage
            if cov is None or cov.overall.percent is None:
                continue
            if cov.overall.percent < region_cov.overall.percent:
                lags.append(
                    Lag(
                        code=place.code,
                        name=place.name,
                        document=document,
                        percent=cov.overall.percent,
                        region_percent=region_cov.overall.percent,
                        children_without=cov.overall.of - cov.overall.covered,
                    )
                )
    lags.sort(key=lambda lag: (-lag.points_behind, -lag.children_without, lag.code))
    return tuple(lags[:limit])
