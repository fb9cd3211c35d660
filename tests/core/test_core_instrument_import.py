"""Importing an instrument from rows in the shape a region receives its spreadsheet."""

from __future__ import annotations

from typing import Any

import pytest

from layak.core.instrument import AnswerKind, Instrument
from layak.core.instrument_import import compact_code, describe, instrument_from_rows, part_code
from layak.core.loader import InstrumentError, instrument_from_data, instrument_to_data
from layak.core.messages import InputError

PERDA = "Apakah tersedia peraturan daerah terkait penyelenggaraan Kabupaten/Kota Layak Anak?"


def row(**values: Any) -> dict[str, Any]:
    base = {
        "bagian": "KLASTER I",
        "indikator": "Indikator 21 A",
        "pertanyaan": "Pertanyaan 4 a",
        "uraian": "Jumlah lembaga layanan perlindungan khusus anak",
        "nilai_maks": "2,5",
        "sumber_data": "JDIH, Bagian Hukum",
    }
    return base | values


def sheet(*values: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return list(enumerate(values, start=2))


def imported(*values: dict[str, Any], base: Instrument | None = None) -> Instrument:
    return instrument_from_rows(sheet(*values), "kla-2025", "KLA 2025", 2025, "rekap", base)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Indikator 21 A", "21A"),
        ("Pertanyaan 4 a", "4a"),
        ("Pertanyaan 2za", "2za"),
        ("Nomor 3", "3"),
        ("No. 5b", "5b"),
        ("Inovasi", "Inovasi"),
        (12, "12"),
    ],
)
def test_codes_lose_their_words_and_spaces(text: Any, code: str):
    assert compact_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KLASTER I", "K1"),
        ("Klaster 3", "K3"),
        ("KLASTER IV", "K4"),
        ("Kelembagaan", "KL"),
        ("KELANA DEKELA", "KD"),
        ("Bagian Khusus", "BAGIAN-KHUSUS"),
    ],
)
def test_parts_are_named_by_short_codes(text: str, code: str):
    assert part_code(text) == code


def test_a_regional_sheet_becomes_an_instrument_with_compact_codes_and_split_agencies():
    instrument = imported(
        row(),
        row(pertanyaan="Pertanyaan 4 b", nilai_maks=3.2, sumber_data="UPTD PPA; Dinsos\nPolres"),
        row(
            bagian="Kelembagaan",
            indikator="Indikator 1",
            pertanyaan="Pertanyaan 1",
            uraian=PERDA,
            nilai_maks=12,
            per_kecamatan="ya",
            per_desa_kelurahan="tidak",
        ),
    )
    assert [q.code for q in instrument.questions] == ["21A.4a", "21A.4b", "1.1"]
    assert [p.code for p in instrument.parts] == ["K1", "KL"]
    first = instrument.question("21A.4a")
    assert (first.part_code, first.indicator_code, first.max_points) == ("K1", "21A", 2.5)
    assert first.agencies == ("JDIH", "Bagian Hukum")
    assert instrument.question("21A.4b").agencies == ("UPTD PPA", "Dinsos", "Polres")
    perda = instrument.question("1.1")
    assert (perda.per_kecamatan, perda.per_desa_kelurahan) == (True, False)
    assert perda.text == PERDA
    assert perda.kind is AnswerKind.YES_NO  # the wording asks "Apakah ...?"
    assert first.kind is AnswerKind.POINTS
    assert [b.name for b in instrument.bands] == ["Pratama", "Madya", "Nindya", "Utama", "KLA"]
    assert describe(instrument).startswith("kla-2025: 2 bagian, 2 indikator, 3 pertanyaan")


def test_with_last_years_instrument_kinds_labels_rules_and_bands_carry_over(kla: Instrument):
    instrument = imported(
        row(),
        row(bagian="KLASTER III", indikator="Indikator 13", pertanyaan="Pertanyaan 3", jenis=""),
        row(bagian="Klaster 1", indikator="Indikator 6", pertanyaan="Pertanyaan 1", nilai_maks=8),
        row(indikator="Indikator 21 A", pertanyaan="Pertanyaan 99"),
        base=kla,
    )
    for code in ("21A.4a", "13.3", "6.1"):
        new, old = instrument.question(code), kla.question(code)
        assert (new.kind, new.label, new.options, new.thresholds, new.direction) == (
            old.kind,
            old.label,
            old.options,
            old.thresholds,
            old.direction,
        ), code
    assert instrument.question("13.3").kind is AnswerKind.PERCENTAGE
    assert instrument.question("6.1").max_points == 8  # this year's maximum, last year's rule
    assert instrument.question("21A.99").kind is AnswerKind.POINTS  # new question: no base
    assert instrument.bands == kla.bands
    names = {i.code: i.name for i in instrument.indicators}
    assert names["21A"] == next(i.name for i in kla.indicators if i.code == "21A")


def test_a_kind_changed_this_year_drops_last_years_rules(kla: Instrument):
    instrument = imported(
        row(
            bagian="KLASTER III", indikator="Indikator 13", pertanyaan="Pertanyaan 3", jenis="poin"
        ),
        base=kla,
    )
    assert instrument.question("13.3").kind is AnswerKind.POINTS
    assert instrument.question("13.3").thresholds == ()


def test_stated_maxima_in_the_sheet_become_warnings_when_they_disagree():
    instrument = imported(
        row(maks_bagian=150, maks_indikator=2.5),
        row(pertanyaan="Pertanyaan 5", nilai_maks=1, maks_bagian=150, maks_indikator=2.5),
    )
    keys = sorted(w.message.key for w in instrument.warnings)
    assert keys == [
        "instrument.indicator_max_mismatch",  # 2.5 stated, 3.5 in its questions
        "instrument.part_max_mismatch",  # 150 stated, 3.5 in its questions
        "instrument.total_vs_top_band",  # the one part's 150, not the top band's 1000
    ]


def test_bad_rows_are_refused_together_with_their_row_numbers():
    rows = sheet(
        row(),
        row(pertanyaan="Pertanyaan 5", nilai_maks="-1"),
        row(pertanyaan="", nilai_maks="1"),
        row(pertanyaan="Pertanyaan 4 a", nilai_maks="1"),
        row(pertanyaan="Pertanyaan 6", nilai_maks="dua"),
        row(bagian="", indikator=None, pertanyaan="Pertanyaan 7"),
    )
    with pytest.raises(InputError) as caught:
        instrument_from_rows(rows, "x", "X", 2025, "rekap")
    problems = [(p.row, p.column, p.message.key) for p in caught.value.problems]
    assert problems == [
        (3, "nilai_maks", "cell.not_points"),
        (4, "pertanyaan", "cell.required"),
        (5, "pertanyaan", "answer.duplicate_code"),
        (6, "nilai_maks", "cell.not_points"),
        (7, "bagian", "cell.required"),
        (7, "indikator", "cell.required"),
    ]
    duplicate = caught.value.problems[2]
    assert duplicate.message.params == {"code": "21A.4a", "first_row": 2}


def test_an_unknown_answer_kind_is_refused_by_the_instrument_rules():
    with pytest.raises(InstrumentError) as caught:
        imported(row(jenis="skala"))
    assert [p.message.key for p in caught.value.problems] == ["instrument.unknown_kind"]


def test_an_imported_instrument_writes_to_and_reads_back_from_the_file_format(kla: Instrument):
    instrument = imported(row(), row(pertanyaan="Pertanyaan 4 b"), base=kla)
    again = instrument_from_data(instrument_to_data(instrument))
    assert again.questions == instrument.questions
    assert again.question("21A.4a").text == row()["uraian"]
