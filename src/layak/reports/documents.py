"""The region's PDF reports of a cycle: the self-assessment report and the gap analysis.

Both are typeset by Typst (`layak.web.typeset`) from the templates in reports/typst/: about a
tenth of a second where WeasyPrint took three to seven (docs/performance.md). They are still
made by the task worker (`layak.reports.jobs`), which keeps a slow machine from holding a web
process; each step reports how far it got, for the page that polls. The WeasyPrint version
(`report_pdf_weasyprint`) is kept as the alternative benchmarks/bench_reports.py measures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from layak.accounts.models import User
from layak.evaluation.models import Cycle
from layak.reports.bundles import ascii_slug
from layak.reports.models import ReportKind
from layak.reports.queries.content import self_assessment_report
from layak.reports.queries.gaps import figures_summary, gap_rows
from layak.reports.typeset import GAP, SELF_ASSESSMENT, gap_data, self_assessment_data
from layak.web import pdf, typeset

TEMPLATES = {
    ReportKind.SELF_ASSESSMENT: "reports/pdf_self_assessment.html",
    ReportKind.GAP: "reports/pdf_gap.html",
}
FILE_STEMS = {ReportKind.SELF_ASSESSMENT: "Penilaian-Mandiri", ReportKind.GAP: "Analisis-Gap"}


def file_name(stem: str, cycle: Cycle, extension: str) -> str:
    """Penilaian-Mandiri-Kota-Metro-2026.pdf: ASCII letters, digits and hyphens only."""
    return f"{stem}-{ascii_slug(cycle.region.name, 60).title()}-{cycle.year}.{extension}"


def report_name(kind: str, cycle: Cycle) -> str:
    return file_name(FILE_STEMS[ReportKind(kind)], cycle, "pdf")


def report_pdf(
    kind: str,
    user: User,
    cycle: Cycle,
    progress: Callable[[float], None] = lambda _f: None,
) -> bytes:
    """The report as `user` reads it (the rows they see), in the active language. Progress:
    the figures and rows gathered (40 %), the words and numbers written (50 %), the pages
    typeset (95 %)."""
    report = self_assessment_report(user, cycle)
    made_at = timezone.localtime()
    if kind == ReportKind.GAP:
        rows, summary = gap_rows(report), figures_summary(report)
        progress(0.4)
        data, template = gap_data(report, cycle, made_at, rows, summary), GAP
    else:
        progress(0.4)
        data, template = self_assessment_data(report, cycle, made_at), SELF_ASSESSMENT
    progress(0.5)
    document = typeset.typeset(template, data)
    progress(0.95)
    return document


def report_pdf_weasyprint(kind: str, user: User, cycle: Cycle) -> bytes:
    """The same report from the HTML templates laid out by WeasyPrint, as it was made until
    Typst replaced it: kept for benchmarks/bench_reports.py, which times both side by side."""
    report = self_assessment_report(user, cycle)
    context: dict[str, Any] = {
        "report": report,
        "cycle": cycle,
        "region_name": cycle.region.name,
        "made_at": timezone.localtime(),
    }
    if kind == ReportKind.GAP:
        context |= {"rows": gap_rows(report), "summary": figures_summary(report)}
    return pdf.layout(render_to_string(TEMPLATES[ReportKind(kind)], context))
