"""The self-assessment report: what the mayor reads on page one equals the dashboard, every
question is listed with its points, status and evidence, and it is gathered with a fixed
number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layak.evidence.models import EvidenceFile
from layak.reports.documents import report_pdf
from layak.reports.models import ReportKind
from layak.reports.queries.content import self_assessment_report
from layak.web.templatetags.layak import points

pytestmark = pytest.mark.django_db


def test_the_summary_states_the_dashboard_figures(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    dashboard = login("sari").get(reverse("evaluation:dashboard", args=[cycle.pk])).context
    figures = dashboard["figures"]
    report = self_assessment_report(users["sari"], cycle)

    lines = report.stages
    assert [line.label for line in lines] == [f.label() for f in figures.shown]
    for line, figure in zip(lines, figures.shown, strict=True):
        assert (line.total, line.predicate, line.to_target) == (
            figure.total,
            figure.predicate,
            figure.points_to_target,
        ), figure.basis
    assert lines[2].label.startswith("Terverifikasi (")  # the verified figure names its stage
    assert report.at_risk == figures.points_at_risk
    assert [s.item for s in report.steps] == list(dashboard["plan"].items[:5])
    assert sum(p.score.score for p in report.parts) == pytest.approx(figures.self_assessed.total)


def test_every_question_is_listed_with_status_and_evidence(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    report = self_assessment_report(users["sari"], cycle)
    assert report.question_count == 274
    text = pdf_words(report_pdf(ReportKind.SELF_ASSESSMENT, users["sari"], cycle))
    assert "Kota Metro" in text
    assert str(cycle.year) in text
    assert report.stage in text
    dinkes = next(
        line
        for p in report.parts
        for i in p.indicators
        for line in i.lines
        if line.question.code == "12.2"
    )
    files = EvidenceFile.objects.present().filter(answer__cycle=cycle, answer__question_code="12.2")
    assert [e.title for e in dinkes.evidence] == [
        f.title for f in files.order_by("uploaded_at", "id")
    ]
    for f in files:
        assert f.title in text
    assert "Sari Wulandari" in text  # the uploader
    assert "Diterima" in text
    assert "Draf" in text
    assert "Belum dijawab" in text


def test_the_pdf_text_carries_region_year_stage_and_totals(
    cycle: Any,
    login: Callable[[str], Client],
    pdf_text: Callable[[bytes], str],
    users: dict[str, Any],
    made_report: Callable[..., Any],
) -> None:
    response, content = made_report(login("sari"), "reports:self_assessment", cycle)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Penilaian-Mandiri-Kota-Metro-{cycle.year}.pdf"'
    )
    text = pdf_text(content)
    first_page = text.split("\f")[0]
    report = self_assessment_report(users["sari"], cycle)
    assert "Laporan Penilaian Mandiri KLA" in first_page
    assert "Kota Metro" in first_page
    assert f"tahun {cycle.year}" in first_page
    assert report.stage in first_page
    assert "Dibuat oleh Layak" in first_page
    for stage in report.stages:
        assert points(stage.total) in first_page
    assert f"{points(report.at_risk)} poin berisiko" in first_page
    assert "Lima langkah termurah menuju Utama" in first_page
    for step in report.steps:
        assert step.item.code in first_page
    assert "Rincian per bagian" not in first_page  # the summary is a page of its own
    assert "12.2" in text
    assert "25.2" in text
    assert "26.2" in text


def test_the_report_renders_in_english(
    cycle: Any,
    login: Callable[[str], Client],
    pdf_text: Callable[[bytes], str],
    made_report: Callable[..., Any],
) -> None:
    client = login("sari")
    client.cookies["django_language"] = "en"
    text = pdf_text(made_report(client, "reports:self_assessment", cycle)[1])
    assert "KLA self-assessment report" in text
    assert "points at risk" in text
    assert "Five cheapest steps to Utama" in text


def test_queries_do_not_grow_with_answers_or_files(cycle: Any, users: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as before:
        self_assessment_report(users["sari"], cycle)
    first = EvidenceFile.objects.filter(answer__cycle=cycle).first()
    assert first is not None
    for n in range(20):
        EvidenceFile.objects.create(
            answer=first.answer, title=f"Tambahan {n}", document_year=cycle.year,
            original_name="x.pdf", stored_name=f"bukti/tambahan-{n}.pdf",
            content_type="application/pdf", extension="pdf", size=1, sha256="0" * 64,
            uploaded_by=users["budi"],
        )  # fmt: skip
    with CaptureQueriesContext(connection) as after:
        self_assessment_report(users["sari"], cycle)
    assert len(after) == len(before) <= 16


def test_the_274_question_report_is_a_whole_pdf(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    """Every question of the instrument is in the report, each on its row. How long it takes
    is measured in benchmarks/bench_reports.py, never asserted here (a busy machine would
    fail it)."""
    report = self_assessment_report(users["sari"], cycle)
    text = pdf_words(report_pdf(ReportKind.SELF_ASSESSMENT, users["sari"], cycle))
    assert report.question_count == 274
    joined = "".join(text.split())  # a label may wrap after a slash, with no space to keep
    for question in report.scores.instrument.questions:
        assert f" {question.code} " in text, question.code
        assert "".join(f"{question.code}{question.label}".split()) in joined, question.code
