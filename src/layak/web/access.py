"""Each view states who may use it. The URL-walk test fails on any view without a rule.

`@allow(Role.SECRETARIAT, Role.OFFICER, ...)` requires a log-in with one of the roles (403 for
other roles); `@public` marks a view anyone may open. Object-level checks (whose answer, which
region) stay in `layak.accounts.policy` and the services.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from layak.accounts.models import Role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])
ALL_ROLES = frozenset(Role)
STAFF = frozenset(
    {
        Role.ADMIN,
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.OFFICER,
        Role.UNIT_OPERATOR,
        Role.PROVINCIAL_VERIFIER,
        Role.NATIONAL_VERIFIER,
    }
)


def allow(*roles: Role) -> Callable[[View], View]:
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_active or Role(getattr(user, "role", "")) not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def public(view: View) -> View:
    view.access_roles = "public"  # type: ignore[attr-defined]
    return view
