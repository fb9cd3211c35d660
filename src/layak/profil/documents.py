"""The yearly Profil Anak document as a PDF, from the same SVG charts and tables as the page,
in public mode (`profil.publishing`): the document is meant to be uploaded as evidence and
published. A dataset whose disclosure audit did not pass has no document.

It is rendered by the shared `layak.web.pdf.render_pdf` (WeasyPrint with no base URL and a
fetcher that refuses every URL but `data:`), so nothing is fetched while rendering.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from layak.core.profil_anak.display import Display
from layak.core.profil_anak.model import AGE_GROUPS
from layak.core.profil_anak.summary import Profile
from layak.profil.models import ProfilDataset
from layak.profil.queries.present import profile_context
from layak.web.pdf import render_pdf as render_template_pdf

TEMPLATE = "profil/pdf.html"


def pdf_context(profile: Profile, shown: Display, dataset: ProfilDataset | None) -> dict[str, Any]:
    """What the document shows: always the public Display."""
    return {
        **profile_context(profile, shown),
        "profile": profile,
        "region": profile.region,
        "year": profile.year,
        "dataset": dataset,
        "age_groups": [f"{low}–{high}" for _, low, high in AGE_GROUPS],
    }


def pdf_html(profile: Profile, shown: Display, dataset: ProfilDataset | None = None) -> str:
    """The HTML WeasyPrint is given (for tests and for looking at it in a browser)."""
    context = {"made_at": timezone.localtime(), **pdf_context(profile, shown, dataset)}
    return render_to_string(TEMPLATE, context)


def render_pdf(profile: Profile, shown: Display, dataset: ProfilDataset | None = None) -> bytes:
    return render_template_pdf(TEMPLATE, pdf_context(profile, shown, dataset))
