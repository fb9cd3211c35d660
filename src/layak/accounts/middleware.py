"""Two rules of a signed-in session on the web (the API authenticates by token, not session):

- `SessionLifetimeMiddleware`: a session ends LAYAK_SESSION_HOURS after log-in, however busy
  it was; the idle timeout (SESSION_COOKIE_AGE) ends it sooner when it is left alone. The idle
  timeout slides at most once a minute (`SEEN_EVERY`): saving the session on every request made
  every page a write transaction, which on SQLite queues every reader behind one writer.
- `PasswordChangeRequiredMiddleware`: a person whose password someone else chose (an
  administrator, `layak add-user`) sees only the password page until they change it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from layak.conf.middleware import Middleware, ViewCheckMiddleware

SIGNED_IN_AT = "layak_signed_in_at"  # session key: seconds since the epoch
SEEN_AT = "layak_seen_at"  # session key: the last request that moved the idle timeout on
SEEN_EVERY = 60  # seconds: the idle timeout is kept to within a minute
API_PREFIX = "/api/"
# What a person who must change their password may still open.
WHILE_CHANGING = frozenset({"accounts:password", "logout", "login", "set_language"})


def mark_signed_in(request: HttpRequest) -> None:
    request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = int(time.time())


def _web_user(request: HttpRequest) -> Any:
    if request.path_info.startswith(API_PREFIX):
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class SessionLifetimeMiddleware(Middleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _web_user(request) is not None:
            started = request.session.get(SIGNED_IN_AT)
            now = int(time.time())
            if not isinstance(started, int):
                # A session begun by another path than the log-in form (or before this rule):
                # its lifetime counts from now.
                request.session[SIGNED_IN_AT] = now
            elif now - started >= settings.LAYAK_SESSION_HOURS * 3600:
                logout(request)
                messages.info(
                    request,
                    _("Sesi Anda berakhir setelah %(hours)s jam; silakan masuk lagi.")
                    % {"hours": settings.LAYAK_SESSION_HOURS},
                )
                return redirect_to_login(request.get_full_path())
            seen = request.session.get(SEEN_AT)
            if not isinstance(seen, int) or not 0 <= now - seen < SEEN_EVERY:
                # A change saves the session, and saving sets its end SESSION_COOKIE_AGE on.
                request.session[SEEN_AT] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware(ViewCheckMiddleware):
    def check(self, request: HttpRequest, view: Callable[..., Any]) -> HttpResponse | None:
        user = _web_user(request)
        if user is None or not getattr(user, "must_change_password", False):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in WHILE_CHANGING:
            return None
        return redirect("accounts:password")
