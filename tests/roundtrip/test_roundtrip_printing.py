"""Budi prints the Dinkes answer book for a meeting: its columns fit one landscape A4 page wide,
the header on every page; the hidden columns do not count towards the width."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest

from layak.regions.models import Agency
from layak.roundtrip.export import agency_book
from tests.support.printing import assert_prints_one_page_wide

pytestmark = pytest.mark.django_db


def test_the_agency_answer_book_prints_one_page_wide(cycle: Any, users: dict[str, Any]) -> None:
    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    book = openpyxl.load_workbook(io.BytesIO(agency_book(users["budi"], cycle, dinkes)))
    sheet = book["Jawaban"]
    assert_prints_one_page_wide(sheet, header_row=1, landscape=True)
    assert sheet.freeze_panes == "C2"  # code and unit stay in view
    guide = book["Petunjuk"]
    assert guide.page_setup.fitToWidth == 1
    assert guide.print_title_rows is None
