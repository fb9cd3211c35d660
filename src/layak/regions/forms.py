from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.core.wilayah import Level
from layak.regions.models import Agency, Region


def unit_choices(region: Region) -> list[tuple[str, Any]]:
    """Kecamatan, each with its kelurahan/desa under it."""
    units = list(region.units(Level.DISTRICT, Level.VILLAGE).order_by("code"))
    groups: list[tuple[str, Any]] = [("", "—")]
    for district in (u for u in units if u.level == Level.DISTRICT):
        members = [(district.code, f"Kecamatan {district.name}")] + [
            (u.code, f"{u.kind.capitalize()} {u.name}")
            for u in units
            if u.level == Level.VILLAGE and u.code.startswith(f"{district.code}.")
        ]
        groups.append((f"Kecamatan {district.name}", members))
    return groups


def offer_units(field: forms.Field, region: Region) -> None:
    """A model form's kecamatan/kelurahan field lists the region's units. Any code parses: the
    model says whether it lies in the region (one rule, one message)."""
    units = cast(forms.ModelChoiceField, field)  # type: ignore[type-arg]
    units.queryset = Region.objects.all()
    units.widget.choices = unit_choices(region)


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


class AccountForm(forms.ModelForm):  # type: ignore[type-arg]
    """An account of the people pages: a secretariat chooses only its own region's staff roles,
    in its own region; the rules are the model's `clean()` and layak.accounts.services."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "region", "agency"]
        fields += ["unit", "cluster"]

    def __init__(self, *args: Any, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["username"]  # the name a person signs in with stays
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)  # noqa: S101 - a field with choices
        role.choices = [(r.value, r.label) for r in Role if policy.grants_role(by, r)]
        unit = self.fields["unit"]
        unit.widget = forms.TextInput(attrs={"placeholder": "18.72.01"})
        unit.help_text = _("Kode kecamatan atau desa/kelurahan, untuk operator.")
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)  # noqa: S101 - a foreign key
        if policy.manages_every_region(by):
            region = self.fields["region"]
            assert isinstance(region, forms.ModelChoiceField)  # noqa: S101 - a foreign key
            region.queryset = Region.objects.filter(
                level__in=[Level.PROVINCE, Level.REGENCY]
            ).order_by("code")
            region.label_from_instance = lambda obj: f"{obj.code} {obj.name}"  # type: ignore[method-assign]
            agency.queryset = Agency.objects.offices().select_related("region")
            agency.label_from_instance = (  # type: ignore[method-assign]
                lambda obj: f"{obj.short_name} ({obj.region.name})"
            )
        else:  # a secretariat: its own region only
            del self.fields["region"]
            self.instance.region_id = by.region_id
            agency.queryset = Agency.objects.filter(region_id=by.region_id).offices()
