"""Every write to people's accounts: who may make it (accounts.policy), the account's rules (the
model's `clean()` and the password validators), and its audit row in the same transaction.

The web pages of the administrator and the secretariat and `layak add-user` all come here, so an
account made anywhere passes the same rules. A password chosen here is known to two people: its
owner must change it at the next log-in (`User.must_change_password`).
"""

from __future__ import annotations

import secrets
from typing import Any

from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from axes.models import AccessAttempt  # type: ignore[import-untyped]
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest

from layak.accounts import policy
from layak.accounts.auth_events import record_about
from layak.accounts.models import User
from layak.conf.refusals import full_clean, refusal_of, refuse
from layak.core.messages import Problem, msg


def snapshot(account: User) -> dict[str, Any]:
    """What the history shows of an account (never its password)."""
    return {
        "username": account.username,
        "name": account.get_full_name(),
        "role": account.role,
        "region": account.region_id,
        "agency": account.agency.short_name if account.agency_id and account.agency else None,
        "unit": account.unit_id,
        "cluster": account.cluster,
        "active": account.is_active,
    }


def _check(by: User | None, account: User) -> None:
    """`by` None is the server's operator (`layak add-user`), who may do anything."""
    if by is not None and not policy.manages_account(by, account):
        raise PermissionDenied


def _not_own(by: User | None, account: User) -> None:
    if by is not None and by.pk == account.pk:
        refuse([Problem(msg("account.own_account"))])


def _handed_over_password(account: User) -> str:
    """A random password for someone else to hand over, checked by the same validators as
    one a person types."""
    password = secrets.token_urlsafe(12)
    account.set_password(password)
    account.must_change_password = True  # for a new account; a stored one is flagged on save
    try:
        validate_password(password, account)
    except ValidationError as error:
        raise refusal_of(error) from None
    return password


def _save_and_record(
    account: User,
    action: str,
    *,
    by: User | None,
    request: HttpRequest | None,
    update_fields: list[str] | None = None,
    **change: Any,
) -> None:
    """Save the account and write its audit row in one transaction."""
    with transaction.atomic():
        account.save(update_fields=update_fields)
        record_about(account, action, actor=by, request=request, **change)


def create_account(
    account: User,
    *,
    by: User | None,
    request: HttpRequest | None = None,
    actor_name: str = "",
) -> str:
    """Create the account with a random first password, and return that password (shown once,
    to be handed over). Its owner must change it at the first log-in."""
    _check(by, account)
    problems = []
    if User.objects.filter(username__iexact=account.username).exists():
        problems.append(Problem(msg("account.username_taken"), column="username"))
    refuse(problems)
    full_clean(account, exclude=["password"])
    password = _handed_over_password(account)
    _save_and_record(
        account,
        "user.create",
        by=by,
        request=request,
        actor_name=actor_name,
        after=snapshot(account),
    )
    return password


def save_account(account: User, *, by: User, request: HttpRequest | None = None) -> User:
    """Change a stored account's name, role and where it is bound."""
    before = snapshot(User.objects.select_related("agency").get(pk=account.pk))
    _check(by, User.objects.get(pk=account.pk))  # may change it as it was ...
    _check(by, account)  # ... and as it will be (no secretariat makes a verifier)
    if by.pk == account.pk and account.role != by.role:
        refuse([Problem(msg("account.own_account"), column="role")])
    full_clean(account, exclude=["password"])
    _save_and_record(
        account, "user.save", by=by, request=request, before=before, after=snapshot(account)
    )
    return account


def set_active(
    account: User, *, active: bool, by: User, request: HttpRequest | None = None
) -> None:
    """Deactivate an account (its access ends at once; its history stays) or activate it
    again."""
    _check(by, account)
    _not_own(by, account)
    if account.is_active == active:
        return
    account.is_active = active
    _save_and_record(
        account,
        "user.activate" if active else "user.deactivate",
        by=by,
        request=request,
        update_fields=["is_active"],
        before={"active": not active},
        after={"active": active},
    )


def reset_password(account: User, *, by: User, request: HttpRequest | None = None) -> str:
    """A new random password for the account, returned to be handed over; its owner must
    change it at the next log-in, and its API tokens end (User.save's hooks)."""
    _check(by, account)
    _not_own(by, account)
    password = _handed_over_password(account)
    _save_and_record(
        account,
        "user.password_reset",
        by=by,
        request=request,
        # A flag, never the password, not even masked (bandit reads the key as a password).
        after={"must_change_password": True},  # nosec B105
    )
    return password


def failed_log_ins(account: User) -> int:
    """The failed log-ins django-axes still counts for the account, from every address."""
    attempts = AccessAttempt.objects.filter(username=account.get_username())
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def unlock(account: User, *, by: User, request: HttpRequest | None = None) -> int:
    """Lift a lockout: django-axes forgets the account's failed log-ins from every address.
    Returns how many it had counted."""
    _check(by, account)
    failures = failed_log_ins(account)
    if not failures:
        refuse([Problem(msg("account.not_locked"))])
    with transaction.atomic():
        AxesProxyHandler.reset_attempts(username=account.get_username())
        record_about(
            account,
            "user.unlock",
            actor=by,
            request=request,
            before={"failed_log_ins": failures},
            after={"failed_log_ins": 0},
        )
    return failures
