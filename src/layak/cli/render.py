"""Text and JSON forms of score cards and gap plans for the command line.

The text forms run inside a command, whose language LayakCommand has activated: their words are
gettext strings, and `lang` (the same language) writes the numbers and the core's messages.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from layak.core.figures import Figures
from layak.core.gap import GapPlan
from layak.core.instrument import Instrument
from layak.core.messages import Lang
from layak.core.numbers import localise_number
from layak.core.scoring import ScoreCard


def number(value: float, lang: Lang, places: int = 2) -> str:
    """1004.5 → '1.004,50' in Indonesian, '1,004.50' in English (columns keep their places)."""
    return localise_number(value, lang, places)


def effort_text(value: float, lang: Lang) -> str:
    return number(value, lang, 0 if float(value).is_integer() else 2)


def score_json(card: ScoreCard, instrument: Instrument, lang: Lang) -> dict[str, Any]:
    return {
        "instrument": instrument.id,
        "total": card.total,
        "max_total": card.max_total,
        "predicate": card.predicate,
        "next_predicate": card.next_predicate,
        "points_to_next": card.points_to_next,
        "projected_verified_total": card.projected_verified_total,
        "projected_predicate": card.projected_predicate,
        "points_at_risk": card.points_at_risk,
        "answered": card.answered,
        "with_evidence": card.with_evidence,
        "parts": [
            {
                "code": p.code,
                "name": p.name,
                "score": p.score,
                "max": p.max,
                "stated_max": p.stated_max,
                "projected": p.projected,
            }
            for p in card.parts
        ],
        "warnings": [w.render(lang) for w in instrument.warnings],
    }


def score_text(card: ScoreCard, instrument: Instrument, lang: Lang) -> str:
    name_width = max(len(p.name) for p in card.parts) + 2
    header = pgettext("command line", "Bagian").ljust(name_width + 4)
    columns = (
        pgettext("command line", "Nilai"),
        pgettext("command line", "Maks"),
        pgettext("command line", "Proyeksi*"),
    )
    questions = len(instrument.questions)
    lines = [
        _("Instrumen: %(id)s — %(name)s") % {"id": instrument.id, "name": instrument.name},
        ngettext(
            "Dijawab: %(answered)s dari %(count)s pertanyaan, %(evidence)s dengan bukti",
            "Dijawab: %(answered)s dari %(count)s pertanyaan, %(evidence)s dengan bukti",
            questions,
        )
        % {"answered": card.answered, "count": questions, "evidence": card.with_evidence},
        "",
        f"{header}{columns[0]:>10}{columns[1]:>10}{columns[2]:>16}",
    ]
    for p in card.parts:
        lines.append(
            f"{p.code:<4}{p.name:<{name_width}}{number(p.score, lang):>10}"
            f"{number(p.max, lang):>10}{number(p.projected, lang):>16}"
        )
    total = pgettext("command line", "Total")
    lines.append(
        f"{total:<{name_width + 4}}{number(card.total, lang):>10}"
        f"{number(card.max_total, lang):>10}{number(card.projected_verified_total, lang):>16}"
    )
    lines.append("")
    none = _("belum ada (di bawah predikat terendah)")
    lines.append(
        _("Predikat (penilaian mandiri): %(predicate)s (%(points)s)")
        % {"predicate": card.predicate or none, "points": number(card.total, lang)}
    )
    lines.append(
        _("Predikat proyeksi terverifikasi*: %(predicate)s (%(points)s)")
        % {
            "predicate": card.projected_predicate or none,
            "points": number(card.projected_verified_total, lang),
        }
    )
    lines.append(
        _("Nilai berisiko (tanpa bukti): %(points)s")
        % {"points": number(card.points_at_risk, lang)}
    )
    if card.next_predicate is not None and card.points_to_next is not None:
        lines.append(
            _("Menuju %(predicate)s: kurang %(points)s poin (dari penilaian mandiri)")
            % {"predicate": card.next_predicate, "points": number(card.points_to_next, lang)}
        )
    else:
        lines.append(_("Predikat tertinggi sudah tercapai."))
    lines.append("")
    lines.append(_("* hanya menghitung pertanyaan yang memiliki bukti"))
    if instrument.warnings:
        lines.append("")
        lines.append(_("Peringatan instrumen:"))
        lines.extend(f"  - {w.render(lang)}" for w in instrument.warnings)
    return "\n".join(lines)


def figures_text(figures: Figures, drafts: int, instrument: Instrument, lang: Lang) -> str:
    """A cycle's score card (its submitted answers), then its three figures, each named by its
    basis with its own distance to the target, and the drafts not counted."""
    none = pgettext("no predicate", "belum ada")
    lines = [score_text(figures.card, instrument, lang), ""]
    for figure in figures.shown:
        line = f"{figure.label(lang)}: {number(figure.total, lang)} ({figure.predicate or none})"
        if figure.target is not None and figure.points_to_target is not None:
            line += "; " + _("menuju %(predicate)s: kurang %(points)s poin") % {
                "predicate": figure.target,
                "points": number(figure.points_to_target, lang),
            }
        lines.append(line)
    if drafts:
        lines.append(
            ngettext(
                "%(count)s jawaban masih draf: belum dihitung dalam nilai mana pun sampai "
                "diajukan.",
                "%(count)s jawaban masih draf: belum dihitung dalam nilai mana pun sampai "
                "diajukan.",
                drafts,
            )
            % {"count": drafts}
        )
    return "\n".join(lines)


def gap_json(plan: GapPlan) -> dict[str, Any]:
    return {
        "target": plan.target,
        "target_points": plan.target_points,
        "current": plan.current,
        "needed": plan.needed,
        "reachable": plan.reachable,
        "items": [
            {
                "kode": i.code,
                "action": i.action.value,
                "gain": round(i.gain, 4),
                "effort": i.effort,
                "new_points": round(i.new_points, 4),
            }
            for i in plan.items
        ],
        "total_gain": plan.total_gain,
        "total_effort": plan.total_effort,
        "max_reachable": plan.max_reachable,
        "shortfall": plan.shortfall,
    }


def gap_text(plan: GapPlan, instrument: Instrument, lang: Lang) -> str:
    lines = [
        _("Rencana menuju %(predicate)s (%(points)s poin)")
        % {"predicate": plan.target, "points": number(plan.target_points, lang, 0)},
        _("Nilai proyeksi terverifikasi sekarang: %(current)s; kekurangan: %(needed)s")
        % {"current": number(plan.current, lang), "needed": number(plan.needed, lang)},
    ]
    if plan.needed <= 0:
        lines.append(
            _("%(predicate)s sudah tercapai; tidak ada yang perlu dilakukan.")
            % {"predicate": plan.target}
        )
        return "\n".join(lines)
    if not plan.reachable:
        lines.append(
            _(
                "TIDAK TERCAPAI: dengan semua tindakan pun nilai proyeksi hanya %(best)s, masih "
                "kurang %(short)s poin. Tindakan di bawah tetap menambah nilai sebanyak mungkin."
            )
            % {
                "best": number(plan.max_reachable, lang),
                "short": number(plan.shortfall, lang),
            }
        )
    lines.append("")
    heads = (
        pgettext("command line", "No"),
        pgettext("command line", "Kode"),
        pgettext("command line", "Tindakan"),
        pgettext("command line", "Uraian"),
        pgettext("command line", "Tambah"),
        pgettext("command line", "Upaya"),
        pgettext("command line", "Nilai baru"),
    )
    lines.append(
        f"{heads[0]:>3}  {heads[1]:<7}{heads[2]:<10}{heads[3]:<46}{heads[4]:>8}"
        f"{heads[5]:>8}{heads[6]:>11}"
    )
    for n, item in enumerate(plan.items, start=1):
        label = instrument.question(item.code).label
        label = label if len(label) <= 44 else label[:43] + "…"
        lines.append(
            f"{n:>3}  {item.code:<7}{item.action.value:<10}{label:<46}"
            f"{number(item.gain, lang):>8}{effort_text(item.effort, lang):>8}"
            f"{number(item.new_points, lang):>11}"
        )
    lines.append("")
    lines.append(
        _(
            "Jumlah: +%(gain)s poin dengan upaya %(effort)s (bukti = lengkapi dokumen nilai yang "
            "sudah diklaim; capaian = tingkatkan capaian)"
        )
        % {
            "gain": number(plan.total_gain, lang),
            "effort": effort_text(plan.total_effort, lang),
        }
    )
    return "\n".join(lines)
