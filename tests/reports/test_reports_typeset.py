"""The two long reports as Typst typesets them: a person's text is printed as written, never run
as markup; both languages; a question with nothing yet; the chart; pages, title and fonts."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pikepdf
import pytest

from layak.evaluation.models import Answer
from layak.evidence.models import EvidenceFile
from layak.reports.documents import report_pdf
from layak.reports.models import ReportKind
from layak.reports.queries.content import flat_lines, self_assessment_report
from layak.reports.queries.gaps import gap_rows
from layak.web.charts import CLAIMED, PROJECTED
from layak.web.templatetags.layak import points

pytestmark = pytest.mark.django_db

# Typst markup, a file read, a function call, maths, a label and a reference: all plain text.
EVIL = '#read("/etc/passwd") ] *tebal* _miring_ $x^2$ @ref <label> #set page(width: 1cm) //'


def _title_an_answers_file(cycle: Any, code: str, user: Any) -> None:
    answer = Answer.objects.get(cycle=cycle, question_code=code, unit=None)
    EvidenceFile.objects.create(
        answer=answer, title=EVIL, document_year=cycle.year, original_name="x.pdf",
        stored_name="bukti/evil.pdf", content_type="application/pdf", extension="pdf",
        size=1, sha256="0" * 64, uploaded_by=user,
    )  # fmt: skip


def test_a_title_written_as_typst_markup_prints_as_written(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    """Budi names a file with Typst markup: both reports print it letter for letter, and
    nothing of /etc/passwd (or any other file) gets in."""
    report = self_assessment_report(users["sari"], cycle)
    in_gap = next(  # answered short of full points, no file yet: a file keeps it in the gap
        r
        for r in gap_rows(report)
        if r.done and r.claimed < r.question.max_points and "Bukti:" not in " ".join(r.done)
    )
    _title_an_answers_file(cycle, in_gap.question.code, users["budi"])
    for kind in (ReportKind.SELF_ASSESSMENT, ReportKind.GAP):
        document = report_pdf(kind, users["sari"], cycle)
        text = pdf_words(document)
        assert "".join(EVIL.split()) in "".join(text.split()), kind  # wrapped, yet whole
        assert "root:" not in text
        with pikepdf.open(io.BytesIO(document)) as pdf:
            assert pdf.pages[0].mediabox[2] > 500  # not 1 cm wide


def test_both_reports_read_in_english_with_english_numbers(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    from django.utils import translation

    with translation.override("en"):
        report = self_assessment_report(users["sari"], cycle)
        self_text = pdf_words(report_pdf(ReportKind.SELF_ASSESSMENT, users["sari"], cycle))
        gap_text = pdf_words(report_pdf(ReportKind.GAP, users["sari"], cycle))
        at_risk = points(report.at_risk)
    assert "." in at_risk  # 17.62, where Indonesian writes 17,62
    assert f"{at_risk} points at risk for missing supporting evidence" in self_text
    assert "Details by part, indicator and question" in self_text
    assert "KLA evaluation" in self_text  # the footer
    assert "Laporan Penilaian" not in self_text
    assert "Gap analysis towards Utama" in gap_text
    assert "Already done" in gap_text
    assert "Not yet done" in gap_text
    assert "Sudah dilakukan" not in gap_text


def test_a_question_without_answer_or_evidence_says_so(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    report = self_assessment_report(users["sari"], cycle)
    line = next(line for line in flat_lines(report.parts) if line.question.code == "5.9")
    assert line.row.answer is None  # the demo leaves it open
    assert line.evidence == []
    codes = [q.code for q in report.scores.instrument.questions]
    after = codes[codes.index("5.9") + 1]
    text = pdf_words(report_pdf(ReportKind.SELF_ASSESSMENT, users["sari"], cycle))
    row = text[text.index(" 5.9 ") : text.index(f" {after} ")]
    assert "— / —" in row  # neither claimed nor verified points
    assert "Belum dijawab" in row
    assert "belum ada" in row  # no evidence
    assert "Jawaban:" not in row


def test_page_one_carries_the_chart_and_the_document_its_title(
    cycle: Any, users: dict[str, Any], pdf_words: Callable[[bytes], str]
) -> None:
    report = self_assessment_report(users["sari"], cycle)
    document = report_pdf(ReportKind.SELF_ASSESSMENT, users["sari"], cycle)
    with pikepdf.open(io.BytesIO(document)) as pdf:
        assert pdf.docinfo["/Title"] == f"Laporan Penilaian Mandiri KLA Kota Metro {cycle.year}"
        assert 15 <= len(pdf.pages) <= 40  # 274 questions; WeasyPrint took 25 pages
        # The SVG is drawn as vectors: a dark bar per part, and one in the legend.
        bars = len(report.parts) + 1
        assert _fills(pdf.pages[0], PROJECTED) == _fills(pdf.pages[0], CLAIMED) == bars
        assert _fills(pdf.pages[3], PROJECTED) == 0  # and only on page one
        fonts = {str(f.BaseFont).split("+")[-1] for f in pdf.pages[0].resources.Font.values()}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}
    chart_words = pdf_words(document).split("Nilai per bagian", 1)[1][:400]
    assert "Kelembagaan" in chart_words  # the chart's own labels are text
    assert "proyeksi terverifikasi" in chart_words


def _fills(page: pikepdf.Page, colour: str) -> int:
    """How many times the page's drawing picks `colour` ("#1f5f99") to fill with."""
    wanted = tuple(round(int(colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))
    return sum(
        1
        for operands, operator in pikepdf.parse_content_stream(page)
        if str(operator) in ("scn", "sc", "rg")
        and tuple(round(float(x), 3) for x in operands) == wanted
    )


def test_the_gap_analysis_is_landscape_with_its_header_on_every_page(
    cycle: Any, users: dict[str, Any], pdf_text: Callable[[bytes], str]
) -> None:
    document = report_pdf(ReportKind.GAP, users["sari"], cycle)
    with pikepdf.open(io.BytesIO(document)) as pdf:
        assert pdf.docinfo["/Title"] == f"Analisis Gap KLA Kota Metro {cycle.year}"
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        count = len(pdf.pages)
    assert width > height
    pages = pdf_text(document).split("\f")[:count]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "Sudah dilakukan" in page, number  # the header row, repeated
        assert f"{number} / {len(pages)}" in page  # the footer
        assert "Kota Metro · Analisis gap" in page
