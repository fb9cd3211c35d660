"""A Profile as the cells people read: every count and rate of the page and the PDF, each
either shown or withheld, and why.

With `public=True` the small-cell rules of `suppress` apply to every count and rate: a count of
1–4 children is withheld as "<5", a rate over fewer than 5 children, or one that leaves 1–4
children with or without the document, is withheld too. Withholding one cell of a sum that is
shown is not enough: "kecamatan total minus the other kelurahan" would give it back. So every
published sum is an equation (row: L + P = children; column: the kelurahan of a kecamatan add up
to it, the kecamatan to the region; age groups and single years to the region), and while an
equation has exactly one withheld cell, the smallest other cell is withheld as well
("complementary" suppression, shown as "x"). This is the usual single-equation heuristic of
statistical offices: cheap, and it leaves no cell recomputable from one published sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from layak.core.profil_anak import suppress
from layak.core.profil_anak.model import AGE_GROUPS, SEXES, Sex
from layak.core.profil_anak.summary import Coverage, Figures, Lag, Profile, Rate

State = Literal["shown", "small", "hidden", "none"]
Document = Literal["akta", "kia"]
DOCUMENTS: tuple[Document, Document] = ("akta", "kia")


@dataclass(frozen=True, slots=True)
class Shown:
    """One number as displayed. `small`: a count of 1–4 ("<5"); `hidden`: withheld so that a
    small cell cannot be recomputed, or a rate over too few children ("x"); `none`: there is no
    number (a rate over no children, a source without document counts: "—")."""

    value: float | None
    state: State = "shown"

    @property
    def is_shown(self) -> bool:
        return self.state == "shown"


NONE = Shown(None, "none")


@dataclass(frozen=True, slots=True)
class Row:
    """A line of a table: a place, an age group or the region."""

    code: str
    name: str
    children: Shown
    male: Shown
    female: Shown
    akta: Shown
    kia: Shown
    parent: str = ""  # a kelurahan's kecamatan name


@dataclass(frozen=True, slots=True)
class AgeBar:
    label: str  # "0", "1", ... or "0-4", ...
    male: Shown
    female: Shown


@dataclass(frozen=True, slots=True)
class DisabilityRow:
    kind: str
    male: Shown
    female: Shown
    total: Shown


@dataclass(frozen=True, slots=True)
class LagRow:
    code: str
    name: str
    document: Document
    percent: Shown
    region_percent: Shown
    points_behind: Shown
    children_without: Shown


@dataclass(frozen=True, slots=True)
class Display:
    year: int
    public: bool
    region: Row
    by_age_group: tuple[Row, ...]
    by_kecamatan: tuple[Row, ...]
    by_kelurahan: tuple[Row, ...]
    pyramid: tuple[AgeBar, ...]  # oldest first, as a pyramid is drawn
    single_years: bool
    disabilities: tuple[DisabilityRow, ...]
    disability_total: Shown
    lagging: tuple[LagRow, ...]
    has_documents: bool  # False when the source holds no akta/KIA counts
    withheld: int  # how many cells public mode withheld (0 when not public)


# Cell keys: ("n", place, sex or "") children counts; ("g", group, sex or "") age groups of the
# region; ("a", age, sex) single years; ("c", document, place or "g:"+group) children with the
# document; ("d", kind, sex or "") disabilities.
Key = tuple[str, str, str]
Equation = tuple[Key, tuple[Key, ...]]


def protect(
    values: Mapping[Key, int], equations: Iterable[Equation], primary: Iterable[Key]
) -> set[Key]:
    """The cells to withhold: `primary` and, until no published sum has exactly one withheld
    cell, the smallest other cell of such a sum (a non-zero one when there is one)."""
    hidden = set(primary)
    equations = [(total, parts) for total, parts in equations if total in values]
    changed = True
    while changed:
        changed = False
        for total, parts in equations:
            cells = (total, *parts)
            if sum(1 for key in cells if key in hidden) != 1:
                continue
            candidates = [key for key in parts if key not in hidden]
            if not candidates:  # only the total is withheld and it has no parts shown
                continue
            candidates.sort(key=lambda key: (values[key] == 0, values[key], key))
            hidden.add(candidates[0])
            changed = True
    return hidden


class _Cube:
    """The profile's published numbers as keyed cells and the sums that tie them together."""

    def __init__(self, profile: Profile) -> None:
        self.values: dict[Key, int] = {}
        self.equations: list[Equation] = []
        self.primary: set[Key] = set()
        self.profile = profile
        kecamatan_of = self._kecamatan_of(profile)
        places = (profile.region, *profile.by_kecamatan, *profile.by_kelurahan)
        for place in places:
            self._counts(("n", place.code), place.by_sex)
            for document in DOCUMENTS:
                self._covered(("c", document, place.code), _overall(place, document))
        for group, _, _ in AGE_GROUPS:
            self._counts(("g", group), profile.region.by_age_group[group])
            for document in DOCUMENTS:
                coverage = _coverage(profile.region, document)
                rate = coverage.by_age_group.get(group) if coverage else None
                self._covered(("c", document, f"g:{group}"), rate)
        for age, male, female in profile.by_age:
            for sex, count in (("L", male), ("P", female)):
                self._count(("a", str(age), sex), count)
        for kind, male, female in profile.disabilities:
            by_sex: dict[Sex, int] = {"L": male, "P": female}
            self._counts(("d", kind), by_sex)
        self._sums(profile, kecamatan_of)

    @staticmethod
    def _kecamatan_of(profile: Profile) -> dict[str, list[str]]:
        members: dict[str, list[str]] = {f.code: [] for f in profile.by_kecamatan}
        for kelurahan in profile.by_kelurahan:
            parent = kelurahan.code.rsplit(".", 1)[0]
            members.setdefault(parent, []).append(kelurahan.code)
        return members

    def _count(self, key: Key, value: int) -> None:
        self.values[key] = value
        if suppress.count(value) is None:
            self.primary.add(key)

    def _counts(self, prefix: tuple[str, str], by_sex: Mapping[Sex, int]) -> None:
        kind, code = prefix
        for sex in SEXES:
            self._count((kind, code, sex), by_sex.get(sex, 0))
        total = (kind, code, "")
        self._count(total, sum(by_sex.get(sex, 0) for sex in SEXES))
        self.equations.append((total, tuple((kind, code, sex) for sex in SEXES)))

    def _covered(self, key: Key, rate: Rate | None) -> None:
        if rate is None or rate.of == 0:
            return
        self.values[key] = rate.covered
        if suppress.rate(rate.covered, rate.of) is None:
            self.primary.add(key)

    def _sums(self, profile: Profile, kecamatan_of: Mapping[str, Sequence[str]]) -> None:
        region = profile.region.code
        kecamatan = [f.code for f in profile.by_kecamatan]
        groups = [g for g, _, _ in AGE_GROUPS]
        for sex in (*SEXES, ""):
            self.equations.append((("n", region, sex), tuple(("n", k, sex) for k in kecamatan)))
            self.equations.append((("n", region, sex), tuple(("g", g, sex) for g in groups)))
            for kec, members in kecamatan_of.items():
                self.equations.append((("n", kec, sex), tuple(("n", m, sex) for m in members)))
        for sex in SEXES:
            for group, low, high in AGE_GROUPS:
                ages = tuple(("a", str(age), sex) for age in range(low, high + 1))
                if all(key in self.values for key in ages):
                    self.equations.append((("g", group, sex), ages))
        for document in DOCUMENTS:
            covered = [
                (("c", document, region), tuple(("c", document, k) for k in kecamatan)),
                (("c", document, region), tuple(("c", document, f"g:{g}") for g in groups)),
            ]
            covered += [
                (("c", document, kec), tuple(("c", document, m) for m in members))
                for kec, members in kecamatan_of.items()
            ]
            # A place with no children has no rate and no cell; it adds nothing to the sum.
            for total, parts in covered:
                self.equations.append((total, tuple(p for p in parts if p in self.values)))
        kinds = [("d", kind, "") for kind, _, _ in profile.disabilities]
        if kinds:  # the total of children with disabilities is published with the table
            self._count(("d", "", ""), sum(self.values[k] for k in kinds))
            self.equations.append((("d", "", ""), tuple(kinds)))


