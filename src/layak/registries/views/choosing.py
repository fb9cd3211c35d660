"""What the registries' pages share: the page choosing a kabupaten/kota when the user has none
of their own, and the years a page offers."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from layak.accounts.typing import SignedInRequest
from layak.registries.lookups import regions_to_choose


def choose_region(request: SignedInRequest, view_name: str) -> HttpResponse:
    context = {"regions": regions_to_choose(request.user), "view_name": view_name}
    return render(request, "registries/choose_region.html", context)


def years_around(year: int) -> list[int]:
    """Next year, this one and four before it, newest first."""
    return list(range(year + 1, year - 5, -1))
