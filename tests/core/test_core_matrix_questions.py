"""Which questions ask for a matrix (*matriks*, issue 18): the wording says so, and the shipped
kla-2024, which does not ship the wording, carries the same mark."""

from __future__ import annotations

import math
from typing import Any

from layak.core.instrument import Instrument, asks_for_matrix
from layak.core.instrument_import import instrument_from_rows
from layak.core.loader import instrument_from_data, instrument_to_data
from tests.core.conftest import instrument_data
from tests.core.test_core_kla2024 import source_questions

# The 74 questions of kla-2024 whose wording asks for a matrix, in the instrument's order.
_CODES = (
    "2.5 3.1a 3.1b 3.1c 3.1d 3.1e 3.1f 4.1 4.2 4.5 5.1 5.6 6.2 6.3 6.5 6.6 7.1 7.2 7.3 8.1 "
    "8.2 8.3 8.4 8.5 8.6 9.3 10.1 10.2 10.4 10.5 11.1 11.2 11.3 11.5 11.6 12.6 13.5 14.5 "
    "14.6 14.9 15.5 16.7 17.7 18.3 19.2a 19.2b 19.2c 19.2d 19.2e 19.6 20.6 21A.1 21A.2 21A.3 "
    "21A.4a 21A.4b 21A.5 21A.6 21A.7a 21A.8 21B.1 21B.2 21C.1 21C.5 22A.1 22A.2 22B.4 24A.1 "
    "24A.2 24A.3 24A.5 24A.6 25.2 26.4"
)
KLA_2024_MATRIX = _CODES.split()


def test_kla_2024_marks_the_74_questions_that_ask_for_a_matrix(kla: Instrument):
    matrix = kla.matrix_questions
    assert [q.code for q in matrix] == KLA_2024_MATRIX
    assert len(matrix) == 74
    assert math.fsum(q.max_points for q in matrix) == 436.25
    assert not kla.question("1.1").asks_matrix  # the Perda: a document, not a table


def test_the_mark_is_the_wording_of_the_real_recap(recap: dict[str, Any]):
    """The shipped mark and the definition agree question by question on the source sentences."""
    from_wording = [code for code, q in source_questions(recap) if asks_for_matrix(q["text"])]
    assert from_wording == KLA_2024_MATRIX


def test_the_wording_asks_whatever_its_case():
    assert asks_for_matrix("Jumlah lembaga (Lampirkan MATRIKS daftar lembaga)")
    assert asks_for_matrix("dilengkapi matriks kegiatan")
    assert not asks_for_matrix("Apakah tersedia peraturan daerah terkait KLA?")
    assert not asks_for_matrix("")


def test_an_imported_wording_asks_without_a_mark_and_the_mark_round_trips():
    data = instrument_data(
        {"code": "1.1", "max": 5, "text": "Lembaga layanan (Lampirkan MATRIKS lembaga)"},
        {"code": "1.2", "max": 3, "matrix": True},
        {"code": "1.3", "max": 2, "text": "Apakah ada Perda KLA?"},
    )
    instrument = instrument_from_data(data)
    assert [q.code for q in instrument.matrix_questions] == ["1.1", "1.2"]
    again = instrument_from_data(instrument_to_data(instrument))
    assert [q.code for q in again.matrix_questions] == ["1.1", "1.2"]


def test_a_recap_imported_on_kla_2024_keeps_the_mark_unless_its_wording_says_otherwise(
    kla: Instrument,
):
    def row(question: str, **values: str) -> dict[str, str]:
        where = {"bagian": "KLASTER V", "indikator": "Indikator 21 A", "pertanyaan": question}
        return where | {"nilai_maks": "6", "sumber_data": "UPTD PPA"} | values

    rows = [
        row("1"),  # no wording: kla-2024's mark stands
        row("2", uraian="Program pencegahan kekerasan terhadap anak"),  # no longer asks
        row("3", uraian="Rumah aman (Lampirkan MATRIKS rumah aman)"),
        row("9"),  # not in kla-2024, no wording: nothing says it asks
    ]
    instrument = instrument_from_rows(
        enumerate(rows, start=2), "kla-2025", "KLA 2025", 2025, "rekap", kla
    )
    assert [q.code for q in instrument.matrix_questions] == ["21A.1", "21A.3"]
