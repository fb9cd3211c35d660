"""Refusals from the core and the services, shown next to the field they concern."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest
from django.utils import translation

from layak.core.messages import InputError, Lang


def request_lang(request: HttpRequest | None = None) -> Lang:
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "id"
    return "en" if code.startswith("en") else "id"


def problems_by_field(error: InputError, lang: Lang) -> dict[str, list[str]]:
    """Messages keyed by field name; problems that name no field go under ''."""
    fields: dict[str, list[str]] = defaultdict(list)
    for problem in error.problems:
        text = problem.message.render(lang)
        if problem.row is not None:
            text = problem.render(lang)
        fields[problem.column or ""].append(text)
    return dict(fields)
