"""Template filters: points as Indonesians write them (1.004,50), in either language."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def points(value: float | Decimal | None) -> str:
    if value is None or value == "":
        return "—"
    number = float(value)
    text = f"{number:,.2f}"
    if (translation.get_language() or "id").startswith("id"):
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.removesuffix(",00").removesuffix(".00")


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    return mapping.get(key) if mapping else None


ACTION_LABELS = {
    "answer.save": "jawaban disimpan",
    "answer.recompute": "nilai dihitung ulang dari wilayah",
    "verification.save": "verifikasi",
    "evidence.add": "bukti ditambahkan",
    "evidence.remove": "bukti dihapus",
    "evidence.refused": "unggahan ditolak",
    "stage.lock": "tahap dikunci",
    "stage.unlock": "kunci tahap dibuka",
    "assignment.save": "penugasan diubah",
}


@register.filter
def action_label(action: str) -> str:
    return translation.gettext(ACTION_LABELS.get(action, action))


@register.filter
def changes(event: object) -> list[tuple[str, object, object]]:
    """(field, before, after) for what an audit event changed."""
    before = getattr(event, "before", None) or {}
    after = getattr(event, "after", None) or {}
    keys = [k for k in after if k != "version"] + [k for k in before if k not in after]
    return [(k, before.get(k, ""), after.get(k, "")) for k in keys if before.get(k) != after.get(k)]
