"""The gap analysis in the form regions already keep (part | points | indicator | already done |
not yet done | responsible agency | data still needed), one row per question with something left
to do that adds points, ordered by the cheapest path to the target: the core's plan first, in its
order, then every other open question in the order of the instrument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from layak.core.gap import Action, PlanItem
from layak.core.instrument import AnswerKind, Direction, Indicator, Part, Question
from layak.evaluation.queries.rows import Row
from layak.evaluation.templatetags.answers import value_text
from layak.reports.queries.content import SelfAssessmentReport, flat_lines
from layak.tabular.printing import prepare_for_print
from layak.tabular.template import safe_text
from layak.web.templatetags.layak import number, points

MAX_TITLES = 3
_EPS = 1e-9
# Points are shown with two decimals: a row adding less than half a hundredth would read "+0",
# a step that changes nothing. Such a row is left out; the totals lose nothing by it.
NO_GAIN = 0.005


@dataclass(frozen=True)
class GapRow:
    rank: int | None  # 1-based place in the plan; None outside it
    part: Part
    indicator: Indicator
    question: Question
    claimed: float
    gain: float  # what the row adds: the plan's gain, or all it could add
    effort: float | None  # the plan's effort for the row
    done: list[str]
    todo: list[str]
    agencies: list[str]
    needed: list[str]

    @property
    def part_label(self) -> str:
        """ "Klaster III" rather than the full name, as the dashboard's chart writes it."""
        return self.part.name.split(" — ")[0]


def _full_value(question: Question) -> str:
    """The value that earns full points, as the threshold list writes it."""
    full = [t.value for t in question.thresholds if t.fraction >= 1 - _EPS]
    if not full:
        return ""
    best = min(full) if question.direction is Direction.HIGHER else max(full)
    return number(best)


def data_needed(question: Question, raise_it: bool, document_it: bool) -> list[str]:
    needed = []
    if raise_it:
        if question.per_kecamatan:
            needed.append(_("Jawaban dan bukti dari setiap kecamatan"))
        elif question.per_desa_kelurahan:
            needed.append(_("Jawaban dan bukti dari setiap desa/kelurahan"))
        elif question.kind is AnswerKind.PERCENTAGE:
            value = _full_value(question)
            needed.append(
                _("Data persentase terbaru dan sumbernya (nilai penuh pada %(value)s%%)")
                % {"value": value}
                if value
                else _("Data persentase terbaru dan sumbernya")
            )
        elif question.kind is AnswerKind.NUMBER:
            value = _full_value(question)
            needed.append(
                _("Data jumlah terbaru dan sumbernya (nilai penuh pada %(value)s)")
                % {"value": value}
                if value
                else _("Data jumlah terbaru dan sumbernya")
            )
        elif question.kind is AnswerKind.CHOICE and question.options:
            best = max(question.options, key=lambda o: o.fraction)
            needed.append(_("Bukti untuk pilihan “%(option)s”") % {"option": best.label})
        elif question.kind is AnswerKind.POINTS:
            needed.append(_("Dokumen pendukung untuk penilaian verifikator"))
        else:
            needed.append(_("Dokumen yang membuktikan jawaban “Ya”"))
    if document_it:
        needed.append(_("Dokumen bukti dukung untuk jawaban yang sudah diisi"))
    return needed


def _done(row: Row, claimed: float, question: Question, titles: Sequence[str]) -> list[str]:
    done: list[str] = []
    if row.answer and row.answer["value"]:
        done.append(
            _("Dijawab: %(answer)s (%(points)s dari %(max)s poin)")
            % {
                "answer": value_text(question, row.answer["value"]),
                "points": points(claimed),
                "max": points(question.max_points),
            }
        )
    if titles:
        shown = "; ".join(titles[:MAX_TITLES])
        more = len(titles) - MAX_TITLES
        line = _("Bukti: %(titles)s") % {"titles": shown}
        if more > 0:
            line += " " + _("(dan %(n)d lainnya)") % {"n": more}
        done.append(line)
    if row.verification and row.verification["status"] == "diterima":
        done.append(_("Diterima verifikator"))
    return done


def _todo(row: Row, claimed: float, question: Question, documented: bool) -> list[str]:
    todo: list[str] = []
    answered = bool(row.answer and row.answer["value"])
    if not answered:
        todo.append(_("Belum dijawab."))
    elif row.answer and row.answer["status"] == "draf":
        todo.append(_("Jawaban masih draf, belum diajukan."))
    if answered and claimed > _EPS and not documented:
        todo.append(
            _("Bukti dukung belum diunggah: %(points)s poin berisiko dipotong.")
            % {"points": points(claimed)}
        )
    if question.max_points - claimed > _EPS:
        todo.append(
            _("Capaian belum maksimal: kurang %(points)s poin.")
            % {"points": points(question.max_points - claimed)}
        )
    if row.status in ("perbaikan", "ditolak") and row.verification:
        note = row.verification["note"] or ""
        todo.append(
            _("Verifikator: %(status)s. %(note)s") % {"status": _(row.status_label), "note": note}
        )
    return todo


