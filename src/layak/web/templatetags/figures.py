"""The label of a figure's basis in the reader's language, from the core's one definition
(`layak.core.figures`): "Proyeksi terverifikasi", "Terverifikasi (final)", "Verified (final)"."""

from __future__ import annotations

from django import template

from layak.core.figures import Basis, Figure
from layak.web.errors import request_lang

register = template.Library()


@register.filter
def figure_label(figure: Figure | Basis | str | None) -> str:
    """A figure's label (the verified one names its stage), or a basis's by value."""
    lang = request_lang()
    if isinstance(figure, Figure):
        return figure.label(lang)
    if figure is None or figure == "":
        return ""
    return Basis(figure).label(lang)
