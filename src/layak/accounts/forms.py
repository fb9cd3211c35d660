"""The account form of the administrator's and the secretariat's pages. Its rules are the
model's `clean()` and the services' (layak.accounts.services); here only what each person may
choose: a secretariat its own region's staff roles, in its own region."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.core.wilayah import Level
from layak.regions.models import Agency, Region


class AccountForm(forms.ModelForm):  # type: ignore[type-arg]
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
