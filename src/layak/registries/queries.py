"""What the registry pages show, in a fixed number of queries whatever the number of records:
the kinds of a region with their counts and designation shares in a year, one kind's
institutions with the decree each holds, and the KHA share of each agency.

The figures are the core's (layak.core.registries): defined there once, labelled on the pages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from layak.core.agencies import alias_index, match
from layak.core.registries import BY_CODE, KHA_QUESTIONS, KINDS, InstitutionKind, Share, kha_share
from layak.evaluation.queries.instrument import instrument_for
from layak.regions.models import Agency, Region
from layak.registries.models import (
    AgencyStaff,
    Basis,
    Designation,
    Institution,
    Kind,
    Participant,
)


@dataclass
class KindLine:
    kind: InstitutionKind
    label: str
    total: int = 0  # active institutions: the whole of the share
    inactive: int = 0
    decreed: int = 0  # active ones with a decree (SK) in force in the year
    standardised: int = 0  # active ones with a standard or self-assessment in force

    @property
    def share(self) -> Share:
        return Share(self.decreed, self.total)


@dataclass
class Row:
    institution: Institution
    decree: Designation | None  # the decree in force in the year, if any
    standard: Designation | None


def _in_force(designations: list[Designation], year: int) -> tuple[Designation | None, ...]:
    decree = next((d for d in designations if d.basis == Basis.DECREE and d.holds_in(year)), None)
    standard = next((d for d in designations if d.basis != Basis.DECREE and d.holds_in(year)), None)
    return decree, standard


def institutions(region: Region, year: int, kind: str | None = None) -> list[Row]:
    """The institutions of a region (of one kind) with what they hold in `year`: two queries."""
    found = Institution.objects.filter(region=region).select_related("unit")
    if kind is not None:
        found = found.filter(kind=kind)
    found = found.prefetch_related(Prefetch("designations", queryset=Designation.objects.all()))
    rows = []
    for institution in found.order_by("kind", "name"):
        decree, standard = _in_force(list(institution.designations.all()), year)
        rows.append(Row(institution, decree, standard))
    return rows


def kind_lines(region: Region, year: int) -> list[KindLine]:
    """Every kind with its counts and share in `year`, empty kinds included."""
    labels = dict(Kind.choices)
    lines = {k.code.value: KindLine(k, str(labels[k.code.value])) for k in KINDS}
    for row in institutions(region, year):
        line = lines[row.institution.kind]
        if not row.institution.active:
            line.inactive += 1
            continue
        line.total += 1
        line.decreed += row.decree is not None
        line.standardised += row.standard is not None
    return list(lines.values())


def kind_line(region: Region, year: int, kind: str) -> tuple[KindLine, list[Row]]:
    labels = dict(Kind.choices)
    line = KindLine(BY_CODE[kind], str(labels[kind]))
    rows = institutions(region, year, kind)
    for row in rows:
        if row.institution.active:
            line.total += 1
            line.decreed += row.decree is not None
            line.standardised += row.standard is not None
        else:
            line.inactive += 1
    return line, rows


@dataclass
class AgencyLine:
    agency: Agency
    staff: int | None
    share: Share
    questions: list[str] = field(default_factory=list)  # KHA questions naming the agency


def kha_lines(region: Region, year: int) -> list[AgencyLine]:
    """Each agency of the region with its trained staff, its staff count and its share in
    `year`, and the KHA questions of the year's instrument that name it: four queries."""
    agencies = list(Agency.objects.filter(region=region).offices().order_by("short_name"))
    staff = dict(
        AgencyStaff.objects.filter(agency__region=region, year=year).values_list(
            "agency_id", "count"
        )
    )
    participations: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for agency_id, name, held_on in Participant.objects.filter(
        event__region=region, event__held_on__year__lte=year
    ).values_list("agency_id", "name", "event__held_on"):
        participations[agency_id].append((name, held_on.year))
    asked = _asking(region, year, agencies)
    lines = []
    for agency in agencies:
        share = kha_share(participations[agency.pk], staff.get(agency.pk), year)
        lines.append(AgencyLine(agency, staff.get(agency.pk), share, asked.get(agency.pk, [])))
    return lines


def _asking(region: Region, year: int, agencies: list[Agency]) -> dict[int, list[str]]:
    """Agency id → the KHA questions of the instrument that name it."""
    index = alias_index((a.pk, a.names()) for a in agencies)
    instrument = instrument_for(region.code, year)
    asked: dict[int, list[str]] = defaultdict(list)
    for question in instrument.questions:
        if question.code not in KHA_QUESTIONS:
            continue
        found, _unmatched = match(question.agencies, index)
        for agency_id in found:
            asked[agency_id].append(question.code)
    return asked
