"""The gap analysis: ordered by the core's plan, then the rest in the instrument's order; the
same rows as PDF and xlsx; text a spreadsheet would run stays text."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from layak.regions.models import Agency
from layak.reports.queries.content import flat_lines, self_assessment_report
from layak.reports.queries.gaps import gap_rows
from layak.web.templatetags.layak import points
from tests.support.printing import assert_prints_one_page_wide

pytestmark = pytest.mark.django_db


def _plan_codes(report: Any) -> list[str]:
    seen: list[str] = []
    for item in report.scores.plan.items:
        if item.code not in seen:
            seen.append(item.code)
    return seen


def test_rows_follow_the_plan_then_the_instrument(cycle: Any, users: dict[str, Any]) -> None:
    report = self_assessment_report(users["sari"], cycle)
    rows = gap_rows(report)
    plan = _plan_codes(report)
    assert plan, "the demo is short of Utama, so there is a plan"
    assert [r.question.code for r in rows[: len(plan)]] == plan
    assert [r.rank for r in rows[: len(plan)]] == list(range(1, len(plan) + 1))
    order = [q.code for q in report.scores.instrument.questions]
    rest = [r.question.code for r in rows[len(plan) :]]
    assert rest == sorted(rest, key=order.index)
    assert all(r.rank is None for r in rows[len(plan) :])
    by_code = {r.question.code: r for r in rows}
    assert sum(by_code[c].gain for c in plan) == pytest.approx(report.scores.plan.total_gain)


def test_rows_say_what_is_done_and_what_is_missing(cycle: Any, users: dict[str, Any]) -> None:
    rows = {r.question.code: r for r in gap_rows(self_assessment_report(users["sari"], cycle))}
    unanswered = rows["5.9"]  # the demo leaves it open
    assert unanswered.done == []
    assert "Belum dijawab." in unanswered.todo
    assert unanswered.claimed == 0
    assert unanswered.needed
    risky = next(r for r in rows.values() if any("berisiko" in t for t in r.todo))
    assert any("Dokumen bukti dukung" in n for n in risky.needed)
    assert all(
        r.agencies or r.question.per_kecamatan or r.question.per_desa_kelurahan
        for r in rows.values()
    )


def test_a_row_that_adds_no_points_is_no_step(cycle: Any, users: dict[str, Any]) -> None:
    """Vina returned 2.1 (an expired decree) for revision, yet its full points stand in the
    projected figure: fixing it is work, but no step towards the target."""
    report = self_assessment_report(users["sari"], cycle)
    rows = gap_rows(report)
    decree = next(line for line in flat_lines(report.parts) if line.question.code == "2.1")
    assert decree.row.status == "perbaikan"
    assert decree.claimed == decree.question.max_points
    assert "2.1" not in {r.question.code for r in rows}
    assert [r.question.code for r in rows if points(r.gain) == "0"] == []
    # Every question short of its maximum is still listed, so what is left adds up as before.
    short = [
        line
        for line in flat_lines(report.parts)
        if line.question.max_points - (line.claimed or 0) > 1e-9
    ]
    assert {line.question.code for line in short} <= {r.question.code for r in rows}


def test_the_pdf_lists_the_plan_first(
    cycle: Any,
    users: dict[str, Any],
    login: Callable[[str], Client],
    pdf_text: Callable[[bytes], str],
    made_report: Callable[..., Any],
) -> None:
    response, content = made_report(login("kartika"), "reports:gap_pdf", cycle)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(content)
    assert "Analisis Gap menuju Utama" in text
    assert "Kota Metro" in text
    assert "penanggung" in text
    assert "dibutuhkan" in text
    table = text[text.index("Urutan") :]
    plan = _plan_codes(self_assessment_report(users["sari"], cycle))
    found = [re.search(rf"(?<![\w.]){re.escape(code)}\s", table) for code in plan]
    positions = [m.start() for m in found if m is not None]
    assert len(positions) == len(plan)
    assert positions == sorted(positions)
    assert re.search(r"\+0(?![,\d])", table) is None, "no step that adds nothing"


def test_the_workbook_has_the_same_rows_and_neutralises_formulas(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    dinkes.short_name = '=HYPERLINK("http://contoh.test","klik")'
    dinkes.save()
    response = login("sari").get(reverse("reports:gap_xlsx", args=[cycle.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'Analisis-Gap-Kota-Metro-{cycle.year}.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[4]]
    assert header[:2] == ["Urutan", "Bagian"]
    # Printed, eleven wide columns fit one landscape page, row 4's headings on every page.
    assert_prints_one_page_wide(sheet, header_row=4, landscape=True)
    assert "Belum dilakukan" in header
    body = list(sheet.iter_rows(min_row=5, values_only=True))
    rows = gap_rows(self_assessment_report(users["sari"], cycle))
    assert [row[5].split(" ")[0] for row in body] == [r.question.code for r in rows]
    assert [row[0] for row in body][:3] == [1, 2, 3]
    agency_column = header.index("OPD penanggung jawab")
    values = [str(row[agency_column]) for row in body]
    assert any(v.startswith("'=HYPERLINK") for v in values), "a Dinkes-only question is listed"
    assert not any(v.startswith("=") for v in values)
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
