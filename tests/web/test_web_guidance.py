"""Guidance on a question: how an answer earns points, in words, in either language, and what
the instrument says about the question (or that it says nothing more)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from layak.evaluation.templatetags.answers import scoring_rule

pytestmark = pytest.mark.django_db


def test_the_scoring_rules_read_in_words(cycle: Any) -> None:
    instrument = cycle.instrument
    with translation.override("id"):
        assert scoring_rule(instrument.question("4.1")) == [
            "Ya → nilai penuh (1 poin)",
            "Tidak → 0",
        ]
        assert scoring_rule(instrument.question("4.3")) == [
            "Naik → nilai penuh (1 poin)",
            "Tetap → 50 % dari nilai (0,50 poin)",
            "Turun → 0",
        ]
        assert scoring_rule(instrument.question("12.2")) == [
            "≥ 100 % → nilai penuh (3 poin)",
            "≥ 75 % → 75 % dari nilai (2,25 poin)",
            "≥ 50 % → 50 % dari nilai (1,50 poin)",
            "≥ 25 % → 25 % dari nilai (0,75 poin)",
            "< 25 % → 0",
        ]
    with translation.override("en"):
        assert scoring_rule(instrument.question("4.1")) == [
            "Yes → full points (1)",
            "No → 0",
        ]
        assert scoring_rule(instrument.question("12.2"))[1] == "≥ 75 % → 75 % of the points (2.25)"


def test_budi_reads_how_his_question_is_scored_and_what_the_instrument_lacks(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    url = reverse("evaluation:question", args=[cycle.pk, "12.2"])
    page = html.unescape(budi.get(url).content.decode())
    assert "Cara menilai" in page
    assert "≥ 75 % → 75 % dari nilai (2,25 poin)" in page
    assert "ambang" not in page.split("Cara menilai", 1)[1].split("</ul>", 1)[0]
    # The shipped instrument carries no official wording, criteria or checklist: said plainly.
    assert "tidak memuat rumusan resmi, kriteria, atau daftar bukti" in page

    budi.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = html.unescape(budi.get(url).content.decode())
    assert "How it is scored" in page
    assert "< 25 % → 0" in page
    assert "carries no official wording, criteria or evidence checklist" in page
