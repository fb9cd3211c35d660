"""A kabupaten/kota's registries as figures (docs/registries.md): per kind of institution the
active ones, those with a decree in force in the year and their share; per agency the staff
trained in KHA, its staff count and the share. Visible as the registry pages are
(`registries.policy.reads`: the region's staff and its readers); never a participant's name.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema

from layak.accounts.typing import SignedInRequest
from layak.api.schemas import KhaTrainingOut, RegistriesOut, ok
from layak.core.registries import Share
from layak.core.wilayah import Level
from layak.regions.models import Region
from layak.registries import policy as access
from layak.registries import queries
from layak.registries.models import FIRST_YEAR, LAST_YEAR

router = Router(tags=["registri"])


class YearFilter(Schema):
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR, description="the year of the figures")


def _region(request: SignedInRequest, code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not access.reads(request.user, code):
        raise Http404
    return region


def _percent(share: Share) -> float | None:
    return None if share.percent is None else float(share.percent)


@router.get("/regions/{code}/registries", response=ok(RegistriesOut), url_name="registries")
def registries(request: SignedInRequest, code: str, filters: Query[YearFilter]) -> dict[str, Any]:
    region = _region(request, code)
    lines = queries.kind_lines(region, filters.year)
    return {
        "region": {"code": region.code, "name": region.name},
        "year": filters.year,
        "kinds": [
            {
                "kind": line.kind.code.value,
                "name": line.kind.name,
                "active": line.total,
                "with_decree": line.decreed,
                "share_percent": _percent(line.share),
                "standardised": line.standardised,
                "inactive": line.inactive,
                "questions": [*line.kind.share_questions, *line.kind.count_questions],
            }
            for line in lines
        ],
    }


@router.get("/regions/{code}/kha-training", response=ok(KhaTrainingOut), url_name="kha_training")
def kha_training(request: SignedInRequest, code: str, filters: Query[YearFilter]) -> dict[str, Any]:
    region = _region(request, code)
    return {
        "region": {"code": region.code, "name": region.name},
        "year": filters.year,
        "agencies": [
            {
                "agency": line.agency.short_name,
                "trained": line.share.part,
                "staff": line.staff,
                "share_percent": _percent(line.share),
                "questions": line.questions,
            }
            for line in queries.kha_lines(region, filters.year)
        ],
    }
