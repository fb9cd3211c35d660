"""A stage's window as the secretariat enters it: date and time in the region's own zone (the view
reads and shows them under `timezone.override(region.zone)`); the rules are
`evaluation.setup.window_problems`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

LOCAL = "%Y-%m-%dT%H:%M"


def _moment(label: _StrOrPromise, *, required: bool = True) -> forms.DateTimeField:
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL)
    return forms.DateTimeField(label=label, required=required, widget=widget, input_formats=[LOCAL])


class WindowForm(forms.Form):
    opens_at = _moment(_("Dibuka"))
    closes_at = _moment(_("Ditutup"))
    documents_until = _moment(_("Unggah dokumen susulan sampai"), required=False)
