"""Every number a Profil Anak publishes, as keyed cells, and what an attacker knows of them.

A cell is one count the public outputs carry (children of a place, of an age, with or without a
document, with a disability). Each is a sum of the *model's variables*, the finest counts that
any published number is made of:

- children by desa/kelurahan × sex × age group (`n`);
- children by sex × single year, region-wide (`y`, only when the source has single years);
- children holding each document by desa/kelurahan × age group (`c`), at most the children there;
- children with each kind of disability by sex (`e`), region-wide, at most the children of that
  sex (and all kinds together at most those children, when the data keep to it).

This is what the published tables tie together, no less: single years appear only region-wide,
so any split of them over the kelurahan is possible (a transportation problem has a solution
whenever its totals agree), and documents are never published by sex or single year, so any
split of them over those is possible. An attacker who knows the tables' structure, every shown
number, and that counts are whole and never negative knows exactly the integer points of this
model; `audit` asks the solver for each hidden cell's extremes over them.

Cell keys: ("n", place, sex or "") children of the region, a kecamatan or a kelurahan;
("g", group, sex or "") region-wide age groups; ("a", age, sex) single years; ("c", document,
place or "g:" + group) children with the document and ("w", ...) without it (a rate publishes
both); ("d", kind, sex or "") disabilities, and ("d", "", "") all kinds together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from layak.core.profil_anak.model import AGE_GROUPS, SEXES, Sex
from layak.core.profil_anak.summary import Coverage, Figures, Profile

Key = tuple[str, str, str]
Form = Mapping[int, int]  # variable → coefficient
Document = Literal["akta", "kia"]
DOCUMENTS: tuple[Document, Document] = ("akta", "kia")
GROUPS: tuple[str, ...] = tuple(name for name, _, _ in AGE_GROUPS)
# Counts of children (not the with/without split of a rate): Layak never hides a zero, so a
# hidden count is known to be at least 1, and the audit grants the attacker that knowledge.
COUNT_KINDS = frozenset({"n", "g", "a", "d"})


def floor_of(key: Key) -> int:
    """The least value a hidden cell can have in anyone's eyes."""
    return 1 if key[0] in COUNT_KINDS else 0


def rate_keys(document: Document, place: str) -> tuple[Key, Key]:
    """The two cells one published rate carries: children with and without the document."""
    return ("c", document, place), ("w", document, place)


@dataclass(frozen=True, slots=True)
class Table:
    """The published cells of one profile and the attacker's model behind them.

    Every cell has a variable of its own (`cell_var`) defined from finer ones by a short sum,
    so the rows stay sparse however many kelurahan there are; helper variables (partial sums
    per kecamatan) are published nowhere. `rows` are (form, low, high): the definitions
    (= 0), the data's ceilings (≤ 0) and the sums of single years (= 0). `truth` is the true
    value of every variable."""

    values: Mapping[Key, int]
    cell_var: Mapping[Key, int]
    truth: tuple[int, ...]
    rows: tuple[tuple[Form, float, float], ...]
    documents: tuple[Document, ...]
    # A children count → the rate cells computed over it: hiding the count hides them.
    rates_of: Mapping[Key, tuple[Key, ...]]

    @property
    def variables(self) -> int:
        return len(self.truth)


def coverage(place: Figures, document: Document) -> Coverage | None:
    return place.akta_coverage if document == "akta" else place.kia_coverage


def kecamatan_members(profile: Profile) -> dict[str, list[str]]:
    """Each kecamatan's desa/kelurahan codes (a kelurahan's code extends its kecamatan's)."""
    members: dict[str, list[str]] = {f.code: [] for f in profile.by_kecamatan}
    for kelurahan in profile.by_kelurahan:
        members.setdefault(kelurahan.code.rsplit(".", 1)[0], []).append(kelurahan.code)
    return members


EQUAL, CEILING = 0.0, float("-inf")


