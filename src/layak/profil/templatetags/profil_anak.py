"""Template filters of Profil Anak: a displayed cell as a count or a percentage ("x" where the
number is withheld, "—" where there is none), and core messages in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from layak.core.messages import Message
from layak.core.profil_anak.display import Shown
from layak.core.profil_anak.support import SupportFigure
from layak.profil.queries import present
from layak.web.templatetags.layak import number

register = template.Library()
# The one filter for numbers (layak's), also under this library's name so that a Profil Anak
# template need not load both.
register.filter("number", number)


@register.filter
def count(shown: Shown) -> str:
    return present.count_text(shown)


@register.filter
def pct(shown: Shown) -> str:
    return present.percent_text(shown)


@register.filter
def pts(shown: Shown) -> str:
    return present.points_text(shown)


@register.filter
def message(value: Message) -> str:
    return present.render_message(value)


@register.filter
def age_group(code: str) -> str:
    label = present.AGE_GROUP_LABELS.get(code)
    return gettext(label) if label else code


@register.filter
def support_value(figure: SupportFigure) -> str:
    """A support figure's value: a percentage, a count, or a change in percentage points."""
    if figure.value is None:
        return "—"
    if figure.unit == "percent":
        return present.percent(figure.value)
    if figure.unit == "points":
        sign = "+" if figure.value > 0 else ""
        return gettext("%(change)s poin") % {"change": sign + present.number(figure.value, 2)}
    return present.number(figure.value)
