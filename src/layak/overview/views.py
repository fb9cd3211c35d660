"""The province page (its kabupaten/kota side by side) and the national page (distribution,
every region's position, roll-ups by province)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import NATION_READERS, PROVINCE_READERS
from layak.accounts.typing import SignedInRequest
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.overview.charts import predicate_bars
from layak.overview.queries import present
from layak.overview.queries.figures import (
    RegionFigures,
    provinces,
    region_figures,
    years_with_cycles,
)
from layak.overview.snapshots import Snapshot, read_snapshot
from layak.overview.tasks import refresh_in_background
from layak.regions.models import Region
from layak.web.htmx import is_htmx


def _chart(figures: list[RegionFigures]) -> SafeString:
    return predicate_bars(
        present.distribution(figures),
        _("Sebaran predikat"),
        _("Jumlah kabupaten/kota per predikat menurut nilai penilaian mandiri."),
    )


@require_GET
@allow(*PROVINCE_READERS)
def province(request: SignedInRequest, code: str) -> HttpResponse:
    region = Region.objects.filter(code=code, level=Level.PROVINCE).first()
    if region is None or not policy.sees_province(request.user, code):
        raise Http404
    years = years_with_cycles(code)
    year = present.chosen_year(request.GET, years)
    # One province is at most a few dozen regions: live aggregation, the queue included.
    figures = region_figures(year, code) if year else []
    instrument = figures[0].instrument if figures else None
    return render(
        request,
        "overview/province.html",
        {
            "province": region,
            "years": years,
            "year": year,
            "figures": figures,
            "parts": instrument.parts if instrument else (),
            "rows": [
                (f, [(p.code, v) for p, v in zip(instrument.parts, f.parts, strict=True)])
                for f in figures
            ]
            if instrument
            else [],
            "chart": _chart(figures) if figures else None,
            "queue": [f for f in figures if f.queue],
            # The list filtered to what the queue counts: the same rule (evaluation.queues).
            "waiting_key": Stage.ADMINISTRATIVE.value,
            "sees_nation": policy.sees_nation(request.user),
        },
    )


@require_GET
@allow(*NATION_READERS)
def national(request: HttpRequest) -> HttpResponse:
    years = years_with_cycles()
    year = present.chosen_year(request.GET, years)
    snapshot = read_snapshot(year) if year else Snapshot([], 0)
    if year and snapshot.in_background:
        refresh_in_background(year)
    # Figures of only some regions would be a distribution and roll-ups of a part of the
    # country: while regions are still without figures, the page says so and shows none.
    figures = [] if snapshot.pending else snapshot.figures
    names = provinces()
    context: dict[str, Any] = {
        "years": years,
        "year": year,
        "snapshot": snapshot,
        "figures": figures,
        "table": present.table_page(figures, request.GET),
        "province_names": names,
        "bands": present.bands_of(figures),
        "none": present.NONE,
    }
    if is_htmx(request):
        context["partial"] = True
        return render(request, "overview/_national_table.html", context)
    context["chart"] = _chart(figures) if figures else None
    context["distribution"] = present.distribution(figures)
    context["rollups"] = present.rollups(figures, names)
    return render(request, "overview/national.html", context)
