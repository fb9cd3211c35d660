"""Stakeholder records as evaluation evidence: generated PDFs offered on the questions they answer.

- 3.1a–3.1f (partnerships per part): one list of the confirmed contributions and commitments
  serving that part per year, and each confirmed contribution's own record;
- 3.2 (the business forum): the businesses in PUSPA or with a confirmed commitment;
- 3.3 (the forum's activities): the businesses' confirmed contributions of the year.

Only confirmed records count. The provider answers with a query or two, and only for the
questions above; the PDF is made when an officer attaches it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from layak.core.instrument import Instrument
from layak.core.partnerships import (
    BUSINESS_ACTIVITY_QUESTION,
    BUSINESS_FORUM_QUESTION,
    PARTNERSHIP_QUESTIONS,
)
from layak.evaluation.models import Cycle
from layak.evaluation.queries.instrument import instrument_for
from layak.evidence.ready import ReadyDocument
from layak.mitra.models import Commitment, Contribution, Kind, Organisation, Status
from layak.web.pdf import render_pdf

SOURCE = "Catatan mitra"


def years_for(cycle: Cycle) -> tuple[int, ...]:
    """The evaluation of year Y looks at what was done in Y and Y-1."""
    return (cycle.year, cycle.year - 1)


def confirmed_contributions(region_code: str) -> QuerySet[Contribution]:
    return Contribution.objects.filter(
        organisation__region_id=region_code, status=Status.CONFIRMED
    ).select_related("organisation", "place", "place__parent", "commitment")


def _indicator_codes(instrument: Instrument, part_code: str) -> list[str]:
    return [i.code for i in instrument.part(part_code).indicators]


def provide(cycle: Cycle, question_code: str) -> Iterable[ReadyDocument]:
    """The ready-made evidence provider registered in MitraConfig.ready()."""
    instrument = cycle.instrument
    if not instrument.has_question(question_code):
        return []
    part_code = PARTNERSHIP_QUESTIONS.get(question_code)
    if part_code is not None:
        if not any(p.code == part_code for p in instrument.parts):
            return []
        return _partnership_documents(cycle, instrument, part_code)
    if question_code == BUSINESS_FORUM_QUESTION:
        return _forum_documents(cycle)
    if question_code == BUSINESS_ACTIVITY_QUESTION:
        return _activity_documents(cycle)
    return []


def _partnership_documents(
    cycle: Cycle, instrument: Instrument, part_code: str
) -> list[ReadyDocument]:
    part = instrument.part(part_code)
    codes = _indicator_codes(instrument, part_code)
    years = years_for(cycle)
    contributions = list(
        confirmed_contributions(cycle.region_id).filter(
            indicator_code__in=codes, date__year__in=years
        )
    )
    documents = []
    for year in years:
        of_year = [c for c in contributions if c.date.year == year]
        if not of_year:
            continue
        title = _("Daftar kontribusi mitra untuk %(part)s tahun %(year)s") % {
            "part": part.name.split(" — ")[0],
            "year": year,
        }
        documents.append(
            ReadyDocument(
                key=f"mitra.daftar:{part_code}:{year}",
                title=title,
                year=year,
                source=SOURCE,
                render_pdf=_list_renderer(cycle, instrument, part_code, year, title),
                url=reverse("mitra:summary") + f"?tahun={year}",
                file_name=f"kontribusi-mitra-{part_code}-{year}.pdf",
            )
        )
    documents.extend(contribution_document(c) for c in contributions)
    return documents


def contribution_title(contribution: Contribution) -> str:
    return _("Kontribusi %(organisation)s: %(title)s (%(date)s)") % {
        "organisation": contribution.organisation.name,
        "title": contribution.title,
        "date": contribution.date.strftime("%d-%m-%Y"),
    }


def contribution_document(contribution: Contribution) -> ReadyDocument:
    return ReadyDocument(
        key=f"mitra.kontribusi:{contribution.pk}",
        title=contribution_title(contribution),
        year=contribution.date.year,
        source=SOURCE,
        render_pdf=lambda: contribution_pdf(contribution),
        url=reverse("mitra:contribution", args=[contribution.pk]),
        file_name=f"kontribusi-{contribution.pk}.pdf",
    )


def _list_renderer(
    cycle: Cycle, instrument: Instrument, part_code: str, year: int, title: str
) -> Any:
    def render() -> bytes:
        codes = _indicator_codes(instrument, part_code)
        contributions = list(
            confirmed_contributions(cycle.region_id)
            .filter(indicator_code__in=codes, date__year=year)
            .order_by("date", "id")
        )
        names = {i.code: i.name for i in instrument.indicators}
        commitments = [
            c
            for c in Commitment.objects.filter(
                organisation__region_id=cycle.region_id, status=Status.CONFIRMED
            )
            .filter(Q(contributions__in=contributions))
            .distinct()
            .select_related("organisation")
            if c.active_in(year)
        ]
        return render_pdf(
            "mitra/pdf_list.html",
            {
                "title": title,
                "region_name": cycle.region.name,
                "part": instrument.part(part_code),
                "year": year,
                "rows": [(c, names.get(c.indicator_code, "")) for c in contributions],
                "total": sum((c.value for c in contributions), Decimal(0)),
                "organisations": len({c.organisation_id for c in contributions}),
                "commitments": commitments,
            },
        )

    return render


def contribution_pdf(contribution: Contribution) -> bytes:
    region = contribution.organisation.region
    names = {i.code: i.name for i in _instrument_of(region.code, contribution.date.year).indicators}
    return render_pdf(
        "mitra/pdf_contribution.html",
        {
            "title": _("Kontribusi mitra"),
            "region_name": region.name,
            "c": contribution,
            "indicator_name": names.get(contribution.indicator_code, ""),
            "documents": list(contribution.documents.filter(removed_at__isnull=True)),
        },
    )


def _instrument_of(region_code: str, year: int) -> Instrument:
    return instrument_for(region_code, year)


def forum_members(region_code: str, year: int) -> list[tuple[Organisation, list[Commitment]]]:
    """Businesses in PUSPA (by the end of the year) or with a confirmed commitment in force."""
    end = date(year, 12, 31)
    businesses = Organisation.objects.filter(
        region_id=region_code, kind=Kind.BUSINESS, active=True
    ).prefetch_related("commitments")
    members = []
    for organisation in businesses:
        commitments = [
            c
            for c in organisation.commitments.all()
            if c.status == Status.CONFIRMED and c.active_in(year)
        ]
        in_puspa = organisation.puspa_member and (
            organisation.puspa_since is None or organisation.puspa_since <= end
        )
        if in_puspa or commitments:
            members.append((organisation, commitments))
    return members


def _summary_document(
    cycle: Cycle,
    year: int,
    *,
    key: str,
    title: str,
    file_name: str,
    renderer: Callable[[Cycle, int, str], Any],
) -> ReadyDocument:
    """A document of the stakeholders' summary page for one year: `title` is filled in with
    the region and the year, and printed on the PDF that `renderer` makes."""
    named = title % {"region": cycle.region.name, "year": year}
    return ReadyDocument(
        key=f"mitra.{key}:{year}",
        title=named,
        year=year,
        source=SOURCE,
        render_pdf=renderer(cycle, year, named),
        url=reverse("mitra:summary") + f"?tahun={year}",
        file_name=f"{file_name}-{year}.pdf",
    )


def _forum_documents(cycle: Cycle) -> list[ReadyDocument]:
    title = _("Forum dunia usaha untuk anak %(region)s tahun %(year)s")
    return [
        _summary_document(
            cycle,
            year,
            key="forum",
            title=title,
            file_name="forum-dunia-usaha",
            renderer=_forum_renderer,
        )
        for year in years_for(cycle)
        if forum_members(cycle.region_id, year)
    ]


def _forum_renderer(cycle: Cycle, year: int, title: str) -> Any:
    def render() -> bytes:
        return render_pdf(
            "mitra/pdf_forum.html",
            {
                "title": title,
                "region_name": cycle.region.name,
                "year": year,
                "members": forum_members(cycle.region_id, year),
            },
        )

    return render


def _activity_documents(cycle: Cycle) -> list[ReadyDocument]:
    years = years_for(cycle)
    found = set(
        confirmed_contributions(cycle.region_id)
        .filter(organisation__kind=Kind.BUSINESS, date__year__in=years)
        .values_list("date__year", flat=True)
    )
    title = _("Kegiatan dunia usaha mendukung KLA %(region)s tahun %(year)s")
    return [
        _summary_document(
            cycle,
            year,
            key="kegiatan",
            title=title,
            file_name="kegiatan-dunia-usaha",
            renderer=_activity_renderer,
        )
        for year in years
        if year in found
    ]


def _activity_renderer(cycle: Cycle, year: int, title: str) -> Any:
    def render() -> bytes:
        instrument = cycle.instrument
        names = {i.code: i.name for i in instrument.indicators}
        contributions = list(
            confirmed_contributions(cycle.region_id)
            .filter(organisation__kind=Kind.BUSINESS, date__year=year)
            .order_by("date", "id")
        )
        return render_pdf(
            "mitra/pdf_list.html",
            {
                "title": title,
                "region_name": cycle.region.name,
                "year": year,
                "rows": [(c, names.get(c.indicator_code, "")) for c in contributions],
                "total": sum((c.value for c in contributions), Decimal(0)),
                "organisations": len({c.organisation_id for c in contributions}),
                "commitments": [],
            },
        )

    return render
