"""A child's name becomes their role in texts that leave the Forum Anak's pages."""

from __future__ import annotations

from layak.core.child_names import screen_names

ROLES = {"Alya": "Ketua Forum Anak", "Alya Putri": "Sekretaris Forum Anak", "Bima": "Anggota"}


def test_the_name_and_its_bracketed_role_become_the_role_once() -> None:
    text = "Alya (Ketua Forum Anak) membuka diskusi."
    assert screen_names(text, ROLES) == "Ketua Forum Anak membuka diskusi."


def test_whole_words_only_whatever_the_case() -> None:
    assert screen_names("ALYA dan bima hadir; Bimasakti tidak.", ROLES) == (
        "Ketua Forum Anak dan Anggota hadir; Bimasakti tidak."
    )


def test_the_longer_name_goes_first_and_other_brackets_stay() -> None:
    assert screen_names("Alya Putri (SMP 3) mencatat.", ROLES) == (
        "Sekretaris Forum Anak (SMP 3) mencatat."
    )


def test_nothing_to_screen_leaves_the_text_alone() -> None:
    assert screen_names("Rapat dibuka.", {}) == "Rapat dibuka."
    assert screen_names("", ROLES) == ""
