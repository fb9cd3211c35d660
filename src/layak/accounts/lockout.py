"""django-axes' lockout response (AXES_LOCKOUT_CALLABLE): audit the refused attempt, then show
the lockout page. Axes calls it for the failure that reaches the limit and for every attempt
while the username and address stay locked."""

from __future__ import annotations

from typing import Any

from axes.helpers import (  # type: ignore[import-untyped]
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layak.audit.log import record


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    cool_off = get_cool_off(request)
    record(
        "auth.lockout",
        actor_name=str(get_client_username(request, credentials) or "")[:150],
        object_type="user",
        request=request,
        after={
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
    )
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)  # axes' default, set by axes.conf
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=status)
