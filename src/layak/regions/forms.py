from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.regions.models import Agency


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]
    aliases_text = forms.CharField(
        label=_("Nama lain"),
        required=False,
        help_text=_("Pisahkan dengan koma, mis. Capil, Dukcapil, Disdukcapil."),
        widget=forms.TextInput,
    )

    class Meta:
        model = Agency
        fields = ["name", "short_name", "coordinator", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliases_text"].initial = ", ".join(self.instance.aliases or [])
        # Only an agency proper of the same region coordinates a supplier.
        coordinator = self.fields["coordinator"]
        assert isinstance(coordinator, forms.ModelChoiceField)  # noqa: S101 - a foreign key
        coordinator.queryset = (
            Agency.objects.filter(region_id=self.instance.region_id)
            .offices()
            .exclude(pk=self.instance.pk)
        )
        coordinator.empty_label = _("— (ini OPD)")

    def clean_aliases_text(self) -> list[str]:
        raw = self.cleaned_data.get("aliases_text", "")
        seen: list[str] = []
        for alias in (a.strip() for a in raw.split(",")):
            if alias and alias not in seen:
                seen.append(alias)
        return seen

    def save(self, commit: bool = True) -> Agency:
        self.instance.aliases = self.cleaned_data["aliases_text"]
        saved: Agency = super().save(commit)
        return saved
