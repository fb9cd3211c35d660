"""The figures a Profil Anak offers next to an answer (layak.core.profil_anak.support), on the
hand-made Kota Metro profile of profilweb_support (no database)."""

from __future__ import annotations

import re

from layak.core.messages import CATALOGUE
from layak.core.profil_anak.support import SUPPORTED, support_for, supports
from tests.profil_web.profilweb_support import metro_profile


def test_birth_certificate_coverage_backs_4_2() -> None:
    (akta,) = support_for("4.2", metro_profile())
    assert akta.label.key == "profil.support.akta_coverage"
    assert akta.value == 92.13  # 3502 of 3801
    assert akta.detail is not None
    assert akta.detail.render("id") == "3.502 dari 3.801 anak"
    assert akta.detail.render("en") == "3,502 of 3,801 children"
    assert akta.unit == "percent"


def test_4_2_and_4_3_add_the_year_before_and_the_kia_trend() -> None:
    now, before = metro_profile(2025), metro_profile(2024)
    figures = support_for("4.2", now, before)
    assert [f.label.render("en") for f in figures] == [
        "Birth certificate coverage of children, 2025",
        "Birth certificate coverage of children, 2024",
    ]
    kia_now, _kia_before, trend = support_for("4.3", now, before)
    assert kia_now.value == 79.4
    assert trend.value == 0.0
    assert trend.detail is not None
    assert trend.detail.render("id") == "tetap"
    # A profile two years back is not "the year before".
    assert len(support_for("4.3", now, metro_profile(2022))) == 1


def test_25_5_names_the_kecamatan_above_90_percent() -> None:
    (share,) = support_for("25.5", metro_profile())
    assert share.value == 40.0
    assert share.detail is not None
    assert share.detail.render("id") == "2 dari 5 kecamatan: Metro Pusat, Metro Barat"
    # Metro Timur is at 88.89% and Metro Selatan at 88.44%: not above 90%.


def test_26_6_counts_kelurahan_above_90_percent() -> None:
    (share,) = support_for("26.6", metro_profile())
    assert share.value == round(100 * 9 / 22, 2)
    assert share.detail is not None
    assert share.detail.render("en").startswith("9 of 22 desa/kelurahan: Metro, Hadimulyo Timur")


def test_disaggregated_data_shares_and_disabilities() -> None:
    profile = metro_profile()
    (kec,) = support_for("25.13", profile)
    (kel,) = support_for("26.16", profile)
    assert kec.value == kel.value == 100.0
    total, fisik, tunarungu = support_for("23A.2", profile)
    assert (total.value, fisik.value, tunarungu.value) == (16, 13, 3)
    assert fisik.detail is not None
    assert fisik.detail.render("id") == "laki-laki 7, perempuan 6"


def test_12_2_is_the_health_book_and_is_not_mapped() -> None:
    assert not supports("12.2")
    assert support_for("12.2", metro_profile()) == ()
    expected = {"4.2", "4.3", "25.5", "26.6", "25.13", "26.16", "23A.1", "23A.2", "23A.3"}
    assert expected | {"23A.4"} == SUPPORTED


def test_every_support_message_has_both_languages() -> None:
    keys = [k for k in CATALOGUE if k.startswith("profil.support.")]
    assert len(keys) > 20
    for key in keys:
        indonesian, english = CATALOGUE[key]
        assert indonesian.strip(), key
        assert english.strip(), key
        assert set(re.findall(r"{(\w+)", indonesian)) == set(re.findall(r"{(\w+)", english)), key
