"""Forms of the stakeholder pages. They parse what people type (rupiah as Indonesians write it,
dates, choices); the rules themselves are the models' `clean()`, shared with the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.mitra.indicators import indicator_choices
from layak.mitra.models import Commitment, Contribution, Organisation, StakeholderAccount
from layak.regions.forms import offer_units
from layak.web.forms import DATE, RupiahField


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class FilesField(forms.Field):
    """Any number of files; their content is judged by the service (layak.files.inspect)."""

    widget = MultipleFileInput

    def to_python(self, value: Any) -> list[Any]:
        if not value:
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    account = forms.ModelChoiceField(
        label=_("Akun pemangku kepentingan"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Akun yang mencatat komitmen dan kontribusi organisasi ini."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "address", "contact", "puspa_member", "puspa_since", "active"]
        widgets = {"puspa_since": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["account"])  # type: ignore[type-arg]
        field.queryset = User.objects.filter(
            role=Role.STAKEHOLDER, region_id=self.instance.region_id, is_active=True
        ).order_by("username")
        if self.instance.pk:
            field.initial = (
                StakeholderAccount.objects.filter(organisation=self.instance)
                .values_list("user_id", flat=True)
                .first()
            )


class CommitmentForm(forms.ModelForm):  # type: ignore[type-arg]
    berkas = FilesField(
        label=_("Dokumen"),
        required=False,
        help_text=_("Naskah MoU atau program yang ditandatangani (PDF, gambar, Word, Excel)."),
    )

    class Meta:
        model = Commitment
        fields = ["kind", "number", "title", "date_from", "date_until", "description"]
        widgets = {
            "date_from": DATE,
            "date_until": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class ContributionForm(forms.ModelForm):  # type: ignore[type-arg]
    value = RupiahField(label=_("Nilai (rupiah)"), help_text=_("Mis. 25.000.000."))
    berkas = FilesField(
        label=_("Bukti"),
        required=False,
        help_text=_("Foto, berita acara serah terima, laporan (PDF, gambar, Word, Excel)."),
    )

    class Meta:
        model = Contribution
        fields = [
            "title",
            "date",
            "value",
            "place",
            "indicator_code",
            "commitment",
            "description",
        ]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        region = organisation.region
        offer_units(self.fields["place"], region)
        self.fields["indicator_code"] = forms.CharField(
            label=_("Indikator KLA yang didukung"),
            widget=forms.Select(
                choices=[("", "—"), *indicator_choices(region.code, year)],
            ),
        )
        commitment = cast(forms.ModelChoiceField, self.fields["commitment"])  # type: ignore[type-arg]
        commitment.queryset = Commitment.objects.filter(organisation=organisation)
        commitment.empty_label = _("— tidak terkait komitmen —")
