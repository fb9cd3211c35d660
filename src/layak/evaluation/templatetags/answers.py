"""Template filters for answers and their history: values as people read them (Ya/Tidak, an
option's label, 3,75), the rule that proposes points, and what an audit event changed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import template
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from layak.core.answers import parse_number, parse_yes_no
from layak.core.instrument import AnswerKind, Direction, Option, Question
from layak.core.numbers import localise_number
from layak.core.stages import Stage
from layak.evaluation.queries.rows import STATUS_LABELS
from layak.web.errors import request_lang
from layak.web.templatetags.layak import points

if TYPE_CHECKING:
    from layak.evaluation.models import Answer

register = template.Library()


def value_text(question: Question, value: object, *, unit_answer: bool = False) -> str:
    """An answer's value as people read it: Ya/Tidak (Yes/No) rather than the stored ya/tidak,
    an option's label rather than its key. A kecamatan's or kelurahan's own answer is always a
    yes/no; the city's answer to such a question is the share that said yes, shown as stored."""
    text = str(value)
    if not unit_answer and (question.per_kecamatan or question.per_desa_kelurahan):
        return _number_text(text)
    if unit_answer or question.kind is AnswerKind.YES_NO:
        yes = parse_yes_no(text)
        if yes is not None:
            return _("Ya") if yes else _("Tidak")
    if question.kind is AnswerKind.CHOICE:
        return next((o.label for o in question.options if o.key == text), text)
    return _number_text(text)


def _number_text(text: str) -> str:
    """A stored number ("3.75") as the reader writes it (3,75); any other text unchanged."""
    parsed = parse_number(text)
    return text if parsed is None else localise_number(Decimal(str(parsed)), request_lang())


@register.filter
def answer_text(answer: Answer | None, question: Question) -> str:
    if answer is None or not answer.answered:
        return "—"
    if not answer.value:
        return _("poin diisi langsung")
    if answer.unit_id is None and question.per_unit:
        return _("%(share)s %% wilayah menjawab ya") % {"share": points(Decimal(answer.value))}
    return value_text(question, answer.value, unit_answer=answer.unit_id is not None)


@register.filter
def option_points(option: Option, question: Question) -> float:
    return option.fraction * question.max_points


@register.filter
def scoring_rule(question: Question) -> str:
    """How a number proposes the points, in words: "≥ 25 → 25 % of the maximum (0,31 poin)"."""
    if not question.thresholds:
        return ""
    lower = question.direction is Direction.LOWER
    sign = "≤" if lower else "≥"
    steps = "; ".join(
        _("%(sign)s %(value)s → %(share)s %% dari nilai maksimal (%(points)s poin)")
        % {
            "sign": sign,
            "value": points(t.value),
            "share": points(100 * t.fraction),
            "points": points(t.fraction * question.max_points),
        }
        for t in question.thresholds
    )
    rule = _("makin kecil makin baik") if lower else _("makin besar makin baik")
    return _("Usulan poin: %(steps)s (%(rule)s).") % {"steps": steps, "rule": rule}


# Marked for makemessages only; translated when shown (action_label, changes).
ACTION_LABELS = {
    "answer.save": gettext_noop("jawaban disimpan"),
    "answer.recompute": gettext_noop("nilai dihitung ulang dari wilayah"),
    "answer.submit": gettext_noop("jawaban diajukan"),
    "verification.save": gettext_noop("verifikasi"),
    "evidence.add": gettext_noop("bukti ditambahkan"),
    "evidence.remove": gettext_noop("bukti dihapus"),
    "evidence.refused": gettext_noop("unggahan ditolak"),
    "stage.lock": gettext_noop("tahap dikunci"),
    "stage.unlock": gettext_noop("kunci tahap dibuka"),
    "assignment.save": gettext_noop("penugasan diubah"),
}

# The audit snapshots' keys (see the models' snapshot() and the services' record() calls).
FIELD_LABELS = {
    "value": gettext_noop("jawaban"),
    "points": gettext_noop("nilai"),
    "note": gettext_noop("catatan"),
    "status": gettext_noop("status"),
    "question": gettext_noop("pertanyaan"),
    "unit": gettext_noop("kecamatan/kelurahan"),
    "stage": gettext_noop("tahap"),
    "verified_points": gettext_noop("nilai terverifikasi"),
    "answer_version": gettext_noop("versi jawaban"),
    "title": gettext_noop("judul dokumen"),
    "document_year": gettext_noop("tahun dokumen"),
    "original_name": gettext_noop("nama berkas asli"),
    "size": gettext_noop("ukuran"),
    "removed": gettext_noop("dihapus"),
    "evidence": gettext_noop("berkas bukti"),
    "agencies": gettext_noop("OPD"),
    "reason": gettext_noop("alasan"),
    "locked": gettext_noop("dikunci"),
}


@register.filter
def action_label(action: str) -> str:
    return translation.gettext(ACTION_LABELS.get(action, action))


@register.filter
def changes(event: object, question: Question | None = None) -> list[tuple[str, object, object]]:
    """(field label, before, after) for what an audit event changed; with the question, answer
    values are shown as value_text shows them."""
    before = getattr(event, "before", None) or {}
    after = getattr(event, "after", None) or {}
    keys = [k for k in after if k != "version"] + [k for k in before if k not in after]

    def shown(key: str, value: object) -> object:
        # Only a saved answer holds what someone chose; a recomputed one holds the units' share.
        if key == "value" and value and question and getattr(event, "action", "") == "answer.save":
            return value_text(question, value, unit_answer=bool(after.get("unit")))
        return _field_value(key, value)

    return [
        (_field_label(k), shown(k, before.get(k, "")), shown(k, after.get(k, "")))
        for k in keys
        if before.get(k) != after.get(k)
    ]


def _field_label(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return translation.gettext(label) if label else key


def _field_value(key: str, value: object) -> object:
    """Status and stage codes as their labels in the current language, points as written on the
    page (snapshots keep them to 4 places); others unchanged."""
    if key in ("points", "verified_points") and value not in ("", None):
        try:
            return points(Decimal(str(value)))
        except InvalidOperation:  # history is shown as recorded, whatever it holds
            return value
    if key == "status" and isinstance(value, str) and value in STATUS_LABELS:
        return translation.gettext(STATUS_LABELS[value])
    if key == "stage" and isinstance(value, str) and value in {s.value for s in Stage}:
        return translation.gettext(Stage(value).label)
    return value
