"""The JSON API at /api/v1/ (docs/api.md): token authentication, a per-token rate limit, one
error shape, and an OpenAPI schema. The docs page is Layak's own: ninja's Swagger UI would load
its scripts from a CDN, which the Content-Security-Policy forbids."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI

from layak.api import (
    ep_cycles,
    ep_evidence,
    ep_instruments,
    ep_opendata,
    ep_regions,
    ep_registries,
    ep_results,
    ep_writes,
    errors,
)
from layak.api.security import PerTokenLimit, TokenAuth
from layak.web.limits import refusal_for

NAMESPACE = "api"


class LayakAPI(NinjaAPI):
    def _get_urls(self) -> list[URLResolver | URLPattern]:
        """ninja's URLs, each answering 404 and 405 in the error shape, plus the docs page."""
        patterns: list[URLResolver | URLPattern] = []
        for entry in super()._get_urls():
            if isinstance(entry, URLPattern):
                entry.callback = _shaped(self, entry.callback)
            patterns.append(entry)
        patterns.insert(1, path("docs", _shaped(self, docs_page), name="docs"))
        # Anything else under /api/v1/ is an API 404 in the error shape, not Django's HTML page.
        patterns.append(re_path(r"^.*$", _shaped(self, unknown_path)))
        return patterns


def _shaped(api: NinjaAPI, view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            # Not redirected (SECURE_REDIRECT_EXEMPT): a client that sent its token over plain
            # HTTP must fail, or the token would keep crossing the network unnoticed.
            return errors.respond(api, request, 403, "https_required")
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return errors.respond(api, request, 404, "not_found")
        if response.status_code == 405 and response.get("Content-Type", "").startswith("text/"):
            shaped = errors.respond(api, request, 405, "method_not_allowed")
            shaped["Allow"] = response["Allow"]
            return shaped
        return response

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]  # token auth: no cookies
    # A body over the limit is refused before it is read (layak.web.limits), in the API's shape.
    refusal_for(
        wrapper,
        lambda request, status: errors.respond(api, request, status, errors.STATUS_CODES[status]),
    )
    return wrapper


def unknown_path(request: HttpRequest) -> HttpResponse:
    raise Http404


def docs_page(request: HttpRequest) -> HttpResponse:
    """A plain page: what the API offers, how to authenticate, the link to the schema."""
    if request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405, content_type="text/plain")
        response["Allow"] = "GET, HEAD"
        return response
    schema = api.get_openapi_schema()
    operations = [
        {"method": method.upper(), "path": route, "summary": op.get("summary", "")}
        for route, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(
        request,
        "api/docs.html",
        {"operations": operations, "title": schema["info"]["title"], "version": api.version},
    )


api = LayakAPI(
    title="Layak API",
    version="1",
    description=(
        "Layak's JSON API: instruments, cycles, answers, evidence, scores, gap plans, Profil Anak "
        "and Forum Anak aspirations. Authenticate with `Authorization: Bearer <token>` (a "
        "personal token from the *Token API* page). Every error has the shape "
        '`{"error": {"code", "message", "details": [...]}}` (docs/api.md).'
    ),
    urls_namespace=NAMESPACE,
    docs_url=None,  # Swagger UI loads from a CDN; see docs_page
    auth=TokenAuth(),
    throttle=PerTokenLimit(),
)
errors.install(api)
for module in (
    ep_instruments,
    ep_cycles,
    ep_writes,
    ep_evidence,
    ep_results,
    ep_regions,
    ep_registries,
    ep_opendata,
):
    api.add_router("/", module.router)


def schema_json() -> str:
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False)
