"""Fetching what a request names, or 404 when the user may not see it; the region a list is of."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.core.wilayah import Level
from layak.mitra import policy as access
from layak.mitra.models import Commitment, Contribution, Document, Organisation
from layak.mitra.services import may_download
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
    """The kabupaten/kota a list page shows: ?wilayah=, else the user's own; None when the user
    has none of their own and chose none (an administrator, a verifier). Unseen: 404."""
    code = request.GET.get("wilayah", "").strip()
    own = getattr(request.user, "region_id", None)
    if not code and own and own.count(".") == 1:
        code = own
    if not code:
        return None
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not (
        policy.manages_region(request.user, region.code)
        or policy.sees_region(request.user, region.code)
    ):
        raise Http404
    return region


def chosen(request: HttpRequest, region: Region) -> str:
    """The query naming the region in links, unless it is the user's own."""
    if region.code == getattr(request.user, "region_id", None):
        return ""
    return "?" + urlencode({"wilayah": region.code})


def regions_to_choose(user: User) -> list[Region]:
    codes = Organisation.objects.values_list("region_id", flat=True).distinct()
    regions = Region.objects.filter(code__in=codes).select_related("parent")
    return [r for r in regions if policy.sees_region(user, r.code)]