class _Builder:
    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.truth: list[int] = []
        self.values: dict[Key, int] = {}
        self.cell_var: dict[Key, int] = {}
        self.rows: list[tuple[Form, float, float]] = []
        self.rates_of: dict[Key, tuple[Key, ...]] = {}
        self.documents = tuple(d for d in DOCUMENTS if coverage(profile.region, d) is not None)
        members = kecamatan_members(profile)
        known = {f.code for f in profile.by_kecamatan}
        # A kelurahan whose kecamatan the profile does not list is summed into the region
        # directly, as a kecamatan of its own that is published nowhere.
        self.blocks = {code: kel for code, kel in members.items() if code in known}
        self.blocks.update({f"~{k}": [k] for code, kel in members.items() if code not in known
                            for k in kel})  # fmt: skip

    def variable(self, value: int) -> int:
        self.truth.append(value)
        return len(self.truth) - 1

    def total(self, parts: Iterable[int]) -> int:
        """A helper variable equal to the sum of `parts`."""
        parts = list(parts)
        var = self.variable(sum(self.truth[p] for p in parts))
        self.rows.append(({var: 1, **dict.fromkeys(parts, -1)}, 0.0, 0.0))
        return var

    def cell(self, key: Key, var: int, value: int) -> int:
        if self.truth[var] != value:  # the profile's figures disagree with its counts
            raise ValueError(f"cell {key}: {value} published, {self.truth[var]} counted")
        self.values[key] = value
        self.cell_var[key] = var
        return var

    def ceiling(self, var: int, limit: Iterable[int]) -> None:
        """var ≤ the sum of `limit`."""
        row: dict[int, int] = {var: 1}
        for other in limit:
            row[other] = row.get(other, 0) - 1
        self.rows.append((row, CEILING, 0.0))

    def counts(self, kind: str, code: str, by_sex: Mapping[Sex, int],
               figures: Mapping[Sex, int]) -> int:  # fmt: skip
        """The cells (kind, code, L/P/"") over the variables `by_sex`; the total's variable."""
        for sex in SEXES:
            self.cell((kind, code, sex), by_sex[sex], figures.get(sex, 0))
        everyone = self.total(by_sex[sex] for sex in SEXES)
        return self.cell((kind, code, ""), everyone, sum(figures.get(s, 0) for s in SEXES))

    def rates(self, count: Key, place: str, everyone: int, with_it: Mapping[Document, int],
              figures: Figures, group: str | None) -> None:  # fmt: skip
        """The with/without cells of each document's rate over the children `everyone`."""
        keys: list[Key] = []
        for document in self.documents:
            cov = coverage(figures, document)
            rate = (cov.by_age_group[group] if group else cov.overall) if cov else None
            key_with, key_without = rate_keys(document, place)
            self.cell(key_with, with_it[document], rate.covered if rate else 0)
            without = self.variable(self.truth[everyone] - self.truth[with_it[document]])
            self.rows.append(({without: 1, with_it[document]: 1, everyone: -1}, 0.0, 0.0))
            self.cell(key_without, without, self.truth[without])
            keys += [key_with, key_without]
        self.rates_of[count] = tuple(keys)

    def kelurahan(self) -> None:
        """n per kelurahan × sex × age group, c per kelurahan × document × age group (at most
        the children there), and the kelurahan's own cells."""
        self.n: dict[tuple[str, Sex, str], int] = {}
        self.c: dict[tuple[Document, str, str], int] = {}
        self.by_place: dict[str, tuple[dict[Sex, int], dict[Document, int]]] = {}
        for kel in self.profile.by_kelurahan:
            for group in GROUPS:
                for sex in SEXES:
                    count = kel.by_age_group[group].get(sex, 0)
                    self.n[(kel.code, sex, group)] = self.variable(count)
                for document in self.documents:
                    cov = coverage(kel, document)
                    var = self.variable(cov.by_age_group[group].covered if cov else 0)
                    self.c[(document, kel.code, group)] = var
                    self.ceiling(var, (self.n[(kel.code, sex, group)] for sex in SEXES))
            by_sex = {s: self.total(self.n[(kel.code, s, g)] for g in GROUPS) for s in SEXES}
            docs = {d: self.total(self.c[(d, kel.code, g)] for g in GROUPS) for d in self.documents}
            self.place(kel, by_sex, docs)

    def place(self, figures: Figures, by_sex: dict[Sex, int], docs: dict[Document, int]) -> None:
        everyone = self.counts("n", figures.code, by_sex, figures.by_sex)
        self.rates(("n", figures.code, ""), figures.code, everyone, docs, figures, None)
        self.by_place[figures.code] = (by_sex, docs)

    def above(self, codes: Sequence[str]) -> tuple[dict[Sex, int], dict[Document, int]]:
        parts = [self.by_place[code] for code in codes]
        by_sex = {s: self.total(p[0][s] for p in parts) for s in SEXES}
        docs = {d: self.total(p[1][d] for p in parts) for d in self.documents}
        return by_sex, docs

    def kecamatan_and_region(self) -> None:
        kecamatan = {f.code: f for f in self.profile.by_kecamatan}
        for code, members in self.blocks.items():
            if code in kecamatan:
                self.place(kecamatan[code], *self.above(members))
            else:
                self.by_place[code] = self.by_place[members[0]]
        self.place(self.profile.region, *self.above(list(self.blocks)))

    def age_groups(self) -> None:
        """Region-wide age groups, summed per kecamatan first to keep every row short."""
        region = self.profile.region
        self.groups: dict[tuple[str, Sex], int] = {}
        for group in GROUPS:
            by_sex = {
                s: self.total(self.total(self.n[(k, s, group)] for k in members)
                              for members in self.blocks.values())
                for s in SEXES
            }  # fmt: skip
            self.groups.update({(group, s): by_sex[s] for s in SEXES})
            docs = {
                d: self.total(self.total(self.c[(d, k, group)] for k in members)
                              for members in self.blocks.values())
                for d in self.documents
            }  # fmt: skip
            everyone = self.counts("g", group, by_sex, region.by_age_group[group])
            self.rates(("g", group, ""), f"g:{group}", everyone, docs, region, group)

    def single_years(self) -> None:
        """Single years by sex, region-wide: within a group they add up to the group."""
        years: dict[tuple[Sex, int], int] = {}
        for age, male, female in self.profile.by_age:
            for sex, count in zip(SEXES, (male, female), strict=True):
                years[(sex, age)] = self.cell(("a", str(age), sex), self.variable(count), count)
        for sex in SEXES:
            for group, low, high in AGE_GROUPS:
                row = {years[(sex, age)]: 1 for age in range(low, high + 1)}
                row[self.groups[(group, sex)]] = -1
                self.rows.append((row, 0.0, 0.0))

    def disabilities(self) -> None:
        rows = self.profile.disabilities
        if not rows:
            return
        children = self.by_place[self.profile.region.code][0]
        kinds: list[int] = []
        every_kind: dict[Sex, list[int]] = {s: [] for s in SEXES}
        for kind, male, female in rows:
            by_sex: dict[Sex, int] = {}
            for sex, count in zip(SEXES, (male, female), strict=True):
                by_sex[sex] = self.variable(count)
                every_kind[sex].append(by_sex[sex])
                if count <= self.truth[children[sex]]:  # the importers' rule, per kelurahan
                    self.ceiling(by_sex[sex], (children[sex],))
            kinds.append(self.counts("d", kind, by_sex, {"L": male, "P": female}))
        total = self.total(kinds)
        self.cell(("d", "", ""), total, self.truth[total])
        for sex in SEXES:  # one kind per child in an extract; an attacker may assume it
            if sum(self.truth[v] for v in every_kind[sex]) <= self.truth[children[sex]]:
                self.ceiling(self.total(every_kind[sex]), (children[sex],))


def table(profile: Profile) -> Table:
    """The published cells of `profile` and the attacker's model behind them."""
    b = _Builder(profile)
    b.kelurahan()
    b.kecamatan_and_region()
    b.age_groups()
    if profile.by_age:
        b.single_years()
    b.disabilities()
    return Table(
        values=b.values,
        cell_var=b.cell_var,
        truth=tuple(b.truth),
        rows=tuple(b.rows),
        documents=b.documents,
        rates_of=b.rates_of,
    )
