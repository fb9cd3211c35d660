from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.notices.models import EmailChoice


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Kirim pemberitahuan lewat e-mail"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
    )
