"""The registries' pure rules (layak.core.registries): who keeps which kind, when a decree counts,
the designation share and the KHA share. No database."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from layak.core.loader import load_builtin
from layak.core.registries import (
    BY_CODE,
    KHA_QUESTIONS,
    KINDS,
    KindCode,
    Share,
    designation_share,
    holds_in,
    kha_share,
    kind_of,
    kinds_kept_by,
    person_key,
    trained_by,
)

# Kota Metro's agencies as the demo names them (src/layak/demo/data/kota-metro-opd.csv).
DINKES = ["Dinas Kesehatan", "Dinkes", "Dinas Kesehatan Kota Metro"]
DISDIKBUD = ["Dinas Pendidikan dan Kebudayaan", "Disdikbud", "Disdik", "Dinas Pendidikan"]
KEMENAG = ["Kantor Kementerian Agama Kota Metro", "Kemenag"]
DISDUKCAPIL = ["Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Capil", "Dukcapil"]


def test_dinkes_keeps_the_puskesmas_and_nothing_else() -> None:
    assert [k.code for k in kinds_kept_by(DINKES)] == [KindCode.PUSKESMAS]


def test_the_education_office_keeps_every_school_level_and_paud() -> None:
    kept = {k.code for k in kinds_kept_by(DISDIKBUD)}
    schools = {k for k in KindCode if k.value.startswith("sekolah_")}
    assert schools <= kept
    assert KindCode.PAUD_HI in kept
    assert KindCode.PUSKESMAS not in kept


def test_kemenag_keeps_the_madrasah_levels_and_no_slb() -> None:
    """A level is school and madrasah together (the instrument's 19.2a–d): Kemenag keeps
    RA, MI, MTs and MA with it; no madrasah is an SLB, so that level is the education
    office's alone."""
    kept = {k.code for k in kinds_kept_by(KEMENAG)}
    madrasah = {KindCode.SCHOOL_TK, KindCode.SCHOOL_SD, KindCode.SCHOOL_SMP, KindCode.SCHOOL_SMA}
    assert madrasah <= kept
    assert KindCode.SCHOOL_SLB not in kept
    assert KindCode.SCHOOL_SLB in {k.code for k in kinds_kept_by(DISDIKBUD)}


def test_secondary_and_special_schools_are_the_provinces() -> None:
    """UU 23/2014: SMA, SMK and SLB are run by the province; the region records them."""
    assert {k.code for k in KINDS if k.provincial} == {KindCode.SCHOOL_SMA, KindCode.SCHOOL_SLB}


def test_an_agency_that_keeps_no_institutions_keeps_none() -> None:
    assert kinds_kept_by(DISDUKCAPIL) == []


def test_kinds_are_read_by_code_or_name_in_any_case() -> None:
    assert kind_of("puskesmas") is BY_CODE["puskesmas"]
    assert kind_of("SD/MI") is BY_CODE["sekolah_sd"]
    assert kind_of("sd mi") is BY_CODE["sekolah_sd"]
    assert kind_of("Sekolah_SMP") is BY_CODE["sekolah_smp"]
    assert kind_of("rumah sakit") is None


def test_every_question_named_is_in_the_2024_instrument() -> None:
    """The shares feed questions that exist (15.1, 19.2a–e...), and the KHA list is complete."""
    codes = {q.code for q in load_builtin("kla-2024").questions}
    named = {q for k in KINDS for q in (*k.share_questions, *k.count_questions)}
    assert named <= codes
    assert set(KHA_QUESTIONS) <= codes
    assert {"15.1", "19.2a", "19.2b", "19.2c", "19.2d", "19.2e"} <= named
    labels = {q.code: q.label for q in load_builtin("kla-2024").questions}
    assert all("terlatih" in labels[c].lower() for c in KHA_QUESTIONS)


def test_a_decree_counts_in_its_years_unless_revoked() -> None:
    assert holds_in(2023, 2025, 2024, revoked=False)
    assert holds_in(2023, None, 2030, revoked=False)
    assert not holds_in(2025, None, 2024, revoked=False)
    assert not holds_in(2020, 2023, 2024, revoked=False)
    assert not holds_in(2023, 2025, 2024, revoked=True)


@given(
    st.integers(2000, 2100),
    st.one_of(st.none(), st.integers(2000, 2100)),
    st.integers(2000, 2100),
)
def test_holding_is_the_interval_of_years(start: int, end: int | None, year: int) -> None:
    expected = start <= year and (end is None or year <= end)
    assert holds_in(start, end, year, revoked=False) is expected


def test_the_share_is_rounded_half_up_to_one_decimal() -> None:
    assert Share(1, 3).percent == Decimal("33.3")
    assert Share(2, 3).percent == Decimal("66.7")
    assert Share(1, 8).percent == Decimal("12.5")
    assert Share(0, 0).percent is None
    assert Share(12, 10).exceeds
    assert Share(12, 10).percent == Decimal("120.0")


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=60))
def test_the_designation_share_counts_active_institutions_only(
    rows: list[tuple[bool, bool]],
) -> None:
    share = designation_share(rows)
    assert share.whole == sum(1 for active, _ in rows if active)
    assert share.part == sum(1 for active, designated in rows if active and designated)
    assert share.part <= share.whole
    if share.percent is not None:
        assert Decimal(0) <= share.percent <= Decimal(100)


def test_one_person_trained_twice_counts_once() -> None:
    participations = [("Dr. Ani  Rahma", 2023), ("dr ani rahma", 2024), ("Bayu", 2024)]
    assert person_key("Dr. Ani  Rahma") == person_key("dr ani rahma")
    assert trained_by(participations, 2024) == 2
    assert trained_by(participations, 2023) == 1
    assert trained_by(participations, 2022) == 0


def test_the_kha_share_is_trained_among_staff() -> None:
    participations = [("Ani", 2024), ("Bayu", 2024), ("Citra", 2025)]
    assert kha_share(participations, 40, 2024) == Share(2, 40)
    assert kha_share(participations, 40, 2024).percent == Decimal("5.0")
    assert kha_share(participations, None, 2024).percent is None


@given(
    st.lists(
        st.tuples(st.sampled_from(["Ani", "ani", "Bayu", "Citra", "Dodi"]), st.integers(2020, 2026))
    ),
    st.integers(2020, 2026),
)
def test_trained_by_matches_counting_by_hand(
    participations: list[tuple[str, int]], year: int
) -> None:
    by_hand = {name.casefold() for name, held in participations if held <= year}
    assert trained_by(participations, year) == len(by_hand)
    assert trained_by(participations, year) <= trained_by(participations, year + 1)
