"""Which accounts a person keeps on the account pages: every account for an administrator, the
region staff of its own region for a secretariat (layak.accounts.policy)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import SECRETARIAT_GRANTS


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
