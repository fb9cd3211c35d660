"""The self-assessment workbook: text that a spreadsheet would run is neutralised on the way out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from layak.cli.inputs import load_answers
from layak.core.answers import Answer
from layak.core.loader import FORMAT, instrument_from_data, load_builtin
from layak.tabular.template import safe_text, write_template


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x.invalid","klik")', '\'=HYPERLINK("http://x.invalid","klik")'),
        ("+62 812", "'+62 812"),
        ("-5 poin", "'-5 poin"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Perda KLA", "Perda KLA"),
        ("a = b", "a = b"),
        ("'sudah", "'sudah"),
        ("", ""),
    ],
)
def test_safe_text(text: str, expected: str) -> None:
    assert safe_text(text) == expected


def hostile_instrument():
    question = {"label": "=1+1", "max": 10, "kind": "poin", "agencies": ["@Dinas", "DP3A"]}
    return instrument_from_data(
        {
            "format": FORMAT,
            "id": "uji",
            "name": "=Nama",
            "year": 2025,
            "source": "-",
            "bands": [{"name": "Pratama", "min": 5, "max": 10}],
            "parts": [
                {
                    "code": "P1",
                    "name": "+Bagian",
                    "max": None,
                    "indicators": [
                        {
                            "code": "1",
                            "name": "-Indikator",
                            "questions": [
                                {**question, "code": "1.1"},
                                {**question, "code": "1.2", "text": "@uraian resmi"},
                            ],
                        }
                    ],
                }
            ],
        }
    )


def test_every_exported_text_cell_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    answers = {"1.1": Answer(4, 1, '=WEBSERVICE("http://x.invalid")')}
    assert write_template(hostile_instrument(), path, answers) == 2
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook["Penilaian"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == (
        "1.1",
        "'+Bagian",
        "1. -Indikator",
        "'=1+1",
        10,
        "'@Dinas, DP3A",
        4,
        1,
        '\'=WEBSERVICE("http://x.invalid")',
    )
    assert rows[1][3] == "'@uraian resmi"  # the official wording when there is one
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)  # no formula anywhere
    guide = dict(workbook["Petunjuk"].iter_rows(values_only=True))
    assert guide["Nama"] == "'=Nama"
    assert guide["Sumber"] == "'-"


def test_a_prefilled_template_reads_back_as_the_same_answers(tmp_path: Path) -> None:
    kla = load_builtin("kla-2024")
    answers = {
        "1.1": Answer(12, 2, "lengkap"),
        "3.1a": Answer(2.5, 0, ""),
        "14.10": Answer(0, 1, "kode berakhiran nol"),
    }
    assert "14.10" in {q.code for q in kla.questions}
    path = tmp_path / "terisi.xlsx"
    assert write_template(kla, path, answers) == 274
    assert load_answers(path, kla) == answers


def test_the_guide_sheet_carries_the_instrument_warnings(template_xlsx: Path) -> None:
    kla = load_builtin("kla-2024")
    sheet = openpyxl.load_workbook(template_xlsx)["Petunjuk"]
    guide = [value for _, value in sheet.iter_rows(values_only=True)]
    for warning in kla.warnings:
        assert warning.render("id") in guide
