"""Log-in lockout (django-axes) with one limit per way of counting, and its audited response.

Failures are counted two ways (AXES_LOCKOUT_PARAMETERS): for one username from one address,
and for one username from every address. The first locks at AXES_FAILURE_LIMIT (5), so a whole
office behind one address is not locked out by one person's typos; the second at the higher
LAYAK_ACCOUNT_FAILURE_LIMIT (20), so guesses from rotating addresses are slowed too. Axes itself
compares one count with one limit; `LockoutHandler` gives each way its own.

`lockout_response` is AXES_LOCKOUT_CALLABLE: it audits the refused attempt, then shows the
lockout page. Axes calls it for the failure that reaches a limit and for every attempt while
locked; the password checks of `layak.accounts.confirm` call it too.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler  # type: ignore[import-untyped]
from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from axes.helpers import (  # type: ignore[import-untyped]
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layak.audit.log import record

PAIR, ACCOUNT = 0, 1  # positions in AXES_LOCKOUT_PARAMETERS: (username, address), username


def account_limit() -> int:
    return int(settings.LAYAK_ACCOUNT_FAILURE_LIMIT)


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler, with a limit for each way of counting."""

    def failure_counts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> tuple[int, int]:
        """Recent failures of this username from this address, and from every address."""
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return counts[PAIR], counts[ACCOUNT]

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # Axes locks when this reaches AXES_FAILURE_LIMIT: the pair's own count, or that limit
        # itself once the account's count across addresses reached the account limit.
        pair, account = self.failure_counts(request, credentials)
        if account >= account_limit():
            return max(pair, int(get_failure_limit(request, credentials)))
        return int(pair)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        # A successful log-in clears the failures from its own address only: budi signing in
        # from home does not lift the lock someone earned guessing his password at the office,
        # and the attempts from elsewhere still count towards the account limit.
        deleted, _ = self.filter_user_attempts(request, credentials)[PAIR].delete()
        return int(deleted)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    cool_off = get_cool_off(request)
    handler = AxesProxyHandler.get_implementation()
    AxesProxyHandler.update_request(request)
    _pair, account = handler.failure_counts(request, credentials)
    across = account >= account_limit()
    record(
        "auth.lockout",
        actor_name=str(get_client_username(request, credentials) or "")[:150],
        object_type="user",
        request=request,
        after={
            "failure_limit": account_limit() if across else get_failure_limit(request, credentials),
            "across_addresses": across,
            "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
    )
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)  # axes' default, set by axes.conf
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=status)
