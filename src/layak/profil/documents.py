"""The yearly Profil Anak document as a PDF, from the same SVG charts and tables as the page,
in public mode (`profil.publishing`): the document is meant to be uploaded as evidence and
published. A dataset whose disclosure audit did not pass has no document.

The services for children per kecamatan (`queries.institutions`) are added as the page shows
them, from the same query, for a reader who may read the registries.

It is rendered by the shared `layak.web.pdf.render_pdf` (WeasyPrint with no base URL and a
fetcher that refuses every URL but `data:`), so nothing is fetched while rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from layak.core.profil_anak.display import Display
from layak.core.profil_anak.model import AGE_GROUPS
from layak.core.profil_anak.summary import Profile
from layak.profil.models import ProfilDataset
from layak.profil.queries.institutions import Cell, ServiceTable
from layak.profil.queries.present import profile_context
from layak.web.pdf import render_pdf as render_template_pdf

TEMPLATE = "profil/pdf.html"


# The services' table has a column per kind of institution (up to fourteen): on A4 portrait
# it is printed in blocks of this many kinds (two blocks for all), each with the kecamatan
# column again.
KINDS_PER_BLOCK = 7


@dataclass(frozen=True)
class Block:
    """Some of a ServiceTable's columns, with every line's cells of them."""

    columns: tuple[str, ...]
    lines: tuple[tuple[str, tuple[Cell, ...]], ...]  # (kecamatan, cells)
    total: tuple[Cell, ...]


def blocks(table: ServiceTable, size: int = KINDS_PER_BLOCK) -> list[Block]:
    return [
        Block(
            table.columns[start : start + size],
            tuple((line.name, line.cells[start : start + size]) for line in table.lines),
            table.total[start : start + size],
        )
        for start in range(0, len(table.columns), size)
    ]


def pdf_context(
    profile: Profile,
    shown: Display,
    dataset: ProfilDataset | None,
    tables: Sequence[ServiceTable] = (),
) -> dict[str, Any]:
    """What the document shows: always the public Display, and the services for children per
    kecamatan the reader may see on the page (`service_tables`: counts of institutions, no
    person's data)."""
    return {
        **profile_context(profile, shown),
        "profile": profile,
        "region": profile.region,
        "year": profile.year,
        "dataset": dataset,
        "age_groups": [f"{low}–{high}" for _, low, high in AGE_GROUPS],
        "service_tables": [(table, blocks(table)) for table in tables],
    }


def pdf_html(
    profile: Profile,
    shown: Display,
    dataset: ProfilDataset | None = None,
    tables: Sequence[ServiceTable] = (),
) -> str:
    """The HTML WeasyPrint is given (for tests and for looking at it in a browser)."""
    context = {"made_at": timezone.localtime(), **pdf_context(profile, shown, dataset, tables)}
    return render_to_string(TEMPLATE, context)


def render_pdf(
    profile: Profile,
    shown: Display,
    dataset: ProfilDataset | None = None,
    tables: Sequence[ServiceTable] = (),
) -> bytes:
    return render_template_pdf(TEMPLATE, pdf_context(profile, shown, dataset, tables))
