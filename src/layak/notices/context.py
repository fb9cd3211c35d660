"""The header's count of unread notices, on every page of a signed-in person (one query)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from layak.notices.services import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: a page that does not show the header (a PDF, a partial) runs no query for it.
    return {"nav_unread": SimpleLazyObject(lambda: unread_count(user))}
