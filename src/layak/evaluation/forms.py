"""The secretariat's forms of a cycle: a stage's window, and a new cycle with all its windows.
Moments are entered as date and time in the region's own zone (the view reads and shows them
under `timezone.override(region.zone)`); the rules are `evaluation.setup`'s
(`window_problems`, `opening_problems`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from layak.conf.refusals import active_lang
from layak.core.loader import builtin_ids, load_builtin
from layak.core.messages import msg
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation.setup import Windows, window_column

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


# The stages' moments on the opening form; only field verification has a document window.
STAGE_MOMENTS: dict[Stage, tuple[str, ...]] = {
    stage: ("opens_at", "closes_at", "documents_until")
    if stage is Stage.FIELD
    else ("opens_at", "closes_at")
    for stage in STAGE_ORDER
}
MOMENT_LABELS = {
    "opens_at": _("Dibuka"),
    "closes_at": _("Ditutup"),
    "documents_until": _("Unggah dokumen susulan sampai"),
}


def _predicates() -> list[tuple[str, str]]:
    """The predicates of the built-in instruments, in their order (Pratama … KLA)."""
    names: list[str] = []
    for instrument_id in builtin_ids():
        names += [b.name for b in load_builtin(instrument_id).bands if b.name not in names]
    return [(name, name) for name in names]


class CycleForm(forms.Form):
    """A new cycle of one region: its year, a built-in instrument, the target predicate and the
    stage windows (the self-assessment's required, by `opening_problems`; the others may be
    set later on the stage page)."""

    year = forms.IntegerField(label=_("Tahun"))
    instrument = forms.ChoiceField(label=_("Instrumen"))
    target_predicate = forms.ChoiceField(label=_("Predikat sasaran"))
    carry_answers = forms.BooleanField(
        label=_(
            "Salin jawaban tahun lalu sebagai draf yang perlu ditinjau, beserta bukti yang "
            "masih berlaku"
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instrument = self.fields["instrument"]
        assert isinstance(instrument, forms.ChoiceField)  # noqa: S101 - declared above
        instrument.choices = [(i, i) for i in builtin_ids()]
        target = self.fields["target_predicate"]
        assert isinstance(target, forms.ChoiceField)  # noqa: S101 - declared above
        target.choices = _predicates()
        for stage, moments in STAGE_MOMENTS.items():
            for moment in moments:
                self.fields[window_column(stage, moment)] = _moment(
                    MOMENT_LABELS[moment], required=False
                )

    def stages(self) -> list[tuple[Stage, list[forms.BoundField]]]:
        """Each stage with its fields, for the template."""
        return [
            (stage, [self[window_column(stage, m)] for m in moments])
            for stage, moments in STAGE_MOMENTS.items()
        ]

    def clean(self) -> dict[str, Any]:
        """A window is a pair: one end given without the other is missing at its field."""
        data = super().clean() or {}
        for stage in STAGE_ORDER:
            ends = [window_column(stage, "opens_at"), window_column(stage, "closes_at")]
            given = [name for name in ends if data.get(name) is not None]
            if not given and data.get(window_column(stage, "documents_until")) is not None:
                given = [ends[1]]  # a document window needs its stage: its opening is missing
            if len(given) == 1 and not any(self.has_error(name) for name in ends):
                (missing,) = set(ends) - set(given)
                required = msg("field.required")
                self.add_error(
                    missing, ValidationError(required.render(active_lang()), code=required.key)
                )
        return data

    def windows(self) -> Windows:
        """The windows given in full, as aware moments (read in the region's zone)."""
        data = self.cleaned_data
        found: Windows = {}
        for stage in STAGE_ORDER:
            opens: datetime | None = data.get(window_column(stage, "opens_at"))
            closes: datetime | None = data.get(window_column(stage, "closes_at"))
            if opens is not None and closes is not None:
                documents = data.get(window_column(stage, "documents_until"))
                found[stage] = (opens, closes, documents)
        return found
