"""The secretariat's overview of a region's stakeholders in a year: confirmed contributions by
kind of organisation, by KLA indicator and by kecamatan, and the share of organisations in PUSPA.

A fixed number of queries whatever the number of records; sums are done in Python on Decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from layak.core.partnerships import share
from layak.core.wilayah import Level
from layak.evaluation.queries.instrument import instrument_for
from layak.mitra.models import Contribution, Kind, Organisation, Status
from layak.regions.models import Region


@dataclass
class Line:
    key: str
    label: str
    count: int = 0
    value: Decimal = Decimal(0)
    organisations: int = 0


@dataclass
class Summary:
    region: Region
    year: int
    by_kind: list[Line] = field(default_factory=list)
    by_indicator: list[Line] = field(default_factory=list)
    by_kecamatan: list[Line] = field(default_factory=list)
    count: int = 0
    value: Decimal = Decimal(0)
    organisations: int = 0
    puspa: int = 0
    pending: int = 0

    @property
    def puspa_share(self) -> int | None:
        return share(self.puspa, self.organisations)


def years_with_records(region: Region) -> list[int]:
    years = Contribution.objects.filter(organisation__region=region).dates("date", "year")
    return sorted({d.year for d in years}, reverse=True)


def summarise(region: Region, year: int) -> Summary:
    summary = Summary(region, year)
    confirmed = Contribution.objects.filter(
        organisation__region=region, status=Status.CONFIRMED, date__year=year
    )
    rows = list(
        confirmed.values("organisation__kind", "indicator_code", "place_id", "organisation_id")
        .annotate(n=Count("id"), total=Sum("value"))
        .order_by()
    )
    end = date(year, 12, 31)
    counts = Organisation.objects.filter(region=region, active=True).aggregate(
        all=Count("id"),
        puspa=Count(
            "id",
            filter=Q(puspa_member=True) & (Q(puspa_since__isnull=True) | Q(puspa_since__lte=end)),
        ),
    )
    summary.organisations, summary.puspa = counts["all"], counts["puspa"]
    summary.pending = Contribution.objects.filter(
        organisation__region=region, status=Status.PENDING
    ).count()
    kecamatan = {r.code: r.name for r in region.units(Level.DISTRICT)}
    names = {i.code: i.name for i in instrument_for(region.code, year).indicators}

    kinds = {k.value: Line(k.value, str(k.label)) for k in Kind}
    indicators: dict[str, Line] = {}
    districts = {code: Line(code, name) for code, name in sorted(kecamatan.items())}
    seen: dict[str, set[tuple[str, int]]] = {"kind": set(), "indicator": set(), "kecamatan": set()}
    all_organisations: set[int] = set()
    for row in rows:
        n, total = row["n"], row["total"] or Decimal(0)
        organisation = row["organisation_id"]
        district = ".".join(row["place_id"].split(".")[:3])
        code = row["indicator_code"]
        indicator = indicators.setdefault(code, Line(code, f"{code} {names.get(code, '')}".strip()))
        for kind_of_line, line in (
            ("kind", kinds[row["organisation__kind"]]),
            ("indicator", indicator),
            ("kecamatan", districts.setdefault(district, Line(district, district))),
        ):
            line.count += n
            line.value += total
            if (line.key, organisation) not in seen[kind_of_line]:
                seen[kind_of_line].add((line.key, organisation))
                line.organisations += 1
        summary.count += n
        summary.value += total
        all_organisations.add(organisation)
    order = list(names)
    summary.by_kind = list(kinds.values())
    summary.by_indicator = sorted(
        indicators.values(), key=lambda line: order.index(line.key) if line.key in order else 999
    )
    summary.by_kecamatan = list(districts.values())
    return summary
