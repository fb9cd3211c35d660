"""Bahasa Indonesia by default, whatever the browser asks for; English only by choice."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.web.websupport import Q_DINKES

pytestmark = pytest.mark.django_db
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_pages_are_indonesian_even_for_an_english_browser(
    cycle: Any, client: Client, login: Callable[[str], Client]
) -> None:
    page = client.get("/masuk/", **ENGLISH_BROWSER)
    assert '<html lang="id">' in page.content.decode()
    assert "Masuk ke Layak" in page.content.decode()
    assert "Log in to Layak" not in page.content.decode()
    assert page["Content-Language"] == "id"
    assert "Cookie" in page["Vary"]

    budi = login("budi")
    dashboard = budi.get(reverse("evaluation:dashboard", args=[cycle.pk]), **ENGLISH_BROWSER)
    assert '<html lang="id">' in dashboard.content.decode()
    refused = budi.post(
        reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES]),
        {"value": "abc", "version": "1"},
        **ENGLISH_BROWSER,
    )
    assert "'abc' bukan angka" in html.unescape(refused.content.decode())


def test_language_switch_sets_a_cookie_that_switches_the_pages(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    question = reverse("evaluation:question", args=[cycle.pk, Q_DINKES])
    response = budi.post("/bahasa/", {"language": "en", "next": question})
    assert response.status_code == 302
    assert response["Location"] == question
    assert budi.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = budi.get(question)
    assert '<html lang="en">' in page.content.decode()
    assert "All questions" in page.content.decode()
    assert "Semua pertanyaan" not in page.content.decode()
    assert page["Content-Language"] == "en"
    assert 'name="language" value="id"' in page.content.decode()  # the way back
    refused = budi.post(
        reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES]),
        {"value": "abc", "version": "1"},
    )
    assert "'abc' is not a number" in html.unescape(refused.content.decode())

    budi.post("/bahasa/", {"language": "id", "next": question})
    page = budi.get(question)
    assert '<html lang="id">' in page.content.decode()
    assert "Semua pertanyaan" in page.content.decode()


def test_unknown_language_cookie_falls_back_to_indonesian(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert '<html lang="id">' in client.get("/masuk/").content.decode()


def test_language_switch_refuses_to_redirect_elsewhere(client: Client) -> None:
    response = client.post("/bahasa/", {"language": "en", "next": "https://contoh.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_an_english_page_leaves_the_thread_in_its_own_language(client: Client) -> None:
    """Work done after the request on the same thread (a background task, a command, a PDF
    made by a service) must not inherit the last visitor's English."""
    from django.utils import translation

    with translation.override("id"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        page = client.get("/masuk/")
        assert "Log in to Layak" in page.content.decode()
        assert translation.get_language() == "id"
