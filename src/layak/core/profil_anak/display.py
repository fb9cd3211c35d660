"""A Profile as the cells people read: every count and rate of the page, the PDF, the open
data and the API, each either shown or withheld.

Internally every number is shown. In public mode (`display(profile, hidden)`) the cells that
the disclosure-control step (`disclosure`) withholds read with one marker, whatever the reason
and whatever the value: a rate is withheld when either of its counts or the children it is
over are; the list of lagging places is drawn only from places whose rates are shown, so
neither its rows nor its order say anything about a withheld one. `published_keys` reads back,
from a Display, every cell it lets a reader know: the audit is run on exactly that.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from layak.core.profil_anak.cells import DOCUMENTS, GROUPS, Document, Key, coverage, rate_keys
from layak.core.profil_anak.summary import Figures, Lag, Profile, Rate, lagging_places

State = Literal["shown", "hidden", "none"]
LAGGING = 10  # places in the list of those lagging most, as `summary.summarise` keeps


@dataclass(frozen=True, slots=True)
class Shown:
    """One number as displayed. `hidden`: withheld in public mode (one marker for every
    withheld cell); `none`: there is no number (a rate over no children, a source without
    document counts: "—")."""

    value: float | None
    state: State = "shown"

    @property
    def is_shown(self) -> bool:
        return self.state == "shown"


NONE = Shown(None, "none")
HIDDEN = Shown(None, "hidden")


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
    withheld: int  # how many numbers public mode withheld (0 when not public)


class _Cells:
    def __init__(self, hidden: Collection[Key]) -> None:
        self.hidden = hidden

    def count(self, key: Key, value: int) -> Shown:
        return HIDDEN if key in self.hidden else Shown(value)

    def rate(self, count: Key, place: str, document: Document, rate: Rate | None) -> Shown:
        if rate is None or rate.percent is None:
            return NONE
        if count in self.hidden or any(k in self.hidden for k in rate_keys(document, place)):
            return HIDDEN
        return Shown(rate.percent)

    def row(self, place: Figures, parent: str = "") -> Row:
        code = place.code
        key = ("n", code, "")
        rates = [coverage(place, d) for d in DOCUMENTS]
        return Row(
            code=code,
            name=place.name,
            children=self.count(key, place.children),
            male=self.count(("n", code, "L"), place.by_sex.get("L", 0)),
            female=self.count(("n", code, "P"), place.by_sex.get("P", 0)),
            akta=self.rate(key, code, "akta", rates[0].overall if rates[0] else None),
            kia=self.rate(key, code, "kia", rates[1].overall if rates[1] else None),
            parent=parent,
        )

    def group_row(self, profile: Profile, group: str) -> Row:
        by_sex = profile.region.by_age_group[group]
        key = ("g", group, "")
        rates = [coverage(profile.region, d) for d in DOCUMENTS]
        place = f"g:{group}"
        return Row(
            code=group,
            name=group,
            children=self.count(key, sum(by_sex.values())),
            male=self.count(("g", group, "L"), by_sex.get("L", 0)),
            female=self.count(("g", group, "P"), by_sex.get("P", 0)),
            akta=self.rate(key, place, "akta", rates[0].by_age_group[group] if rates[0] else None),
            kia=self.rate(key, place, "kia", rates[1].by_age_group[group] if rates[1] else None),
        )


def display(profile: Profile, hidden: Collection[Key] | None = None) -> Display:
    """The cells of `profile`: all shown, or in public mode (`hidden` given, even empty) with
    those cells withheld and every number that would give them back withheld with them."""
    public = hidden is not None
    cells = _Cells(hidden if hidden is not None else frozenset())
    kecamatan_names = {f.code: f.name for f in profile.by_kecamatan}
    by_group = tuple(cells.group_row(profile, group) for group in GROUPS)
    if profile.by_age:
        pyramid = tuple(
            AgeBar(
                str(age),
                cells.count(("a", str(age), "L"), male),
                cells.count(("a", str(age), "P"), female),
            )
            for age, male, female in reversed(profile.by_age)
        )
    else:
        pyramid = tuple(AgeBar(r.name, r.male, r.female) for r in reversed(by_group))
    disabilities = tuple(
        DisabilityRow(
            kind,
            cells.count(("d", kind, "L"), male),
            cells.count(("d", kind, "P"), female),
            cells.count(("d", kind, ""), male + female),
        )
        for kind, male, female in profile.disabilities
    )
    total = sum(m + f for _, m, f in profile.disabilities)
    region = cells.row(profile.region)
    return Display(
        year=profile.year,
        public=public,
        region=region,
        by_age_group=by_group,
        by_kecamatan=tuple(cells.row(f) for f in profile.by_kecamatan),
        by_kelurahan=tuple(
            cells.row(f, kecamatan_names.get(f.code.rsplit(".", 1)[0], ""))
            for f in profile.by_kelurahan
        ),
        pyramid=pyramid,
        single_years=bool(profile.by_age),
        disabilities=disabilities,
        disability_total=cells.count(("d", "", ""), total) if disabilities else NONE,
        lagging=_lagging(profile, region, cells) if public else _all_lagging(profile.lagging),
        has_documents=profile.region.akta_coverage is not None
        or profile.region.kia_coverage is not None,
        withheld=sum(1 for key in cells.hidden if key[0] != "w"),  # a rate is one number
    )


def _all_lagging(lags: tuple[Lag, ...]) -> tuple[LagRow, ...]:
    return tuple(_lag_row(lag) for lag in lags)


def _lagging(profile: Profile, region: Row, cells: _Cells) -> tuple[LagRow, ...]:
    """The lagging places among those whose rate is shown, against a shown region rate."""
    shown = {d for d in DOCUMENTS if getattr(region, d).is_shown}

    def among(document: str, code: str) -> bool:
        keys = rate_keys("akta" if document == "akta" else "kia", code)
        if document not in shown or ("n", code, "") in cells.hidden:
            return False
        return not any(k in cells.hidden for k in keys)

    return _all_lagging(lagging_places(profile.region, profile.by_kelurahan, LAGGING, among))


def _lag_row(lag: Lag) -> LagRow:
    document: Document = "akta" if lag.document == "akta" else "kia"
    return LagRow(
        lag.code,
        lag.name,
        document,
        Shown(lag.percent),
        Shown(lag.region_percent),
        Shown(lag.points_behind),
        Shown(lag.children_without),
    )


def published_keys(shown: Display) -> set[Key]:
    """Every cell a reader of `shown` knows exactly: its shown counts, and both counts of each
    shown rate (a rate and its shown children give them)."""
    out: set[Key] = set()

    def counts(kind: str, code: str, row: Row) -> None:
        for sex, cell in (("", row.children), ("L", row.male), ("P", row.female)):
            if cell.is_shown:
                out.add((kind, code, sex))
        nobody = row.children.is_shown and row.children.value == 0  # no children: 0 with, 0 without
        for document in DOCUMENTS:
            if nobody or getattr(row, document).is_shown:
                out.update(rate_keys(document, code if kind == "n" else f"g:{code}"))

    for row in (shown.region, *shown.by_kecamatan, *shown.by_kelurahan):
        counts("n", row.code, row)
    for row in shown.by_age_group:
        counts("g", row.code, row)
    if shown.single_years:
        for bar in shown.pyramid:
            out.update(("a", bar.label, s) for s, c in (("L", bar.male), ("P", bar.female))
                       if c.is_shown)  # fmt: skip
    for lag in shown.lagging:  # a lagging row gives the place's two counts, as its rate does
        out.update(rate_keys(lag.document, lag.code))
    for d in shown.disabilities:
        out.update(("d", d.kind, s) for s, c in (("L", d.male), ("P", d.female), ("", d.total))
                   if c.is_shown)  # fmt: skip
    if shown.disability_total.is_shown:
        out.add(("d", "", ""))
    return out
