"""The question page offers the Profil Anak figures next to the answer, for the questions the
profile measures, at the cost of one query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from layak.profil.queries.reading import support_for_question
from tests.profil_web.profilweb_support import KNOWN_YEAR

pytestmark = pytest.mark.django_db

HEADING = "Data pendukung dari Profil Anak 2025"


def _question(client: Client, cycle_id: int, code: str) -> str:
    response = client.get(f"/siklus/{cycle_id}/pertanyaan/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_birth_certificates_question_shows_coverage(
    login: Callable[[str], Client], world: Any
) -> None:
    html = _question(login("dewi"), world.cycle_id, "4.2")
    assert HEADING in html
    assert "Cakupan akta kelahiran anak 2025" in html
    assert 'href="/profil-anak/18.72/2025/"' in html


def test_the_year_before_appears_when_it_has_data(
    login: Callable[[str], Client], world: Any, known_dataset: Any
) -> None:
    html = _question(login("dewi"), world.cycle_id, "4.2")
    assert "Cakupan akta kelahiran anak 2024" in html
    assert "92,13%" in html  # the hand-made 2024 cells
    trend = _question(login("dewi"), world.cycle_id, "4.3")
    assert "Perubahan cakupan KIA 2024–2025" in trend


def test_the_health_book_question_has_no_profile_figures(
    login: Callable[[str], Client], world: Any
) -> None:
    assert "Data pendukung dari Profil Anak" not in _question(login("budi"), world.cycle_id, "12.2")


def test_kecamatan_and_kelurahan_shares_on_known_cells(known_dataset: Any) -> None:
    region = known_dataset.region
    support = support_for_question(region, KNOWN_YEAR, "25.5")
    assert support is not None
    assert support.year == KNOWN_YEAR
    (share,) = support.figures
    assert share.value == 40.0
    assert share.detail is not None
    assert share.detail.render("id") == "2 dari 5 kecamatan: Metro Pusat, Metro Barat"
    kelurahan = support_for_question(region, KNOWN_YEAR, "26.6")
    assert kelurahan is not None
    assert kelurahan.figures[0].value == round(100 * 9 / 22, 2)
    assert support_for_question(region, KNOWN_YEAR - 1, "25.5") is None  # no data before


def test_the_figures_cost_one_query_once_the_profile_is_known(
    login: Callable[[str], Client], world: Any
) -> None:
    client = login("sari")
    _question(client, world.cycle_id, "26.6")  # computes and keeps the profile
    with CaptureQueriesContext(connection) as queries:
        html = _question(client, world.cycle_id, "26.6")
    assert "Desa/kelurahan dengan cakupan akta kelahiran di atas 90%" in html
    profil = [q["sql"] for q in queries.captured_queries if '"profil_' in q["sql"]]
    assert len(profil) == 1, profil
    with CaptureQueriesContext(connection) as queries:
        _question(client, world.cycle_id, "12.2")
    assert not [q for q in queries.captured_queries if '"profil_' in q["sql"]]


def test_the_support_speaks_english(login: Callable[[str], Client], world: Any) -> None:
    client = login("dewi")
    client.cookies["django_language"] = "en"
    html = _question(client, world.cycle_id, "25.5")
    assert "Supporting data from the Profil Anak 2025" in html
    assert "Kecamatan with birth certificate coverage above 90%" in html
