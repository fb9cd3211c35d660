"""Fetching what a request names, or 404 when the user may not see it; the region and year a
page is of."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.regions.lookups import regency_for
from layak.regions.models import Region
from layak.registries import policy as access
from layak.registries.models import Designation, Institution, Participant, TrainingEvent


def institution_for(user: User, institution_id: int) -> Institution:
    found = Institution.objects.select_related("region", "unit").filter(pk=institution_id).first()
    if found is None or not access.reads(user, found.region_id):
        raise Http404
    return found


def designation_for(user: User, designation_id: int) -> Designation:
    found = (
        Designation.objects.select_related("institution__region").filter(pk=designation_id).first()
    )
    if found is None or not access.reads(user, found.institution.region_id):
        raise Http404
    return found


def event_for(user: User, event_id: int) -> TrainingEvent:
    found = TrainingEvent.objects.select_related("region").filter(pk=event_id).first()
    if found is None or not access.reads(user, found.region_id):
        raise Http404
    return found


def participant_for(user: User, participant_id: int) -> Participant:
    """A participant whose name the user may see (an officer: of their agency), else 404."""
    found = (
        Participant.objects.select_related("event__region", "agency")
        .filter(pk=participant_id)
        .first()
    )
    if found is None or not access.sees_names(user, found):
        raise Http404
    return found


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
