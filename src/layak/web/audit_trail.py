"""Requests the audit log must show even though they change nothing (docs/audit.md):

- every refusal (403) of Layak's access rules, with who, role, URL name and method;
- every file that leaves the system for a signed-in person (or an API token): reports, Excel,
  PDFs, evidence and bundles. A view that audits its own download (`record(..., request=...)`)
  is not recorded twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from layak.accounts.typing import Person
from layak.audit.log import record, recorded_for

FILE_NAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)""", re.IGNORECASE)


def _url_name(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else "") or ""


def _region_of(user: Person | None, kwargs: dict[str, Any]) -> str:
    code = kwargs.get("region_code") or getattr(user, "region_id", None) or ""
    return str(code)[:13]


def audit_refusal(request: HttpRequest) -> None:
    user = getattr(request, "user", None)
    name = _url_name(request)
    record(
        "access.denied",
        actor=user,
        object_type="url",
        object_id=name[:64],
        region_code=_region_of(user, {}),
        after={"url": name, "method": request.method, "path": request.path[:200]},
        request=request,
    )


def audit_download(request: HttpRequest, response: HttpResponseBase) -> None:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    kwargs = {k: str(v) for k, v in (match.kwargs if match is not None else {}).items()}
    name = _url_name(request)
    found = FILE_NAME.search(response.get("Content-Disposition", ""))
    record(
        "file.download",
        actor=user,
        object_type=name[:48],
        object_id=",".join(f"{k}={v}" for k, v in kwargs.items())[:64],
        region_code=_region_of(user, kwargs),
        after={"url": name, "file": found.group(1) if found else "", **kwargs},
        request=request,
    )


class AccessAuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code == 403:
            audit_refusal(request)
        elif (
            response.status_code == 200
            and response.has_header("Content-Disposition")
            and getattr(getattr(request, "user", None), "is_authenticated", False)
            and not recorded_for(request)
        ):
            audit_download(request, response)
        return response
