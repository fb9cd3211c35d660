"""Importing an instrument from a region's recap, in the shapes recaps come in.

Sari, the secretariat of Kota Metro's task force, gets the year's recap from the province as a
workbook whose layout changes with whoever made it. Each shape here is a workbook the test writes
with openpyxl and reads through `layak.tabular.recap` as the command does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from layak.core.instrument import AnswerKind, Direction, Instrument
from layak.core.instrument_import import (
    ImportResult,
    describe,
    instrument_from_rows,
    instrument_from_sheets,
)
from layak.core.loader import instrument_from_data, instrument_to_data
from layak.core.messages import InputError
from layak.core.recap_cells import header_name, indicator_code, part_code, question_code
from layak.tabular.recap import read_recap

PERDA = "Apakah tersedia peraturan daerah terkait penyelenggaraan Kabupaten/Kota Layak Anak?"
HEADER = ["Bagian", "Indikator", "Pertanyaan", "Uraian Pertanyaan", "Nilai Max", "Sumber Data"]


def workbook(
    path: Path,
    *sheets: tuple[str, Sequence[Sequence[Any]]],
    merged: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for values in rows:
            sheet.append(list(values))
        for ref in (merged or {}).get(title, ()):
            sheet.merge_cells(ref)
    book.save(path)
    return path


def imported(path: Path, base: Instrument | None = None) -> ImportResult:
    recap = read_recap(path)
    return instrument_from_sheets(recap.sheets, "kla-2025", "KLA 2025", 2025, "rekap", base)


def refused(
    path: Path, base: Instrument | None = None
) -> list[tuple[str | None, int | None, str | None, str]]:
    with pytest.raises(InputError) as caught:
        imported(path, base)
    return [(p.sheet, p.row, p.column, p.message.key) for p in caught.value.problems]


def warning_keys(result: ImportResult) -> list[str]:
    return [w.message.key for w in result.instrument.warnings]


# --- Cells -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Indikator 21 A", ("21A", "")),
        ("IND. 21.A", ("21A", "")),
        ("Ind 21a", ("21A", "")),
        ("21A", ("21A", "")),
        (12, ("12", "")),
        (
            "Indikator 4: Persentase anak yang memiliki akta",
            ("4", "Persentase anak yang memiliki akta"),
        ),
        ("Inovasi", ("Inovasi", "")),
    ],
)
def test_indicator_codes_are_read_however_they_are_written(text: Any, code: tuple[str, str]):
    assert indicator_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pertanyaan 4 a", "4a"),
        ("4 a", "4a"),
        ("4.a", "4a"),
        ("Pertanyaan 2za", "2za"),
        ("No. 5b", "5b"),
        (4.0, "4"),
        ("Jumlah", ""),
        ("KLASTER I", ""),
    ],
)
def test_question_codes_lose_their_words_and_spaces(text: Any, code: str):
    assert question_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KLASTER I", "K1"),
        ("Klaster 3", "K3"),
        ("KLASTER III", "K3"),
        ("Klaster-IV", "K4"),
        ("KLASTER I: HAK SIPIL DAN KEBEBASAN", "K1"),
        ("Kelembagaan", "KL"),
        ("Penguatan Kelembagaan", "KL"),
        ("KELANA DEKELA", "KD"),
        ("Penyelenggaraan KLA di Kecamatan dan Desa/Kelurahan", "KD"),
        ("Bagian Khusus", "BAGIAN-KHUSUS"),
    ],
)
def test_parts_are_named_by_short_codes(text: str, code: str):
    assert part_code(text) == code


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nilai Max", "nilai_maks"),
        ("Nilai Maksimal", "nilai_maks"),
        ("nilai_max", "nilai_maks"),
        ("NILAI MAKS.", "nilai_maks"),
        ("Bobot", "nilai_maks"),
        ("Uraian Pertanyaan", "uraian"),
        ("Kode Pertanyaan", "pertanyaan"),
        ("Klaster", "bagian"),
        ("OPD Penanggung Jawab", "sumber_data"),
        ("Untuk Semua Kecamatan", "per_kecamatan"),
        ("Untuk Semua Desa/Kelurahan", "per_desa_kelurahan"),
        ("Untuk Semua Kecamatan/Desa", "per_unit"),
        ("Data Dukung", "data_dukung"),
        ("Bukti", "data_dukung"),
        ("Negatif (Y/T)", "negatif"),
        ("Nilai", None),  # the points a region scored, not the maximum
        ("Kecamatan", None),
    ],
)
def test_headers_are_matched_by_their_normalised_form(text: str, name: str | None):
    assert header_name(text) == name


# --- Shapes ------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Nilai Max", "Nilai Maksimal", "nilai_max", "Bobot"])
def test_the_maximum_and_wording_are_read_under_the_headers_recaps_use(
    tmp_path: Path, spelling: str
):
    header = ["Klaster", "Indikator", "Pertanyaan", "Uraian Pertanyaan", spelling, "OPD"]
    path = workbook(
        tmp_path / "rekap.xlsx",
        ("Rekap", [header, ["Kelembagaan", "Indikator 1", "Pertanyaan 1", PERDA, "12", "JDIH"]]),
    )
    question = imported(path).instrument.question("1.1")
    assert (question.max_points, question.text, question.agencies) == (12, PERDA, ("JDIH",))


def test_a_part_and_indicator_written_on_a_groups_first_row_hold_for_the_rows_below(
    tmp_path: Path,
):
    rows = [
        HEADER,
        ["KLASTER I", "Indikator 4", "Pertanyaan 1", "Akta kelahiran", "5", "Disdukcapil"],
        [None, None, "Pertanyaan 2", "Akta bagi anak disabilitas", "2,5", "Disdukcapil"],
        [None, "Indikator 5", "Pertanyaan 1", "Informasi layak anak", 3, "Kominfo"],
        ["KLASTER III", "Indikator 13", "Pertanyaan 1", "Gizi kurang", 3, "Dinkes"],
        [None, None, "Pertanyaan 2", "Gizi buruk", 3, "Dinkes"],
    ]
    instrument = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))).instrument
    assert [(q.code, q.part_code, q.max_points) for q in instrument.questions] == [
        ("4.1", "K1", 5),
        ("4.2", "K1", 2.5),  # a decimal comma
        ("5.1", "K1", 3),
        ("13.1", "K3", 3),
        ("13.2", "K3", 3),
    ]


def test_a_part_and_indicator_merged_over_their_rows_hold_for_every_row(tmp_path: Path):
    rows = [
        HEADER,
        ["KLASTER V", "IND. 21.A", "1", "Layanan perlindungan khusus", 2, "UPTD PPA"],
        [None, None, "4 a", "Lembaga layanan milik pemerintah", 6, "UPTD PPA"],
        [None, "IND. 21.B", "1", "Anak korban eksploitasi", 9, "Dinsos"],
        [None, None, "2", "Anak korban perdagangan", 9, "Dinsos"],
    ]
    path = workbook(
        tmp_path / "rekap.xlsx", ("Rekap", rows), merged={"Rekap": ["A2:A5", "B2:B3", "B4:B5"]}
    )
    instrument = imported(path).instrument
    assert [q.code for q in instrument.questions] == ["21A.1", "21A.4a", "21B.1", "21B.2"]
    assert {q.part_code for q in instrument.questions} == {"K5"}


def test_subtotal_rows_state_maxima_and_the_differences_become_warnings(tmp_path: Path):
    """Indicator 19 in the real recap shows 39.6 against 42.6 in its questions."""
    rows = [
        HEADER,
        ["KLASTER IV", None, None, "Pendidikan, waktu luang, dan kegiatan budaya", 110],
        [None, "Indikator 18", None, "Wajib belajar 12 tahun", 6],
        [None, None, "Pertanyaan 1", "Angka partisipasi sekolah", 6, "Disdik"],
        [None, "Indikator 19", None, "Sekolah ramah anak", None],
        [None, None, "Pertanyaan 1", "Fasilitator SRA", 20, "Disdik"],
        [None, None, "Pertanyaan 2 a", "SRA jenjang SD", "22,6", "Disdik"],
        [None, "Jumlah Indikator 19", None, None, "39,6"],
    ]
    result = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows)))
    instrument = result.instrument
    assert [(i.code, i.stated_max, i.max_points) for i in instrument.indicators] == [
        ("18", 6, 6),
        ("19", 39.6, 42.6),
    ]
    assert instrument.parts[0].stated_max == 110
    assert instrument.indicators[1].name == "Sekolah ramah anak"  # from its heading row
    assert warning_keys(result) == [
        "instrument.indicator_max_mismatch",
        "instrument.part_max_mismatch",
        "instrument.total_vs_top_band",
    ]
    nineteen = result.instrument.warnings[0].message
    assert (nineteen.params["stated"], nineteen.params["actual"]) == ("39.6", "42.6")


def test_a_sheets_jumlah_row_states_its_part_or_is_checked_against_its_questions(
    tmp_path: Path,
):
    one_part = [
        HEADER,
        ["Kelembagaan", "Indikator 1", "Pertanyaan 1", PERDA, 12, "JDIH"],
        [None, "Indikator 2", "Pertanyaan 1", "Gugus tugas", 4, "Bappeda"],
        ["Jumlah", None, None, None, 16],
    ]
    two_parts = [
        HEADER,
        ["KLASTER I", "Indikator 4", "Pertanyaan 1", "Akta", 5, "Disdukcapil"],
        ["KLASTER II", "Indikator 7", "Pertanyaan 1", "Perkawinan anak", 6, "Kemenag"],
        [None, None, None, "TOTAL NILAI", 12],
    ]
    path = workbook(tmp_path / "rekap.xlsx", ("Kelembagaan", one_part), ("Klaster", two_parts))
    result = imported(path)
    assert result.instrument.parts[0].stated_max == 16
    assert [(w.sheet, w.row, w.column, w.message.key) for w in result.warnings] == [
        ("Klaster", 4, "nilai_maks", "import.total_mismatch")
    ]
    assert result.warnings[0].render() == (
        "lembar Klaster, baris 4, kolom nilai_maks: jumlah tertulis 12 tetapi jumlah nilai "
        "maksimal pertanyaannya 11"
    )


def test_two_different_subtotals_for_one_indicator_refuse_the_recap(tmp_path: Path):
    rows = [
        HEADER,
        ["KLASTER IV", "Indikator 19", None, "Sekolah ramah anak", 51],
        [None, None, "Pertanyaan 1", "Fasilitator SRA", 4, "Disdik"],
        [None, "Jumlah Indikator 19", None, None, 54],
        [None, "Indikator 20", None, "Pusat kreativitas anak", 35],
    ]
    assert refused(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))) == [
        ("Rekap", 4, "nilai_maks", "import.indicator_max_conflict"),
        ("Rekap", 5, "nilai_maks", "import.indicator_without_questions"),
    ]


def test_an_indicator_in_two_parts_and_a_second_sheet_total_are_refused(tmp_path: Path):
    rows = [
        HEADER,
        ["KLASTER I", "Indikator 4", "Pertanyaan 1", "Akta", 5, "Disdukcapil"],
        ["KLASTER II", "Indikator 4", "Pertanyaan 2", "Akta lagi", 5, "Disdukcapil"],
        ["Jumlah", None, None, None, 10],
        ["Total", None, None, None, 10],
    ]
    assert refused(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))) == [
        ("Rekap", 3, "indikator", "import.indicator_in_two_parts"),
        ("Rekap", 5, "nilai_maks", "import.second_total"),
    ]


def test_a_cover_sheet_is_skipped_and_the_question_table_found(tmp_path: Path):
    cover = [["REKAPITULASI EVALUASI KLA 2025"], ["Kota Metro"], ["Nilai Max: lihat lembar 2"]]
    table = [
        ["INSTRUMEN EVALUASI KLA 2025"],
        [],
        HEADER,
        ["Kelembagaan", "Indikator 1", "Pertanyaan 1", PERDA, 12, "JDIH"],
    ]
    recap = read_recap(workbook(tmp_path / "rekap.xlsx", ("Sampul", cover), ("Instrumen", table)))
    assert [s.name for s in recap.sheets] == ["Instrumen"]
    assert recap.skipped == ("Sampul",)
    assert recap.sheets[0].rows[0].number == 4


def test_one_sheet_per_klaster_is_read_in_order_with_the_part_from_its_name_or_title(
    tmp_path: Path,
):
    header = ["Indikator", "Pertanyaan", "Uraian", "Nilai Maksimal", "Sumber Data"]
    path = workbook(
        tmp_path / "rekap.xlsx",
        ("Kelembagaan", [header, ["Indikator 1", "1", PERDA, 12, "JDIH"]]),
        ("Lembar2", [["KLASTER I: HAK SIPIL"], header, ["Indikator 4", "1", "Akta", 5, "Capil"]]),
        ("Klaster-IV", [header, ["Indikator 18", "1", "Wajib belajar", 6, "Disdik"]]),
    )
    instrument = imported(path).instrument
    assert [(p.code, [q.code for q in p.questions]) for p in instrument.parts] == [
        ("KL", ["1.1"]),
        ("K1", ["4.1"]),
        ("K4", ["18.1"]),
    ]


def test_a_code_repeated_on_another_sheet_is_refused_naming_both_sheets(tmp_path: Path):
    header = ["Indikator", "Pertanyaan", "Nilai Max"]
    path = workbook(
        tmp_path / "rekap.xlsx",
        ("Klaster I", [header, ["Indikator 4", "1", 5]]),
        ("Klaster II", [header, ["Indikator 4", "1", 5]]),
    )
    with pytest.raises(InputError) as caught:
        imported(path)
    [problem] = caught.value.problems
    assert problem.render() == (
        "lembar Klaster II, baris 2, kolom pertanyaan: kode 4.1 sudah muncul di lembar "
        "Klaster I baris 2"
    )


def test_per_unit_flags_are_read_under_the_headings_recaps_use(tmp_path: Path):
    two_columns = [
        [*HEADER, "Untuk Semua Kecamatan", "Untuk Semua Desa/Kelurahan"],
        [
            "KELANA DEKELA",
            "Indikator 25",
            "Pertanyaan 2",
            "Forum anak kecamatan",
            1.25,
            "Camat",
            "√",
            None,
        ],
        [None, "Indikator 26", "Pertanyaan 2", "Perdes anak", 6, "DPMD", None, "Y"],
    ]
    one_column = [
        [*HEADER, "Untuk Semua Kecamatan/Desa"],
        [
            "Penyelenggaraan KLA di Kecamatan dan Desa/Kelurahan",
            "Indikator 25",
            "3",
            "A",
            1,
            "X",
            "Kecamatan",
        ],
        [None, "Indikator 26", "3", "B", 1, "X", "Desa/Kelurahan"],
        [None, None, "4", "C", 1, "X", "Kecamatan dan Desa/Kelurahan"],
        [None, None, "5", "D", 1, "X", None],
    ]
    path = workbook(tmp_path / "rekap.xlsx", ("Dua kolom", two_columns), ("Satu kolom", one_column))
    flags = {
        q.code: (q.per_kecamatan, q.per_desa_kelurahan) for q in imported(path).instrument.questions
    }
    assert flags == {
        "25.2": (True, False),
        "26.2": (False, True),
        "25.3": (True, False),
        "26.3": (False, True),
        "26.4": (True, True),
        "26.5": (False, False),
    }


def test_a_per_unit_mark_that_names_no_unit_is_refused(tmp_path: Path):
    rows = [
        [*HEADER, "Untuk Semua Kecamatan", "Untuk Semua Kecamatan/Desa"],
        ["KELANA DEKELA", "Indikator 25", "2", "Forum anak", 1.25, "Camat", "x", None],
        [None, None, "3", "Pusat kreativitas", 1.25, "Camat", None, "√"],
    ]
    assert refused(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))) == [
        ("Rekap", 2, "per_kecamatan", "import.flag_value"),
        ("Rekap", 3, "per_unit", "import.unit_scope_value"),
    ]


RULES = [
    "Bagian",
    "Indikator",
    "Pertanyaan",
    "Uraian",
    "Nilai Max",
    "Sumber Data",
    "Jenis",
    "Opsi",
    "Arah",
    "Ambang",
    "Ketat (Y/T)",
    "Negatif (Y/T)",
    "Kriteria",
    "Data Dukung",
]


def rules_row(code: str, text: str, **cells: Any) -> list[Any]:
    values = {"Bagian": "KLASTER III", "Indikator": "Indikator 13", "Pertanyaan": code}
    values |= {"Uraian": text, "Nilai Max": "3", "Sumber Data": "Dinkes"} | cells
    return [values.get(column) for column in RULES]


def test_options_thresholds_direction_and_the_official_texts_are_read_from_their_columns(
    tmp_path: Path,
):
    rows = [
        RULES,
        rules_row(
            "1",
            "Prevalensi balita gizi kurang (%)",
            Jenis="persentase",
            Arah="makin rendah makin baik",
            Ambang="14:1 | 20:0,75 | 30:0,5",
            Kriteria="Data SSGI atau EPPGBM tahun berjalan",
            **{"Data Dukung": "Laporan EPPGBM\nSK tim percepatan; Notulen rapat"},
        ),
        rules_row(
            "2",
            "Tren cakupan ASI eksklusif",
            Opsi="naik:Naik:1 | tetap:Tetap:0,5 | turun:Turun:0",
            **{"Ketat (Y/T)": "Y"},
        ),
        rules_row("3", "Apakah pemda menerima sponsor rokok?", **{"Negatif (Y/T)": "Y"}),
        rules_row(
            "4", "Jumlah posyandu aktif", Jenis="angka", Arah="naik", Ambang="1:0,5 | 10:100%"
        ),
    ]
    instrument = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))).instrument
    underweight = instrument.question("13.1")
    assert (underweight.kind, underweight.direction) == (AnswerKind.PERCENTAGE, Direction.LOWER)
    assert [(t.value, t.fraction) for t in underweight.thresholds] == [
        (14, 1),
        (20, 0.75),
        (30, 0.5),
    ]
    assert underweight.criteria == "Data SSGI atau EPPGBM tahun berjalan"
    assert underweight.evidence == ("Laporan EPPGBM", "SK tim percepatan", "Notulen rapat")
    assert underweight.text == "Prevalensi balita gizi kurang (%)"
    trend = instrument.question("13.2")
    assert trend.kind is AnswerKind.CHOICE
    assert [(o.key, o.label, o.fraction) for o in trend.options] == [
        ("naik", "Naik", 1),
        ("tetap", "Tetap", 0.5),
        ("turun", "Turun", 0),
    ]
    assert (trend.strict, trend.negative) == (True, False)
    sponsor = instrument.question("13.3")
    assert (sponsor.kind, sponsor.negative, sponsor.strict) == (AnswerKind.YES_NO, True, False)
    posyandu = instrument.question("13.4")
    assert (posyandu.kind, posyandu.direction) == (AnswerKind.NUMBER, Direction.HIGHER)
    assert [(t.value, t.fraction) for t in posyandu.thresholds] == [(1, 0.5), (10, 1)]


def test_direction_and_negative_wording_are_never_guessed_from_a_questions_words(
    tmp_path: Path, kla: Instrument
):
    rows = [
        RULES,
        rules_row(
            "1", "Prevalensi stunting (makin rendah makin baik)", Jenis="persentase", Ambang="14:1"
        ),
        rules_row("3", "Apakah masih ada iklan rokok di sekitar sekolah?"),
    ]
    path = workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))
    assert refused(path) == [("Rekap", 2, "arah", "import.direction_required")]
    rows[1] = rules_row("1", "Prevalensi stunting", Jenis="persentase", Ambang="14:1", Arah="turun")
    instrument = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))).instrument
    assert instrument.question("13.3").negative is False  # no column, no base: not negative
    # With kla-2024 as the base the direction of 13.1 comes from there, and still no guess.
    rows[1] = rules_row("1", "Prevalensi stunting", Jenis="persentase", Ambang="14:1")
    instrument = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows)), kla).instrument
    assert instrument.question("13.1").direction is Direction.LOWER


def test_every_unreadable_rule_is_refused_with_its_row_and_column(tmp_path: Path):
    rows = [
        RULES,
        rules_row("1", "Tren", Opsi="naik | turun"),
        rules_row("2", "Persen", Jenis="persentase", Arah="naik", Ambang="25 persen:0,25"),
        rules_row("3", "Persen", Jenis="persentase", Arah="ke atas", Ambang="25:0,25"),
        rules_row("4", "Apakah ada?", **{"Negatif (Y/T)": "mungkin"}),
        rules_row("5", "Jumlah kasus", Jenis="poin", **{"Negatif (Y/T)": "Y"}),
        rules_row("6", "Jumlah", Jenis="skala"),
        rules_row("7", "Tren", Opsi="ada:Ada:2 | tidak:Tidak:0"),
        rules_row("8", "Apakah ada?", Ambang="25:0,25"),
        rules_row("9", "Apakah ada?", Jenis="ya/tidak", Opsi="ada:Ada:1 | tidak:Tidak:0"),
        rules_row("10", "Apakah ada?", Arah="naik"),
        rules_row("11", "Tren", Opsi="naik:Naik:1 | naik:Tetap:0,5"),
    ]
    assert refused(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))) == [
        ("Rekap", 2, "opsi", "import.bad_option"),
        ("Rekap", 3, "ambang", "import.bad_threshold"),
        ("Rekap", 3, "ambang", "instrument.kind_needs_thresholds"),
        ("Rekap", 4, "arah", "import.bad_direction"),
        ("Rekap", 5, "negatif", "import.flag_value"),
        ("Rekap", 6, "negatif", "instrument.negative_needs_yes_no"),
        ("Rekap", 7, "jenis", "instrument.unknown_kind"),
        ("Rekap", 8, "opsi", "import.bad_option"),  # a fraction of 2: points, not a share
        ("Rekap", 9, "ambang", "import.thresholds_need_kind"),
        ("Rekap", 10, "opsi", "import.options_need_choice"),
        ("Rekap", 11, "arah", "import.direction_needs_thresholds"),
        ("Rekap", 12, "opsi", "instrument.duplicate_option"),
    ]


def test_rows_without_a_question_code_are_headings_notes_or_refused(tmp_path: Path):
    rows = [
        HEADER,
        ["Kelembagaan", "Indikator 1", "Pertanyaan 1", PERDA, 12, "JDIH"],
        [None, None, None, "Catatan: lampirkan perda yang berlaku", None],
        [None, None, None, "Perda KLA", 3, "JDIH"],
        [None, None, "1. Apakah ada perwali?", None, 2, "JDIH"],
        [None, None, "Pertanyaan 2", "Tanpa nilai", None, "JDIH"],
        [None, None, None, "Metro, 31 Maret 2025"],
    ]
    assert refused(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))) == [
        ("Rekap", 4, "pertanyaan", "cell.required"),
        ("Rekap", 5, "pertanyaan", "import.bad_question_code"),
        ("Rekap", 6, "nilai_maks", "cell.not_points"),
    ]


# --- With last year's instrument ----------------------------------------------------------


def test_with_last_years_instrument_kinds_labels_rules_and_bands_carry_over(kla: Instrument):
    def row(**values: Any) -> dict[str, Any]:
        base = {"bagian": "KLASTER V", "indikator": "Indikator 21 A", "pertanyaan": "4 a"}
        return (
            base
            | {"uraian": "Lembaga layanan", "nilai_maks": "6", "sumber_data": "UPTD PPA"}
            | values
        )

    instrument = instrument_from_rows(
        enumerate(
            [
                row(),
                row(bagian="KLASTER III", indikator="Indikator 13", pertanyaan="Pertanyaan 1"),
                row(bagian="Klaster 1", indikator="Indikator 6", pertanyaan="1", nilai_maks=8),
                row(bagian="KLASTER V", indikator="Indikator 21 A", pertanyaan="99"),
            ],
            start=2,
        ),
        "kla-2025",
        "KLA 2025",
        2025,
        "rekap",
        kla,
    )
    for code in ("21A.4a", "13.1", "6.1"):
        new, old = instrument.question(code), kla.question(code)
        assert (new.kind, new.label, new.options, new.thresholds, new.direction) == (
            old.kind,
            old.label,
            old.options,
            old.thresholds,
            old.direction,
        ), code
    assert instrument.question("6.1").max_points == 8  # this year's maximum, last year's rule
    assert instrument.question("21A.99").kind is AnswerKind.POINTS  # new question: no base
    assert instrument.bands == kla.bands
    names = {i.code: i.name for i in instrument.indicators}
    assert names["21A"] == next(i.name for i in kla.indicators if i.code == "21A")
    assert describe(instrument).startswith("kla-2025: 3 bagian, 3 indikator, 4 pertanyaan")


def test_what_the_import_loses_against_its_base_is_named_question_by_question(
    tmp_path: Path, kla: Instrument
):
    header = [*HEADER, "Untuk Semua Kecamatan", "Jenis", "Arah", "Ambang", "Negatif"]
    rows = [
        header,
        ["KLASTER III", "Indikator 13", "1", "Gizi kurang", 3, "Dinkes", None, None, "naik"],
        [None, None, "3", "Stunting", 3, "Dinkes", None, "poin"],
        [None, "Indikator 17", "5", "Sponsor rokok", 2, "Dinkes", None, None, None, None, "T"],
        ["KELANA DEKELA", "Indikator 25", "2", "Forum anak", 1.25, "Camat", None],
        [None, None, "3", "Pusat kreativitas", 1.25, "Camat", "√"],
        [None, "Indikator 99", "1", "Indikator baru", 1, "Camat"],
    ]
    result = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows)), kla)
    rendered = [w.render() for w in result.warnings]
    assert rendered[0] == "1 pertanyaan tidak ada di kla-2024, jadi tidak mewarisi aturannya: 99.1"
    assert rendered[1].startswith("269 pertanyaan kla-2024 tidak ada dalam impor: 1.1, 1.2a,")
    assert rendered[2:] == [
        "di kla-2024 dijawab setiap kecamatan, dalam impor tidak: 25.2",
        "jenis jawaban berbeda dari kla-2024: 13.3 persentase → poin",
        "arah ambang berbeda dari kla-2024: 13.1 turun → naik",
        "di kla-2024 bertanda negatif (jawaban ya buruk), dalam impor tidak: 17.5",
    ]


def test_a_base_that_matches_no_imported_code_is_refused(tmp_path: Path, kla: Instrument):
    rows = [HEADER, ["Kelembagaan", "Indikator 1", "Pertanyaan 1.1", PERDA, 12, "JDIH"]]
    path = workbook(tmp_path / "rekap.xlsx", ("Rekap", rows))
    assert refused(path, kla) == [(None, None, None, "import.base_unmatched")]
    with pytest.raises(InputError) as caught:
        imported(path, kla)
    assert "(mis. 1.11)" in caught.value.render()


def test_an_imported_instrument_writes_to_and_reads_back_from_the_file_format(
    tmp_path: Path, kla: Instrument
):
    rows = [
        RULES,
        rules_row("1", "Gizi kurang", Kriteria="SSGI", **{"Data Dukung": "Laporan; SK"}),
        rules_row(
            "5",
            "Apakah pemda menerima sponsor rokok?",
            Indikator="Indikator 17",
            **{"Negatif (Y/T)": "Y", "Ketat (Y/T)": "Y"},
        ),
    ]
    instrument = imported(workbook(tmp_path / "rekap.xlsx", ("Rekap", rows)), kla).instrument
    again = instrument_from_data(instrument_to_data(instrument))
    assert again.questions == instrument.questions
    assert again.question("13.1").evidence == ("Laporan", "SK")
    assert (again.question("17.5").negative, again.question("17.5").strict) == (True, True)
