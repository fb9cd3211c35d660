"""The shipped instrument kla-2024 against the regency's real 2024 recap, question by question."""

from __future__ import annotations

import re
from typing import Any

import pytest

from layak.core.instrument import Instrument


def compact(code: str) -> str:
    """'Indikator 21 A' → '21A', 'Pertanyaan 4 a' → '4a'."""
    return re.sub(r"\s+", "", code.replace("Indikator", "").replace("Pertanyaan", ""))


def source_questions(recap: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{compact(indicator['code'])}.{compact(question['code'])}", question)
        for part in recap["parts"]
        for indicator in part["indicators"]
        for question in indicator["questions"]
    ]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def runs(text: str, length: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + length]) for i in range(len(w) - length + 1)}


def test_the_recap_has_274_questions_and_so_does_kla_2024(recap: dict[str, Any], kla: Instrument):
    assert len(source_questions(recap)) == 274
    assert len(kla.questions) == 274


def test_codes_are_indicator_dot_question_without_words_or_spaces_in_source_order(
    recap: dict[str, Any], kla: Instrument
):
    expected = [code for code, _ in source_questions(recap)]
    assert [q.code for q in kla.questions] == expected
    assert len(set(expected)) == 274
    for code in ("1.1", "1.2a", "21A.3", "21A.4a", "26.18"):
        assert kla.has_question(code), code
    assert all(re.fullmatch(r"[0-9A-Za-z]+\.[0-9A-Za-z]+", c) for c in expected)


def test_maxima_agencies_and_place_flags_equal_the_source(recap: dict[str, Any], kla: Instrument):
    for code, source in source_questions(recap):
        question = kla.question(code)
        assert question.max_points == source["max_points"], code
        assert list(question.agencies) == [a.strip() for a in source["source_agencies"]], code
        assert question.per_kecamatan is source["per_kecamatan"], code
        assert question.per_desa_kelurahan is source["per_desa_kelurahan"], code


def test_stated_part_and_indicator_maxima_are_kept_as_the_source_writes_them(
    recap: dict[str, Any], kla: Instrument
):
    assert [p.stated_max for p in kla.parts] == [p["max_points"] for p in recap["parts"]]
    stated = [i["max_points"] for p in recap["parts"] for i in p["indicators"]]
    assert [i.stated_max for i in kla.indicators] == stated
    assert kla.stated_total == 1035
    assert kla.max_total == 1004


def test_labels_are_layaks_own_words_not_the_ministrys_sentences(
    recap: dict[str, Any], kla: Instrument
):
    for code, source in source_questions(recap):
        label, text = kla.question(code).label, source["text"]
        assert label.strip(), code
        assert label.strip().casefold() != text.strip().casefold(), code
        shared = runs(label, 7) & runs(text, 7)
        assert not shared, f"{code}: label shares {' '.join(next(iter(shared)))!r} with the source"
        assert kla.question(code).text == "", "the official wording is imported, not shipped"


def test_the_run_check_catches_a_label_copied_in_part():
    text = "Apakah tersedia peraturan daerah terkait penyelenggaraan Kabupaten/Kota Layak Anak?"
    copied = "Perda: tersedia peraturan daerah terkait penyelenggaraan Kabupaten/Kota"
    assert runs(copied, 7) & runs(text, 7)
    assert not runs("Perda penyelenggaraan KLA", 7) & runs(text, 7)


def test_warnings_show_exactly_the_inconsistencies_of_the_source(kla: Instrument):
    found = [
        (w.message.key, *(w.message.params.get(k) for k in ("code", "stated", "actual")))
        for w in kla.warnings
    ]
    assert sorted(found, key=str) == sorted(
        [
            ("instrument.part_max_mismatch", "K1", "150", "115"),
            ("instrument.part_max_mismatch", "K4", "110", "113"),
            ("instrument.part_max_mismatch", "K5", "205", "206"),
            ("instrument.indicator_max_mismatch", "19", "51", "54"),
            ("instrument.indicator_max_mismatch", "21B", "17", "18"),
            ("instrument.total_vs_top_band", None, "1035", "1004"),
        ],
        key=str,
    )
    total = next(w for w in kla.warnings if w.message.key == "instrument.total_vs_top_band")
    assert total.message.params["top"] == "1000"


@pytest.mark.parametrize(("lang", "thousands"), [("id", "1.035"), ("en", "1,035")])
def test_warnings_render_with_their_numbers_in_both_languages(
    kla: Instrument, lang: str, thousands: str
):
    """Each reader's thousands mark: 1.035 in Indonesian, 1,035 in English."""
    text = "\n".join(w.render(lang) for w in kla.warnings)
    for number in ("150", "115", "110", "113", "205", "206", "51", "54", thousands):
        assert number in text


def test_bands_run_from_pratama_500_to_kla_1000_without_gaps(kla: Instrument):
    assert [(b.name, b.min_points, b.max_points) for b in kla.bands] == [
        ("Pratama", 500, 600),
        ("Madya", 601, 700),
        ("Nindya", 701, 800),
        ("Utama", 801, 900),
        ("KLA", 901, 1000),
    ]


def test_parts_are_kelembagaan_five_clusters_and_kelana_dekela(kla: Instrument):
    assert [p.code for p in kla.parts] == ["KL", "K1", "K2", "K3", "K4", "K5", "KD"]
    assert len(kla.indicators) == 31
    assert {q.part_code for q in kla.questions} == {p.code for p in kla.parts}


def test_choice_percentage_and_number_questions_carry_their_rules(kla: Instrument):
    for question in kla.questions:
        if question.kind.value == "pilihan":
            assert len(question.options) >= 2, question.code
        if question.kind.value in ("persentase", "angka"):
            assert question.thresholds, question.code
