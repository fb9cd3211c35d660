"""Request bodies over the limit are refused with 413 before a byte of them is read.

Django reads a body only when a view (or the CSRF check) touches request.POST, request.FILES or
request.body, and then streams uploads into temporary files: a 30 MB upload was read whole and
only then refused by the upload rules (422). This middleware, first in the list, compares the
declared Content-Length with the limit in `process_view`, which runs before any other
middleware's and before the view, and answers at once.

The limit is LAYAK_REQUEST_MAX_BYTES (25 MB) unless the view allows more with
`@allows_body(...)` (the Profil Anak import takes registry extracts of LAYAK_PROFIL_UPLOAD_MB).
A body sent in chunks without a Content-Length cannot be measured before it is read: Django
would read none of it, so it is refused plainly with 411 (Length Required). A view may answer
these refusals in its own shape (`refusal_for`: the API's error shape).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from layak.conf.middleware import ViewCheckMiddleware

View = TypeVar("View", bound=Callable[..., Any])
LIMIT_ATTRIBUTE = "layak_body_limit"
REFUSAL_ATTRIBUTE = "layak_body_refusal"
Refusal = Callable[[HttpRequest, int], HttpResponse]


def allows_body(limit: Callable[[], int]) -> Callable[[View], View]:
    """Let a view take bodies up to `limit()` bytes (read when the request comes, so that
    settings changed later count)."""

    def decorator(view: View) -> View:
        setattr(view, LIMIT_ATTRIBUTE, limit)
        return view

    return decorator


def refusal_for(view: Any, refusal: Refusal) -> None:
    """`refusal(request, status)` answers a 413 or 411 for this view instead of the HTML page."""
    setattr(view, REFUSAL_ATTRIBUTE, refusal)


def body_limit(view: Any) -> int:
    limit = getattr(view, LIMIT_ATTRIBUTE, None)
    return int(limit()) if limit is not None else int(settings.LAYAK_REQUEST_MAX_BYTES)


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _refused(request: HttpRequest, view: Any, status: int, limit: int) -> HttpResponse:
    refusal = getattr(view, REFUSAL_ATTRIBUTE, None)
    if refusal is not None:
        return refusal(request, status)  # type: ignore[no-any-return]
    context = {"limit_mb": limit // (1024 * 1024), "no_length": status == 411}
    return render(request, "web/too_large.html", context, status=status)


class RequestSizeLimitMiddleware(ViewCheckMiddleware):
    def check(self, request: HttpRequest, view: Callable[..., Any]) -> HttpResponse | None:
        limit = body_limit(view)
        length = _declared_length(request)
        if length is None:
            chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
            return _refused(request, view, 411, limit) if chunked else None
        if length > limit:
            return _refused(request, view, 413, limit)
        return None
