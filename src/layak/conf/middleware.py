"""The shape every Layak middleware shares: it passes each request on, and a rule that needs the
resolved view answers in `check` (Django's `process_view`) instead of the view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse


class Middleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class ViewCheckMiddleware(Middleware):
    """Runs `check(request, view)` before the view; a response it returns is the answer."""

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        return self.check(request, view_func)

    def check(self, request: HttpRequest, view: Callable[..., Any]) -> HttpResponse | None:
        raise NotImplementedError
