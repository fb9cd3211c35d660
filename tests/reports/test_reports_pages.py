"""The Laporan page: linked from the dashboard and the menu; what each person is offered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_dashboard_and_the_menu_link_to_the_reports(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    html = login("sari").get(reverse("evaluation:dashboard", args=[cycle.pk])).content.decode()
    assert html.count(reverse("reports:index", args=[cycle.pk])) == 2
    html = login("oki").get(reverse("evaluation:dashboard", args=[cycle.pk])).content.decode()
    assert reverse("reports:index", args=[cycle.pk]) not in html


def test_the_secretariat_sees_every_report_and_bundle_choice(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    html = login("sari").get(reverse("reports:index", args=[cycle.pk])).content.decode()
    for name in ("self_assessment", "gap_pdf", "gap_xlsx", "bundle_start"):
        assert reverse(f"reports:{name}", args=[cycle.pk]) in html
    assert 'value="wilayah"' in html
    assert "Klaster III" in html
    assert "Disdukcapil" in html


def test_an_officer_is_offered_their_agencys_bundle_only(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    html = login("budi").get(reverse("reports:index", args=[cycle.pk])).content.decode()
    assert reverse("reports:self_assessment", args=[cycle.pk]) not in html
    assert 'name="cakupan" value="opd"' in html
    assert "Dinas Kesehatan" in html
    assert 'value="wilayah"' not in html
    assert "Disdukcapil" not in html


def test_the_page_in_english(cycle: Any, login: Callable[[str], Client]) -> None:
    client = login("sari")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("reports:index", args=[cycle.pk])).content.decode()
    assert "Self-assessment report (PDF)" in html
    assert "Evidence bundle" in html
    assert "Buat bundel" not in html
