"""Which accounts a person keeps on the account pages: every account for an administrator, the
region staff of its own region for a secretariat (layak.accounts.policy); the kabupaten/kota a
list page of an app is of (`regency_for`, `chosen`)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import SECRETARIAT_GRANTS
from layak.accounts.typing import SignedInRequest
from layak.core.wilayah import Level
from layak.regions.models import Region


def kept_by(user: User) -> QuerySet[User]:
    accounts = User.objects.select_related("region", "agency", "unit").order_by(
        "-is_active", "role", "username"
    )
    if policy.manages_every_region(user):
        return accounts
    if user.region_id is None:
        return accounts.none()
    return accounts.filter(region_id=user.region_id, role__in=list(SECRETARIAT_GRANTS))


def account_for(user: User, account_id: int) -> User:
    """The account, or 404 when the person does not keep it (its existence is not revealed)."""
    account = kept_by(user).filter(pk=account_id).first()
    if account is None:
        raise Http404
    return account


def regency_for(request: SignedInRequest, sees: Callable[[User, str], bool]) -> Region | None:
    """The kabupaten/kota a list page shows: ?wilayah=, else the user's own; None when the user
    has none of their own and chose none (an administrator, a verifier). One the app's
    `sees(user, code)` refuses: 404."""
    code = request.GET.get("wilayah", "").strip()
    own = getattr(request.user, "region_id", None)
    if not code and own and own.count(".") == 1:
        code = own
    if not code:
        return None
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not sees(request.user, region.code):
        raise Http404
    return region


def chosen(request: HttpRequest, region: Region) -> str:
    """The query naming the region in links, unless it is the user's own."""
    if region.code == getattr(request.user, "region_id", None):
        return ""
    return "?" + urlencode({"wilayah": region.code})
