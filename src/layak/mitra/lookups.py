"""Fetching what a request names, or 404 when the user may not see it; the region a list is of."""

from __future__ import annotations

from django.http import Http404

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.mitra import policy as access
from layak.mitra.models import Commitment, Contribution, Document, Organisation
from layak.mitra.services import may_download
from layak.regions.lookups import regency_for
from layak.regions.models import Region


def organisation_for(user: User, organisation_id: int) -> Organisation:
    organisation = Organisation.objects.select_related("region").filter(pk=organisation_id).first()
    if organisation is None or not access.sees_organisation(user, organisation):
        raise Http404
    return organisation


def commitment_for(user: User, commitment_id: int) -> Commitment:
    commitment = (
        Commitment.objects.select_related("organisation__region", "reviewed_by", "created_by")
        .filter(pk=commitment_id)
        .first()
    )
    if commitment is None or not access.sees_record(user, commitment):
        raise Http404
    return commitment


def contribution_for(user: User, contribution_id: int) -> Contribution:
    contribution = (
        Contribution.objects.select_related(
            "organisation__region", "place__parent", "commitment", "reviewed_by", "created_by"
        )
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None or not access.sees_record(user, contribution):
        raise Http404
    return contribution


def document_for(user: User, document_id: int) -> Document:
    document = (
        Document.objects.select_related(
            "commitment__organisation__region", "contribution__organisation__region"
        )
        .filter(pk=document_id)
        .first()
    )
    if document is None or not may_download(user, document):
        raise Http404
    return document


def region_for(request: SignedInRequest) -> Region | None:
    """The kabupaten/kota a list page shows (regions.lookups.regency_for): one the user keeps
    or sees."""
    return regency_for(request, _keeps_or_sees)


def _keeps_or_sees(user: User, code: str) -> bool:
    return policy.manages_region(user, code) or policy.sees_region(user, code)


def regions_to_choose(user: User) -> list[Region]:
    codes = Organisation.objects.values_list("region_id", flat=True).distinct()
    regions = Region.objects.filter(code__in=codes).select_related("parent")
    return [r for r in regions if policy.sees_region(user, r.code)]
