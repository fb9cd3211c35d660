"""Forms of the task-force pages. The rules are the models' (clean) and the services'; the forms
only parse what people type (dates, rupiah, question codes) and name the field in every error."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from layak.gugus.instrument import parse_codes
from layak.gugus.models import (
    ActionItem,
    ActionStatus,
    Decree,
    FundingSource,
    Meeting,
    Member,
    RadActivity,
)
from layak.regions.models import Agency, AgencyQuerySet
from layak.web.forms import DATE, RupiahField


def _offices(region_code: str) -> AgencyQuerySet:
    """The agencies a member, an action item or an activity may belong to: the region's active
    agencies proper."""
    return Agency.objects.filter(region_id=region_code, active=True).offices()


class DecreeForm(forms.ModelForm):  # type: ignore[type-arg]
    file = forms.FileField(
        label=_("Berkas SK"),
        required=False,
        allow_empty_file=True,  # refused by the inspector, with its rule and an audit event
        help_text=_("PDF atau gambar hasil pindai; diperiksa isinya sebelum disimpan."),
    )

    class Meta:
        model = Decree
        fields = ["number", "signed_on", "valid_from", "valid_until"]
        widgets = {"signed_on": DATE, "valid_from": DATE, "valid_until": DATE}


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Member
        fields = ["position", "kind", "name", "agency", "organisation", "since", "until"]
        widgets = {"since": DATE, "until": DATE}

    def __init__(self, *args: Any, region_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        agency.queryset = _offices(region_code)  # type: ignore[attr-defined]
        agency.required = False


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = ["held_on", "agenda", "place", "attendees", "guests", "minutes", "decisions"]
        widgets = {
            "held_on": DATE,
            "attendees": forms.CheckboxSelectMultiple,
            "guests": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attendees"]
        field.queryset = members  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.name} — {m.get_position_display()}, {m.body}"  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Judul dokumen"), max_length=200)
    file = forms.FileField(label=_("Berkas"), allow_empty_file=True)  # the inspector refuses


class QuestionCodesField(forms.CharField):
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return parse_codes(str(value or ""))

    def prepare_value(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(value)
        return str(value or "")


class ActionForm(forms.ModelForm):  # type: ignore[type-arg]
    question_codes = QuestionCodesField(
        label=_("Pertanyaan KLA yang didukung"),
        required=False,
        help_text=_("Kode pertanyaan instrumen, dipisah koma, mis. 2.3, 12.1."),
    )

    class Meta:
        model = ActionItem
        fields = ["what", "agency", "due_on", "status", "question_codes", "note"]
        widgets = {"due_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, region_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _offices(region_code)  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RadActivityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RadActivity
        fields = [
            "year",
            "part_code",
            "indicator_code",
            "name",
            "agency",
            "output",
            "relevance",
            "child_share",
        ]

    def __init__(self, *args: Any, region_code: str, instrument: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _offices(region_code)  # type: ignore[attr-defined]
        self.fields["part_code"] = forms.ChoiceField(
            label=_("Bagian"), choices=[(p.code, p.name) for p in instrument.parts]
        )
        self.fields["indicator_code"] = forms.ChoiceField(
            label=_("Indikator"),
            choices=[
                (p.name, [(i.code, f"{i.code}. {i.name}") for i in p.indicators])
                for p in instrument.parts
            ],
        )
        budgets = {b.source: b for b in self.instance.budgets.all()} if self.instance.pk else {}
        for source, label in FundingSource.choices:
            line = budgets.get(source)
            self.fields[f"planned_{source}"] = RupiahField(
                negative=False,
                label=_("Rencana %(source)s (Rp)") % {"source": label},
                required=False,
                initial=line.planned if line else None,
            )
            self.fields[f"realised_{source}"] = RupiahField(
                negative=False,
                label=_("Realisasi %(source)s (Rp)") % {"source": label},
                required=False,
                initial=line.realised if line else None,
            )

    def budgets(self) -> dict[str, tuple[Decimal | None, Decimal | None]]:
        return {
            source: (
                self.cleaned_data.get(f"planned_{source}"),
                self.cleaned_data.get(f"realised_{source}"),
            )
            for source in FundingSource.values
        }

    def budget_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"planned_{s}"], self[f"realised_{s}"]) for s in FundingSource.values]
