"""Text and JSON forms of score cards and gap plans for the command line."""

from __future__ import annotations

from typing import Any

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
    en = lang == "en"
    name_width = max(len(p.name) for p in card.parts) + 2
    header = ("Part" if en else "Bagian").ljust(name_width + 4)
    columns = ("Score", "Max", "Projected*") if en else ("Nilai", "Maks", "Proyeksi*")
    lines = [
        f"{'Instrument' if en else 'Instrumen'}: {instrument.id} — {instrument.name}",
        (
            "Answered: {a} of {n} questions, {e} with evidence"
            if en
            else "Dijawab: {a} dari {n} pertanyaan, {e} dengan bukti"
        ).format(a=card.answered, n=len(instrument.questions), e=card.with_evidence),
        "",
        f"{header}{columns[0]:>10}{columns[1]:>10}{columns[2]:>16}",
    ]
    for p in card.parts:
        lines.append(
            f"{p.code:<4}{p.name:<{name_width}}{number(p.score, lang):>10}"
            f"{number(p.max, lang):>10}{number(p.projected, lang):>16}"
        )
    lines.append(
        f"{'Total':<{name_width + 4}}{number(card.total, lang):>10}"
        f"{number(card.max_total, lang):>10}{number(card.projected_verified_total, lang):>16}"
    )
    lines.append("")
    none = "none (below the lowest band)" if en else "belum ada (di bawah predikat terendah)"
    lines.append(
        f"{'Predicate (self-assessment)' if en else 'Predikat (penilaian mandiri)'}: "
        f"{card.predicate or none} ({number(card.total, lang)})"
    )
    lines.append(
        f"{'Projected verified predicate*' if en else 'Predikat proyeksi terverifikasi*'}: "
        f"{card.projected_predicate or none} ({number(card.projected_verified_total, lang)})"
    )
    lines.append(
        f"{'Points at risk (no evidence)' if en else 'Nilai berisiko (tanpa bukti)'}: "
        f"{number(card.points_at_risk, lang)}"
    )
    if card.next_predicate is not None and card.points_to_next is not None:
        lines.append(
            f"To {card.next_predicate}: {number(card.points_to_next, lang)} more points "
            "(from the self-assessment)"
            if en
            else f"Menuju {card.next_predicate}: kurang {number(card.points_to_next, lang)} poin "
            "(dari penilaian mandiri)"
        )
    else:
        lines.append(
            "The highest predicate is reached." if en else "Predikat tertinggi sudah tercapai."
        )
    lines.append("")
    lines.append(
        "* counts a question only when it has evidence"
        if en
        else "* hanya menghitung pertanyaan yang memiliki bukti"
    )
    if instrument.warnings:
        lines.append("")
        lines.append("Instrument warnings:" if en else "Peringatan instrumen:")
        lines.extend(f"  - {w.render(lang)}" for w in instrument.warnings)
    return "\n".join(lines)


def figures_text(figures: Figures, drafts: int, instrument: Instrument, lang: Lang) -> str:
    """A cycle's score card (its submitted answers), then its three figures, each named by its
    basis with its own distance to the target, and the drafts not counted."""
    en = lang == "en"
    none = "none" if en else "belum ada"
    lines = [score_text(figures.card, instrument, lang), ""]
    for figure in figures.shown:
        line = f"{figure.label(lang)}: {number(figure.total, lang)} ({figure.predicate or none})"
        if figure.target is not None and figure.points_to_target is not None:
            line += (
                f"; to {figure.target}: {number(figure.points_to_target, lang)} more points"
                if en
                else f"; menuju {figure.target}: kurang {number(figure.points_to_target, lang)} "
                "poin"
            )
        lines.append(line)
    if drafts:
        lines.append(
            f"{drafts} answers still in draft: counted in no figure until submitted."
            if en
            else f"{drafts} jawaban masih draf: belum dihitung dalam nilai mana pun sampai "
            "diajukan."
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
    en = lang == "en"
    lines = [
        (
            f"Plan to reach {plan.target} ({number(plan.target_points, lang, 0)} points)"
            if en
            else f"Rencana menuju {plan.target} ({number(plan.target_points, lang, 0)} poin)"
        ),
        (
            f"Projected verified score now: {number(plan.current, lang)}; needed: "
            f"{number(plan.needed, lang)}"
            if en
            else f"Nilai proyeksi terverifikasi sekarang: {number(plan.current, lang)}; "
            f"kekurangan: {number(plan.needed, lang)}"
        ),
    ]
    if plan.needed <= 0:
        lines.append(
            f"{plan.target} is already reached; nothing to do."
            if en
            else f"{plan.target} sudah tercapai; tidak ada yang perlu dilakukan."
        )
        return "\n".join(lines)
    if not plan.reachable:
        lines.append(
            f"NOT REACHABLE: even with every action the projected score is "
            f"{number(plan.max_reachable, lang)}, {number(plan.shortfall, lang)} points short. "
            "The actions below still add the most points."
            if en
            else f"TIDAK TERCAPAI: dengan semua tindakan pun nilai proyeksi hanya "
            f"{number(plan.max_reachable, lang)}, masih kurang {number(plan.shortfall, lang)} "
            "poin. Tindakan di bawah tetap menambah nilai sebanyak mungkin."
        )
    lines.append("")
    heads = (
        ("No", "Code", "Action", "Question", "Gain", "Effort", "New pts")
        if en
        else ("No", "Kode", "Tindakan", "Uraian", "Tambah", "Upaya", "Nilai baru")
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
        f"Total: +{number(plan.total_gain, lang)} points for effort "
        f"{effort_text(plan.total_effort, lang)} "
        "(bukti = document points already claimed; capaian = raise the achievement)"
        if en
        else f"Jumlah: +{number(plan.total_gain, lang)} poin dengan upaya "
        f"{effort_text(plan.total_effort, lang)} "
        "(bukti = lengkapi dokumen nilai yang sudah diklaim; capaian = tingkatkan capaian)"
    )
    return "\n".join(lines)