def gap_rows(report: SelfAssessmentReport) -> list[GapRow]:
    instrument = report.scores.instrument
    plan: dict[str, list[PlanItem]] = {}
    for item in report.scores.plan.items:
        plan.setdefault(item.code, []).append(item)
    ranks = {code: i for i, code in enumerate(plan, start=1)}
    places = {
        q.code: (p, ind) for p in instrument.parts for ind in p.indicators for q in ind.questions
    }
    rows: list[GapRow] = []
    for line in flat_lines(report.parts):
        question, row = line.question, line.row
        claimed = line.claimed or 0.0
        documented = row.evidence > 0  # as the scores count it: any file, the units' too
        answered = line.claimed is not None
        risky = answered and claimed > _EPS and not documented
        short = question.max_points - claimed > _EPS
        unsettled = row.status in ("draf", "perbaikan", "ditolak")
        if not (short or risky or unsettled or not answered):
            continue
        items = plan.get(question.code, [])
        gain = (
            sum(i.gain for i in items)
            if items
            else (question.max_points - claimed) + (claimed if risky else 0.0)
        )
        if gain < NO_GAIN:  # settled at full points, only its paperwork open: no step
            continue
        part, indicator = places[question.code]
        rows.append(
            GapRow(
                rank=ranks.get(question.code),
                part=part,
                indicator=indicator,
                question=question,
                claimed=claimed,
                gain=gain,
                effort=sum(i.effort for i in items) if items else None,
                done=_done(row, claimed, question, [e.title for e in line.evidence]),
                todo=_todo(row, claimed, question, documented),
                agencies=row.agencies,
                needed=data_needed(
                    question,
                    raise_it=short
                    and (not items or any(i.action is Action.ACHIEVEMENT for i in items)),
                    document_it=risky,
                ),
            )
        )
    order = {q.code: i for i, q in enumerate(instrument.questions)}
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, order[r.question.code]))


def figures_summary(report: SelfAssessmentReport) -> str:
    """The figures the analysis starts from, each named by its basis (the PDF says the same)."""
    figures = report.scores.figures
    return _(
        "Nilai penilaian mandiri %(self)s, proyeksi terverifikasi %(projected)s (jawaban yang "
        "diajukan); dari proyeksi terverifikasi kurang %(needed)s poin menuju %(target)s."
    ) % {
        "self": points(figures.self_assessed.total),
        "projected": points(figures.projected.total),
        "needed": points(report.scores.plan.needed),
        "target": report.target,
    }


COLUMNS = (
    (gettext_noop("Urutan"), 8),
    (gettext_noop("Bagian"), 22),
    (gettext_noop("Nilai"), 8),
    (gettext_noop("Maks"), 8),
    (gettext_noop("Indikator"), 30),
    (gettext_noop("Uraian pertanyaan"), 44),
    (gettext_noop("Sudah dilakukan"), 40),
    (gettext_noop("Belum dilakukan"), 40),
    (gettext_noop("OPD penanggung jawab"), 20),
    (gettext_noop("Data yang masih dibutuhkan"), 40),
    (gettext_noop("Tambahan poin"), 10),
)


def gap_workbook(report: SelfAssessmentReport, rows: Sequence[GapRow], made: str) -> bytes:
    """The gap analysis as an xlsx file. Every text cell goes through `safe_text`, so a title or
    note such as "=HYPERLINK(...)" stays text in Excel."""
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = _("Analisis Gap")[:31]
    cycle = report.cycle

    def text(value: Any) -> str:
        return safe_text(str(value))

    sheet.append([text(_("Analisis gap menuju %(target)s") % {"target": report.target})])
    sheet.append(
        [
            text(
                _("%(region)s · tahun %(year)s · tahap %(stage)s · dibuat %(made)s")
                % {
                    "region": cycle.region.name,
                    "year": cycle.year,
                    "stage": report.stage,
                    "made": made,
                }
            )
        ]
    )
    sheet.append([text(figures_summary(report))])
    sheet["A1"].font = Font(bold=True, size=14)
    header = [_(name) for name, _width in COLUMNS]
    sheet.append([text(h) for h in header])
    fill = PatternFill("solid", fgColor="1F4E79")
    for cell in sheet[4]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    for r in rows:
        sheet.append(
            [
                r.rank,
                text(r.part_label),
                round(r.claimed, 4),
                round(r.question.max_points, 4),
                text(f"{r.indicator.code}. {r.indicator.name}"),
                text(f"{r.question.code} {r.question.label}"),
                text("\n".join(r.done)),
                text("\n".join(r.todo)),
                text(", ".join(r.agencies)),
                text("\n".join(r.needed)),
                round(r.gain, 4),
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    prepare_for_print(sheet, header_row=4)
    sheet.auto_filter.ref = f"A4:{get_column_letter(len(COLUMNS))}{max(4, sheet.max_row)}"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
