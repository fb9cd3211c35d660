"""Documents generated from records (minutes, lists, plans) as PDF, with WeasyPrint.

Every generated document extends `web/pdf_base.html` (A4, page numbers, the region and the date
it was made) and is rendered by `render_pdf`. WeasyPrint fetches nothing: there is no base URL
and the fetcher refuses every URL but inline `data:` ones, so a stray link can neither leak a
request nor read a local file while rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]


class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)


def render_pdf(template_name: str, context: Mapping[str, Any]) -> bytes:
    html = render_to_string(template_name, {"made_at": timezone.localtime(), **context})
    document: bytes = HTML(string=html, url_fetcher=DataOnlyFetcher()).write_pdf()
    return document
