"""Issue 13, "Numbers in Indonesian", in the documents that leave Layak: the self-assessment PDF
as pdftotext reads it, and the gap workbook's texts (its cells with numbers stay numbers)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import openpyxl
from django.test import Client
from django.urls import reverse

from layak.core.answers import parse_number
from layak.core.numbers import localise_points
from layak.evaluation.models import Answer


def _partial(cycle: Any) -> tuple[str, str]:
    """A question the demo answers with partial points given directly (as the recap grants
    them, e.g. 21A.3: 11.25 of 15): its code and the value as stored ("11.25")."""
    for code, value in (
        Answer.objects.filter(cycle=cycle, unit=None).order_by("question_code")
    ).values_list("question_code", "value"):
        question = cycle.instrument.question(code)
        number = parse_number(value)
        if question.kind.value == "poin" and number and not number.is_integer():
            return code, value
    raise AssertionError("the demo holds no partial points given directly")


def test_sari_reads_the_recaps_partial_points_with_a_decimal_comma_in_the_pdf(
    cycle: Any,
    login: Callable[[str], Client],
    pdf_text: Callable[[bytes], str],
    made_report: Callable[..., Any],
) -> None:
    """A partial answer stored as "11.25" reads "Jawaban: 11,25" in the Indonesian report,
    "Answer: 11.25" in the English one."""
    _code, stored = _partial(cycle)
    assert "." in stored  # stored in the canonical form that programs read back
    comma = stored.replace(".", ",")
    client = login("sari")

    indonesian = pdf_text(made_report(client, "reports:self_assessment", cycle)[1])
    assert f"Jawaban: {comma}" in indonesian
    assert f"Jawaban: {stored}" not in indonesian
    claimed = localise_points(float(stored), "id")  # 1,50: points keep two decimals
    assert re.search(rf"\b{claimed} / ", indonesian)  # the claimed points beside it

    client.cookies["django_language"] = "en"
    english = pdf_text(made_report(client, "reports:self_assessment", cycle)[1])
    assert f"Answer: {stored}" in english
    assert f"Answer: {comma}" not in english


def test_the_gap_workbook_writes_its_texts_the_readers_way_and_keeps_numbers_as_numbers(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    client = login("sari")
    response = client.get(reverse("reports:gap_xlsx", args=[cycle.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {str(r[5]).split(" ")[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
    code, stored = _partial(cycle)
    _rank, _part, claimed, maximum, _indicator, _question, done, *_rest = rows[code]
    assert claimed == float(stored)  # cells a spreadsheet can add up
    assert isinstance(maximum, (int, float))
    comma = stored.replace(".", ",")
    assert f"Dijawab: {comma} ({localise_points(float(stored), 'id')} dari " in done
