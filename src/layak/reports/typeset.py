"""The two long reports as Typst typesets them: every word translated and every number written
here, in Python, then handed to the static templates in reports/typst/ as JSON.

The words are the msgids of the HTML versions (reports/pdf_self_assessment.html, pdf_gap.html,
kept as the measured alternative in benchmarks/bench_reports.py), so one translation serves
both; the numbers go through the page's own filters (`points`), so "752,79" reads the same
everywhere. The templates only place the strings: none of them is ever read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _

from layak.core.scoring import IndicatorScore, PartScore
from layak.evaluation.models import Cycle
from layak.reports.queries.content import QuestionLine, SelfAssessmentReport
from layak.reports.queries.gaps import GapRow
from layak.web.templatetags.layak import points

TEMPLATES = Path(__file__).resolve().parent / "typst"
SELF_ASSESSMENT = TEMPLATES / "self_assessment.typ"
GAP = TEMPLATES / "gap.typ"
NONE = "—"
_STRONG = re.compile(r"^(.*?)<strong>(.*?)</strong>(.*)$", re.DOTALL)


def _frame(cycle: Cycle, report: SelfAssessmentReport, made_at: datetime) -> dict[str, Any]:
    """What every page carries: the language, and the line under the title."""
    region = cycle.region.name
    made = date_filter(made_at, "j F Y H:i")
    return {
        "lang": (get_language() or "id").split("-")[0],
        "meta": f"{region} · {_('tahun')} {cycle.year} · {_('tahap')} {report.stage} · "
        f"{_('Dibuat oleh Layak')} {made}",
    }


def _maybe(value: float | None) -> str:
    return NONE if value is None else points(value)


def _bold_parts(text: str) -> list[tuple[str, bool]]:
    """A translation that marks its bold words with <strong> (the HTML version's msgid), cut
    into (text, bold) pieces. The text is our own catalogue's, never a person's."""
    found = _STRONG.match(text)
    if not found:
        return [(text, False)]
    before, bold, after = found.groups()
    return [(before, False), (bold, True), (after, False)]


def _score_line(score: PartScore | IndicatorScore, verified: Any) -> str:
    """ "mandiri 80,73 · terverifikasi 80,73 · maks 96", as reports/_pdf_points.html writes it."""
    line = f"{_('mandiri')} {points(score.score)}"
    if verified:
        line += f" · {_('terverifikasi')} {points(verified.score)}"
    return f"{line} · {_('maks')} {points(score.max)}"


def self_assessment_data(
    report: SelfAssessmentReport, cycle: Cycle, made_at: datetime
) -> dict[str, Any]:
    region, year, target = cycle.region.name, cycle.year, report.target
    title = _("Laporan Penilaian Mandiri KLA")
    return {
        **_frame(cycle, report, made_at),
        "title": f"{title} {region} {year}",
        "heading": f"{title} · {region} {year}",
        "footer": f"{region} · {_('Evaluasi KLA')} {year}",
        "summary": _summary(report),
        "detail": {
            "heading": _("Rincian per bagian, indikator, dan pertanyaan"),
            "note": _note_count(report.question_count),
            "columns": [
                _("Kode"),
                f"{pgettext('table column', 'Pertanyaan')} · {_('jawaban')}",
                _("Nilai"),
                _("Status"),
                _("Bukti dukung"),
            ],
            "none_yet": _("belum ada"),
            "parts": [
                {
                    "name": block.part.name,
                    "points": _score_line(block.score, block.verified),
                    "indicators": [
                        {
                            "title": f"{ind.indicator.code}. {ind.indicator.name}",
                            "points": _score_line(ind.score, ind.verified),
                            "lines": [_question(line) for line in ind.lines],
                        }
                        for ind in block.indicators
                    ],
                }
                for block in report.parts
            ],
        },
        "target": target,
    }


def _note_count(n: int) -> str:
    return ngettext(
        "%(n)s pertanyaan. Nilai: mandiri / terverifikasi (— belum diverifikasi). Status: "
        "jawaban (draf atau diajukan) dan keputusan verifikator. Nilai bagian dan indikator "
        "hanya menghitung jawaban yang diajukan.",
        "%(n)s pertanyaan. Nilai: mandiri / terverifikasi (— belum diverifikasi). Status: "
        "jawaban (draf atau diajukan) dan keputusan verifikator. Nilai bagian dan indikator "
        "hanya menghitung jawaban yang diajukan.",
        n,
    ) % {"n": n}


def _summary(report: SelfAssessmentReport) -> dict[str, Any]:
    scores, target = report.scores, report.target
    note = _(
        "Nilai maksimal %(max)s. Setiap nilai hanya dari jawaban yang diajukan; proyeksi: yang "
        "berbukti dukung; terverifikasi: nilai verifikator bila ada. Kekurangan dihitung dari "
        "nilai di barisnya."
    ) % {"max": points(scores.self_card.max_total)}
    if scores.drafts.answers:
        note += " " + ngettext(
            "%(n)s jawaban draf (%(pts)s poin) belum dihitung.",
            "%(n)s jawaban draf (%(pts)s poin) belum dihitung.",
            scores.drafts.answers,
        ) % {"n": scores.drafts.answers, "pts": points(scores.drafts.total)}
    risk = ngettext(
        "<strong>%(pts)s poin berisiko</strong> karena belum ada bukti dukung (%(n)s pertanyaan).",
        "<strong>%(pts)s poin berisiko</strong> karena belum ada bukti dukung (%(n)s pertanyaan).",
        report.at_risk_questions,
    ) % {"pts": points(report.at_risk), "n": report.at_risk_questions}
    plan = scores.plan
    return {
        "heading": _("Ringkasan"),
        "stage_columns": [
            _("Nilai"),
            _("Total"),
            _("Predikat"),
            _("Kurang menuju %(target)s") % {"target": target},
        ],
        "stages": [
            [
                s.label,
                _maybe(s.total),
                _("belum ada hasil verifikasi")
                if s.total is None
                else s.predicate or _("belum berpredikat"),
                NONE
                if s.to_target is None
                else _("tercapai")
                if s.to_target == 0
                else points(s.to_target),
            ]
            for s in report.stages
        ],
        "note": note,
        "chart_heading": _("Nilai per bagian"),
        "chart": str(report.chart),
        "risk": _bold_parts(risk),
        "steps_heading": _("Lima langkah termurah menuju %(target)s") % {"target": target},
        "plan_note": _(
            "Rencana lengkap: %(n)s langkah untuk %(needed)s poin yang kurang dari nilai proyeksi "
            "terverifikasi, upaya %(effort)s (lihat laporan analisis gap)."
        )
        % {
            "n": report.plan_steps,
            "needed": points(plan.needed),
            "effort": points(plan.total_effort),
        }
        if report.plan_steps > len(report.steps)
        else "",
        "step_columns": [
            _("Kode"),
            pgettext("table column", "Pertanyaan"),
            _("Tindakan"),
            _("Tambah"),
            _("Upaya"),
            _("OPD"),
        ],
        "steps": [
            [
                step.item.code,
                step.question.label,
                _("lengkapi bukti") if step.item.action == "bukti" else _("tingkatkan capaian"),
                f"+{points(step.item.gain)}",
                points(step.item.effort),
                step.agencies_text,
            ]
            for step in report.steps
        ],
        "no_steps": ""
        if report.steps
        else _("Sasaran sudah tercapai menurut nilai proyeksi terverifikasi.")
        if plan.needed <= 0
        else _("Tidak ada tindakan yang dapat menambah nilai."),
        "shortfall": _(
            "Sasaran belum terjangkau walau semua tindakan dilakukan: masih kurang %(short)s poin."
        )
        % {"short": points(plan.shortfall)}
        if not plan.reachable and plan.needed > 0
        else "",
    }


def _question(line: QuestionLine) -> dict[str, Any]:
    row = line.row
    return {
        "code": line.question.code,
        "label": line.question.label,
        "answer": f"{_('Jawaban')}: {line.answer}" if line.answer else "",
        "points": f"{_maybe(line.claimed)} / {_maybe(line.verified)}",
        "max": f"{_('maks')} {points(line.question.max_points)}",
        "status": _(row.status_label),
        "status_note": _("jawaban draf")
        if row.verification and line.answer_status == "draf"
        else "",
        "files": [
            [
                f"{f.title} ({f.year}) · ",
                f"{f.uploader} · {f.unit}" if f.unit else f.uploader,
            ]
            for f in line.evidence
        ],
    }


def gap_data(
    report: SelfAssessmentReport,
    cycle: Cycle,
    made_at: datetime,
    rows: Sequence[GapRow],
    summary: str,
) -> dict[str, Any]:
    region, year = cycle.region.name, cycle.year
    plan = ngettext(
        "Baris bertanda urutan adalah rencana termurah (%(n)s langkah), disusul pertanyaan lain "
        "yang belum tuntas menurut urutan instrumen.",
        "Baris bertanda urutan adalah rencana termurah (%(n)s langkah), disusul pertanyaan lain "
        "yang belum tuntas menurut urutan instrumen.",
        report.plan_steps,
    ) % {"n": report.plan_steps}
    return {
        **_frame(cycle, report, made_at),
        "title": f"{_('Analisis Gap KLA')} {region} {year}",
        "heading": _("Analisis Gap menuju %(target)s") % {"target": report.target},
        "footer": f"{region} · {_('Analisis gap')} {year}",
        "summary": f"{summary} {plan}",
        "columns": [
            _("Urutan"),
            _("Bagian"),
            _("Nilai"),
            _("Indikator"),
            _("Sudah dilakukan"),
            _("Belum dilakukan"),
            _("OPD penanggung jawab"),
            _("Data yang masih dibutuhkan"),
            _("Tambahan poin"),
        ],
        "rows": [
            {
                "plan": r.rank is not None,
                "rank": str(r.rank) if r.rank else NONE,
                "part": r.part_label,
                "points": f"{points(r.claimed)} / {points(r.question.max_points)}",
                "indicator_code": r.indicator.code,
                "indicator": r.indicator.name,
                "question": f"{r.question.code} {r.question.label}",
                "done": r.done,
                "todo": r.todo,
                "agencies": ", ".join(r.agencies) or NONE,
                "needed": r.needed,
                "gain": f"+{points(r.gain)}",
            }
            for r in rows
        ],
        "all_settled": _("Semua pertanyaan sudah tuntas."),
    }
