"""Fetching what a request names, or 404 when the user may not see it; the region and year a
page is of."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.regions.lookups import regency_for
from layak.regions.models import Region
from layak.registries import policy as access
from layak.registries.models import Designation, Institution, Participant, TrainingEvent
from layak.web.lookups import visible_or_404


def institution_for(user: User, institution_id: int) -> Institution:
    rows = Institution.objects.select_related("region", "unit")
    return visible_or_404(rows, institution_id, lambda i: access.reads(user, i.region_id))


def designation_for(user: User, designation_id: int) -> Designation:
    rows = Designation.objects.select_related("institution__region")
    return visible_or_404(
        rows, designation_id, lambda d: access.reads(user, d.institution.region_id)
    )


def event_for(user: User, event_id: int) -> TrainingEvent:
    rows = TrainingEvent.objects.select_related("region")
    return visible_or_404(rows, event_id, lambda e: access.reads(user, e.region_id))


def participant_for(user: User, participant_id: int) -> Participant:
    """A participant whose name the user may see (an officer: of their agency), else 404."""
    rows = Participant.objects.select_related("event__region", "agency")
    return visible_or_404(rows, participant_id, lambda p: access.sees_names(user, p))


def region_for(request: SignedInRequest) -> Region | None:
    """The kabupaten/kota a page shows (regions.lookups.regency_for): one the user reads."""
    return regency_for(request, access.reads)


def year_of(request: HttpRequest) -> int:
    """?tahun=, else this year."""
    text = request.GET.get("tahun", "")
    if text.isdigit() and 2000 <= int(text) <= 2100:
        return int(text)
    return timezone.localdate().year


def regions_to_choose(user: User) -> list[Region]:
    codes = set(Institution.objects.values_list("region_id", flat=True).distinct())
    codes |= set(TrainingEvent.objects.values_list("region_id", flat=True).distinct())
    regions = Region.objects.filter(code__in=codes).select_related("parent")
    return [r for r in regions if policy.sees_region(user, r.code)]
