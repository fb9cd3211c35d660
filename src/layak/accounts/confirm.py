"""A signed-in person's password, checked again: the old password on the password page and the
confirmation before an API token is made.

Such a check is a chance to guess the password, so it is counted like a log-in: a wrong password
is a failure of that account for django-axes (the same lockout as the log-in form, which it then
shares), a locked account is not checked at all, and every wrong password is audited
(`auth.password_check_failed`, never the password).

The session remembers when the person last proved their password (at log-in or here), so the
token page asks again only when that is older than PASSWORD_CONFIRM_MINUTES.
"""

from __future__ import annotations

import time

from axes.handlers.proxy import AxesProxyHandler  # type: ignore[import-untyped]
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from layak.accounts.auth_events import record_about
from layak.accounts.lockout import lockout_response
from layak.accounts.models import User

CONFIRMED_AT = "layak_password_confirmed_at"  # session key: seconds since the epoch


def credentials_of(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def refused_while_locked(request: HttpRequest, user: User) -> HttpResponse | None:
    """The lockout page (audited) when the account is locked; None when it may be checked."""
    credentials = credentials_of(user)
    if AxesProxyHandler.is_allowed(request, credentials):
        return None
    return lockout_response(request, None, credentials)


def count_wrong_password(request: HttpRequest, user: User, purpose: str) -> None:
    """A wrong password typed by a signed-in person: audited, and one failure of the account.
    When it reaches a limit, axes marks the request and AxesMiddleware answers the lockout
    page instead of the view's response."""
    record_about(
        user, "auth.password_check_failed", actor=user, request=request, after={"purpose": purpose}
    )
    AxesProxyHandler.user_login_failed(
        sender=count_wrong_password, credentials=credentials_of(user), request=request
    )


def mark_confirmed(request: HttpRequest) -> None:
    request.session[CONFIRMED_AT] = int(time.time())


def recently_confirmed(request: HttpRequest) -> bool:
    at = request.session.get(CONFIRMED_AT)
    if not isinstance(at, int):
        return False
    return time.time() - at < settings.PASSWORD_CONFIRM_MINUTES * 60
