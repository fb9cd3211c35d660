"""Forms of the Forum Anak pages. Rules live on the models and in the core's aspiration flow;
the forms only read input (choices limited to the city's own kelurahan and agencies)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.core.aspirations import MAX_TEXT, NEXT, Status
from layak.core.numbers import localise_number
from layak.core.wilayah import Level
from layak.forum.models import (
    KIND_CHOICES,
    LEVEL_CHOICES,
    STATUS_CHOICES,
    TOPICS,
    ChildMember,
    Facilitator,
    ForumGroup,
    GuardianConsent,
)
from layak.regions.models import Agency, Region
from layak.web.errors import request_lang
from layak.web.forms import DATE


def _choice(field: forms.Field) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - a model choice by design
    return field


def _region_label(region: Region) -> str:
    return region.name if region.level == Level.REGENCY else f"{region.kind.title()} {region.name}"


def _kelurahan_of(city_code: str) -> Any:
    return Region.objects.under(city_code).filter(level=Level.VILLAGE)


class ForumForm(forms.ModelForm):  # type: ignore[type-arg]
    decree = forms.FileField(
        label=_("Berkas SK (PDF, PNG atau JPEG)"),
        required=False,
        widget=forms.ClearableFileInput,
        allow_empty_file=True,  # refused by the inspector, with its rule and an audit event
    )

    class Meta:
        model = ForumGroup
        fields = ["region", "name", "sk_number", "sk_date", "period_from", "period_until"]
        widgets = {"sk_date": DATE}

    def __init__(self, *args: Any, city: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.city = city
        units = city.units(Level.DISTRICT, Level.VILLAGE)
        region = _choice(self.fields["region"])
        region.queryset = Region.objects.filter(code=city.code) | units
        region.label_from_instance = _region_label  # type: ignore[method-assign,assignment]


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    class Meta:
        model = ChildMember
        fields = ["nickname", "age_band", "kelurahan", "role"]
        help_texts = {"nickname": _("Nama panggilan saja, bukan nama lengkap.")}

    def __init__(self, *args: Any, city_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self.fields["kelurahan"]).queryset = _kelurahan_of(city_code)
        if self.instance.pk:
            self.fields["active"].initial = self.instance.active


class ConsentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = GuardianConsent
        fields = ["relation", "given_on", "method"]
        widgets = {"given_on": DATE}
        help_texts = {"relation": _("Hubungan dengan anak saja, bukan nama.")}

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "consent")
        super().__init__(*args, **kwargs)
        self.optional = optional
        if optional:
            for field in self.fields.values():
                field.required = False

    def given(self) -> bool:
        """Whether the person filled in any consent field (an optional form left empty)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return any(data.get(name) for name in self.fields)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.optional and self.given():
            for name in self.fields:
                if not data.get(name):
                    self.add_error(name, _("Lengkapi data persetujuan."))
        return data


class FacilitatorForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Facilitator
        fields = ["name", "institution", "active"]


def _aspiration_text(**kwargs: Any) -> forms.CharField:
    """An aspiration's text, whether a child types it or the secretariat copies it from paper:
    at most MAX_TEXT characters, which the browser counts too."""
    textarea = forms.Textarea(attrs={"rows": 6, "maxlength": MAX_TEXT})
    return forms.CharField(max_length=MAX_TEXT, widget=textarea, **kwargs)


def _aspiration_place(**kwargs: Any) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """The kelurahan an aspiration is about, if any: the form offers its city's
    (`_kelurahan_of`)."""
    return forms.ModelChoiceField(
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("— tidak di satu tempat —"),
        **kwargs,
    )


