"""What the registries' pages share: the page choosing a kabupaten/kota when the user has none
of their own, the region and year a page is for, and the years a page offers."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from layak.accounts.typing import SignedInRequest
from layak.regions.models import Region
from layak.registries.lookups import region_for, regions_to_choose, year_of


def choose_region(request: SignedInRequest, view_name: str) -> HttpResponse:
    context = {"regions": regions_to_choose(request.user), "view_name": view_name}
    return render(request, "registries/choose_region.html", context)


def region_and_year(request: SignedInRequest, view_name: str) -> tuple[Region, int] | HttpResponse:
    """The region and year a list page or its workbook is for, or the page to choose a region
    (which leads back to `view_name`)."""
    region = region_for(request)
    if region is None:
        return choose_region(request, view_name)
    return region, year_of(request)


def years_around(year: int) -> list[int]:
    """Next year, this one and four before it, newest first."""
    return list(range(year + 1, year - 5, -1))
