"""Bearer-token authentication and the per-token rate limit."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from layak.api.models import ApiToken
from layak.api.tokens import token_for

WINDOW = 60  # seconds


class TokenAuth(HttpBearer):
    """`Authorization: Bearer lyk_...`. The request then acts as the token's owner, with the
    owner's role and the same object rules as the web (the session, if any, is ignored)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for(token.strip())
        if found is None:
            return None
        request.user = found.user
        return found


class PerTokenLimit(BaseThrottle):
    """At most LAYAK_API_RATE requests per token per clock minute (a fixed window in Django's
    cache). The default cache is per process: behind several processes set a shared CACHES."""

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if token is None:
            return True
        key = f"layak:api-rate:{token.pk}:{int(time.time() // WINDOW)}"
        if cache.add(key, 1, WINDOW * 2):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, WINDOW * 2)
                count = 1
        return count <= int(getattr(settings, "LAYAK_API_RATE", 120))

    def wait(self) -> float:
        return WINDOW - (time.time() % WINDOW)