class AspirationForm(forms.Form):
    topic = forms.ChoiceField(label=_("Tentang apa?"), choices=TOPICS, widget=forms.RadioSelect)
    text = _aspiration_text(label=_("Apa usulanmu?"))
    place = _aspiration_place(label=_("Di kelurahan mana? (boleh dikosongkan)"))
    on_behalf = forms.TypedChoiceField(
        label=_("Siapa yang menyampaikan?"),
        choices=[("0", _("Aku sendiri")), ("1", _("Forum Anak, atas nama anak-anak"))],
        coerce=lambda v: v == "1",
        initial="0",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, city_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self.fields["place"]).queryset = _kelurahan_of(city_code)
        # A child reads these: plain words and a way forward, not Django's validator wording.
        limit = self.text_limit()
        self.fields["topic"].error_messages.update(
            required=_("Pilih dulu satu topik, ya."),
            invalid_choice=_("Pilih salah satu topik yang ada, ya."),
        )
        self.fields["text"].error_messages.update(
            required=_("Tulis dulu usulanmu, ya."),
            # Django formats the message again with its own params: the limit goes in here,
            # in the reader's way (1.000 / 1,000).
            max_length=_(
                "Ceritamu terlalu panjang: paling banyak %(limit)s huruf. Coba dipersingkat, ya."
            )
            % {"limit": limit},
        )
        self.fields["on_behalf"].error_messages.update(
            required=_("Pilih siapa yang menyampaikan, ya."),
            invalid_choice=_("Pilih siapa yang menyampaikan, ya."),
        )

    @staticmethod
    def text_limit() -> str:
        """The longest text, as the reader writes numbers (1.000 / 1,000)."""
        return localise_number(MAX_TEXT, request_lang())


class PaperAspirationForm(forms.Form):
    """A child's aspiration written on paper, entered by the secretariat (staff wording)."""

    topic = forms.ChoiceField(label=_("Topik"), choices=[("", "—"), *TOPICS])
    text = _aspiration_text(
        label=_("Aspirasi, seperti yang ditulis anak"),
        help_text=_("Tanpa nama anak: tulis perannya bila perlu, mis. anggota Forum Anak."),
    )
    place = _aspiration_place(label=_("Desa/kelurahan yang dimaksud"))
    written_on = forms.DateField(label=_("Tanggal ditulis"), widget=DATE)
    child_agreed = forms.BooleanField(
        label=_("Anak yang menulisnya setuju aspirasinya diteruskan"),
        required=False,  # the service refuses it unticked, with its keyed message
    )

    def __init__(self, *args: Any, city_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self.fields["place"]).queryset = _kelurahan_of(city_code)
        self.fields["written_on"].initial = timezone.localdate()


# Which step asks for which fact (the core's rule in layak.core.aspirations.step_problems); the
# page shows only the chosen step's fields. Fields not named here (date, note) belong to every step.
STEP_FIELDS: dict[str, tuple[Status, ...]] = {
    "musrenbang_level": (Status.DISCUSSED,),
    "outcome_kind": (Status.ACCEPTED,),
    "outcome_name": (Status.ACCEPTED,),
    "agency": (Status.ACCEPTED,),
    "reason": (Status.DECLINED,),
}


class StepForm(forms.Form):
    status = forms.ChoiceField(label=_("Langkah berikutnya"), widget=forms.RadioSelect)
    on = forms.DateField(label=_("Tanggal"), widget=DATE)
    musrenbang_level = forms.ChoiceField(
        label=_("Tingkat Musrenbang"), choices=[("", "—"), *LEVEL_CHOICES], required=False
    )
    outcome_kind = forms.ChoiceField(
        label=_("Menjadi"), choices=[("", "—"), *KIND_CHOICES], required=False
    )
    outcome_name = forms.CharField(
        label=_("Nama program, kegiatan atau peraturan"), max_length=200, required=False
    )
    agency = forms.ModelChoiceField(
        label=_("OPD penanggung jawab"), queryset=Agency.objects.none(), required=False
    )
    reason = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea, required=False)
    note = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, city_code: str, current: Status, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(STATUS_CHOICES)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)  # noqa: S101 - declared above
        status.choices = [(s.value, labels[s.value]) for s in NEXT[current]]
        if len(NEXT[current]) == 1:  # the only way on is already chosen, with its fields shown
            status.initial = NEXT[current][0].value
        agencies = Agency.objects.filter(region_id=city_code, active=True).offices()
        _choice(self.fields["agency"]).queryset = agencies
        self.fields["on"].initial = timezone.localdate()

    def step_fields(self) -> list[tuple[forms.BoundField, str]]:
        """Every field but the status, each with the steps it belongs to ("" for all of them):
        the page's script hides the fields of the steps not chosen."""
        return [
            (self[name], " ".join(STEP_FIELDS.get(name, ())))
            for name in self.fields
            if name != "status"
        ]
