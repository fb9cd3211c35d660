"""What every page's header needs: the signed-in person's role and their cycles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from layak.accounts import policy
from layak.accounts.roles import MANAGERS, STAFF


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    cycle_id = match.kwargs.get("cycle_id") if match else None
    return {
        "nav_cycle_id": cycle_id,
        "nav_manages": policy.role_of(user) in MANAGERS,
        "nav_staff": policy.role_of(user) in STAFF,
        "nav_role": user.get_role_display(),
    }