def _coverage(place: Figures, document: Document) -> Coverage | None:
    return place.akta_coverage if document == "akta" else place.kia_coverage


def display(profile: Profile, public: bool = False) -> Display:
    """The cells of `profile`, all shown, or with `public=True` protected as described above."""
    cube = _Cube(profile)
    hidden = protect(cube.values, cube.equations, cube.primary) if public else set()

    def count(key: Key) -> Shown:
        value = cube.values.get(key)
        if value is None:
            return NONE
        if key in hidden:
            return Shown(None, "small" if key in cube.primary and value > 0 else "hidden")
        return Shown(value)

    def rate(key: Key, of: Rate | None) -> Shown:
        if of is None or of.percent is None:
            return NONE
        return Shown(None, "hidden") if key in hidden else Shown(of.percent)

    def row(place: Figures, parent: str = "") -> Row:
        return Row(
            code=place.code,
            name=place.name,
            children=count(("n", place.code, "")),
            male=count(("n", place.code, "L")),
            female=count(("n", place.code, "P")),
            akta=rate(("c", "akta", place.code), _overall(place, "akta")),
            kia=rate(("c", "kia", place.code), _overall(place, "kia")),
            parent=parent,
        )

    kecamatan_names = {f.code: f.name for f in profile.by_kecamatan}
    by_group = []
    for group, _, _ in AGE_GROUPS:
        akta, kia = _coverage(profile.region, "akta"), _coverage(profile.region, "kia")
        by_group.append(
            Row(
                code=group,
                name=group,
                children=count(("g", group, "")),
                male=count(("g", group, "L")),
                female=count(("g", group, "P")),
                akta=rate(("c", "akta", f"g:{group}"), akta.by_age_group[group] if akta else None),
                kia=rate(("c", "kia", f"g:{group}"), kia.by_age_group[group] if kia else None),
            )
        )
    if profile.by_age:
        pyramid = tuple(
            AgeBar(str(age), count(("a", str(age), "L")), count(("a", str(age), "P")))
            for age, _, _ in reversed(profile.by_age)
        )
    else:
        pyramid = tuple(AgeBar(r.name, r.male, r.female) for r in reversed(by_group))
    disabilities = tuple(
        DisabilityRow(
            kind, count(("d", kind, "L")), count(("d", kind, "P")), count(("d", kind, ""))
        )
        for kind, _, _ in profile.disabilities
    )
    region_code = profile.region.code
    lagging = tuple(_lag_row(lag, hidden, region_code, public) for lag in profile.lagging)
    return Display(
        year=profile.year,
        public=public,
        region=row(profile.region),
        by_age_group=tuple(by_group),
        by_kecamatan=tuple(row(f) for f in profile.by_kecamatan),
        by_kelurahan=tuple(
            row(f, kecamatan_names.get(f.code.rsplit(".", 1)[0], "")) for f in profile.by_kelurahan
        ),
        pyramid=pyramid,
        single_years=bool(profile.by_age),
        disabilities=disabilities,
        disability_total=count(("d", "", "")),
        lagging=lagging,
        has_documents=profile.region.akta_coverage is not None
        or profile.region.kia_coverage is not None,
        withheld=len(hidden),
    )


def _overall(place: Figures, document: Document) -> Rate | None:
    coverage = _coverage(place, document)
    return coverage.overall if coverage else None


def _lag_row(lag: Lag, hidden: set[Key], region_code: str, public: bool) -> LagRow:
    document: Document = "akta" if lag.document == "akta" else "kia"
    withheld = ("c", document, lag.code) in hidden
    without: Shown = Shown(lag.children_without)
    if public and suppress.count(lag.children_without) is None:
        without = Shown(None, "small")
    elif withheld:
        without = Shown(None, "hidden")
    percent = Shown(None, "hidden") if withheld else Shown(lag.percent)
    behind = Shown(None, "hidden") if withheld else Shown(lag.points_behind)
    region_hidden = ("c", document, region_code) in hidden
    region = Shown(None, "hidden") if region_hidden else Shown(lag.region_percent)
    return LagRow(lag.code, lag.name, document, percent, region, behind, without)
