"""The yearly Profil Anak document as a PDF (WeasyPrint), from the same SVG charts and tables
as the page, with small cells withheld: the document is meant to be uploaded as evidence and
published.

WeasyPrint fetches nothing: the HTML has no base URL and its fetcher refuses every URL except
`data:` ones, so a stray link to a server, a file on disk or a CDN cannot leak a request or
read a local file while rendering.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

from layak.core.profil_anak.model import AGE_GROUPS
from layak.core.profil_anak.summary import Profile
from layak.profil.models import ProfilDataset
from layak.profil.present import profile_context


class DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Refuses every URL but inline `data:` ones (WeasyPrint then leaves the resource out)."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols={"data"}, allow_redirects=False)


def pdf_html(profile: Profile, dataset: ProfilDataset | None) -> str:
    """The HTML WeasyPrint renders: public mode, always."""
    context: dict[str, Any] = {
        **profile_context(profile, public=True),
        "profile": profile,
        "region": profile.region,
        "year": profile.year,
        "dataset": dataset,
        "age_groups": [f"{low}–{high}" for _, low, high in AGE_GROUPS],
        "made_at": timezone.localtime(),
    }
    return render_to_string("profil/pdf.html", context)


def render_pdf(profile: Profile, dataset: ProfilDataset | None = None) -> bytes:
    document: bytes = HTML(
        string=pdf_html(profile, dataset), url_fetcher=DataOnlyFetcher()
    ).write_pdf()
    return document
