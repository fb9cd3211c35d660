"""Forms of the registry pages. They parse what people type; the rules are the models'
`clean()` and the services', never written again here."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.core.registries import InstitutionKind
from layak.regions.forms import offer_units
from layak.regions.models import Agency, Region
from layak.registries.models import (
    AgencyStaff,
    Designation,
    Institution,
    Kind,
    Participant,
    TrainingEvent,
)
from layak.web.forms import DATE


class InstitutionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Institution
        fields = ["kind", "name", "unit", "address", "active"]

    def __init__(self, *args: Any, kinds: list[InstitutionKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Kind.choices)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [(k.code.value, labels[k.code.value]) for k in kinds]
        offer_units(self.fields["unit"], self.instance.region)


class DesignationForm(forms.ModelForm):  # type: ignore[type-arg]
    file = forms.FileField(
        label=_("Berkas SK/sertifikat"),
        required=False,
        help_text=_("PDF atau gambar; boleh menyusul."),
    )

    class Meta:
        model = Designation
        fields = ["basis", "number", "issued_on", "valid_from", "valid_until", "status"]
        widgets = {"issued_on": DATE}


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TrainingEvent
        fields = ["title", "held_on", "organiser", "hours", "material"]
        widgets = {"held_on": DATE, "material": forms.Textarea(attrs={"rows": 3})}


class _OfAgencyForm(forms.ModelForm):  # type: ignore[type-arg]
    """A record of one agency, chosen among `agencies` (the offices the person records for)."""

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = cast(forms.ModelChoiceField, self.fields["agency"])  # type: ignore[type-arg]
        agency.queryset = agencies


class ParticipantForm(_OfAgencyForm):
    file = forms.FileField(
        label=_("Sertifikat"), required=False, help_text=_("PDF atau gambar; boleh menyusul.")
    )

    class Meta:
        model = Participant
        fields = ["name", "agency", "position"]


class StaffForm(_OfAgencyForm):
    class Meta:
        model = AgencyStaff
        fields = ["agency", "year", "count"]


class ImportForm(forms.Form):
    berkas = forms.FileField(
        label=_("Daftar lembaga (CSV atau xlsx)"),
        help_text=_(
            "Kolom: jenis, nama, kelurahan, alamat; bila ada SK: nomor_sk, tanggal_sk, "
            "berlaku_dari, berlaku_sampai."
        ),
    )


def offices(region: Region) -> Any:
    return Agency.objects.filter(region=region, active=True).offices().order_by("short_name")
