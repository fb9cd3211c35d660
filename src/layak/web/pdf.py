"""Documents generated from records (minutes, lists, plans) as PDF, with WeasyPrint.

Every generated document extends `web/pdf_base.html` (A4, page numbers, the region and the date
it was made) and is rendered by `render_pdf`. WeasyPrint fetches nothing: there is no base URL
and the fetcher refuses every URL but inline `data:` ones, so a stray link can neither leak a
request nor read a local file while rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone


def render_pdf(template_name: str, context: Mapping[str, Any]) -> bytes:
    html = render_to_string(template_name, {"made_at": timezone.localtime(), **context})
    return layout(html)


def layout(html: str) -> bytes:
    """The PDF of `html`, laid out by WeasyPrint (tests that check who gets which document,
    not its layout, replace this function: tests/support/fixtures.py, `quick_pdf`)."""
    # Imported here, not at the top: WeasyPrint takes half a second to import, and every
    # `layak` command and worker would pay it at start-up (docs/performance.md).
    from weasyprint import HTML  # type: ignore[import-untyped]

    document: bytes = HTML(string=html, url_fetcher=_data_only_fetcher()()).write_pdf()
    return document


@cache
def _data_only_fetcher() -> type[Any]:
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # as in `layout`

    class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)

    return DataOnlyFetcher
