"""Fetching what a request names, or 404 when the user may not see it; the region a list is of."""

from __future__ import annotations

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.mitra import policy as access
from layak.mitra.models import Commitment, Contribution, Document, Organisation
from layak.mitra.services import may_download
from layak.regions.lookups import regency_for
from layak.regions.models import Region
from layak.web.lookups import visible_or_404


def organisation_for(user: User, organisation_id: int) -> Organisation:
    rows = Organisation.objects.select_related("region")
    return visible_or_404(rows, organisation_id, lambda o: access.sees_organisation(user, o))


def commitment_for(user: User, commitment_id: int) -> Commitment:
    rows = Commitment.objects.select_related("organisation__region", "reviewed_by", "created_by")
    return visible_or_404(rows, commitment_id, lambda c: access.sees_record(user, c))


def contribution_for(user: User, contribution_id: int) -> Contribution:
    rows = Contribution.objects.select_related(
        "organisation__region", "place__parent", "commitment", "reviewed_by", "created_by"
    )
    return visible_or_404(rows, contribution_id, lambda c: access.sees_record(user, c))


def document_for(user: User, document_id: int) -> Document:
    rows = Document.objects.select_related(
        "commitment__organisation__region", "contribution__organisation__region"
    )
    return visible_or_404(rows, document_id, lambda d: may_download(user, d))


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
