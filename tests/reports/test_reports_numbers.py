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

from layak.evaluation.models import Answer


def test_sari_reads_the_recaps_partial_points_with_a_decimal_comma_in_the_pdf(
    cycle: Any, login: Callable[[str], Client], pdf_text: Callable[[bytes], str]
) -> None:
    """21A.3 holds 3.75 points as stored (the recap's partial points); the Indonesian report
    writes "Jawaban: 3,75", the English one "Answer: 3.75"."""
    stored = Answer.objects.get(cycle=cycle, question_code="21A.3", unit=None).value
    assert stored == "3.75"
    client = login("sari")
    url = reverse("reports:self_assessment", args=[cycle.pk])

    indonesian = pdf_text(client.get(url).content)
    assert "Jawaban: 3,75" in indonesian
    assert "Jawaban: 3.75" not in indonesian
    assert re.search(r"\b3,75 / — ", indonesian)  # the claimed points; none verified yet

    client.cookies["django_language"] = "en"
    english = pdf_text(client.get(url).content)
    assert "Answer: 3.75" in english
    assert "3,75" not in english


def test_the_gap_workbook_writes_its_texts_the_readers_way_and_keeps_numbers_as_numbers(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    client = login("sari")
    response = client.get(reverse("reports:gap_xlsx", args=[cycle.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {str(r[5]).split(" ")[0]: r for r in sheet.iter_rows(min_row=5, values_only=True)}
    _rank, _part, claimed, maximum, _indicator, _question, done, *_rest = rows["21A.3"]
    assert (claimed, maximum) == (3.75, 15)  # cells a spreadsheet can add up
    assert "Dijawab: 3,75 (3,75 dari 15 poin)" in done
