"""Robustness of the web (issue 14, finding 5): a request body over the limit is answered 413
before a byte of it is read, whatever the page; a body without a length 411; the Profil Anak
import alone takes the larger registry extracts (LAYAK_PROFIL_UPLOAD_MB)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import resolve, reverse

from layak.web.limits import body_limit
from tests.web.websupport import Q_DINKES

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def post_declared(client: Client, url: str, body: Any, **extra: str) -> Any:
    """POST `body` as it is, with only the headers given (no Content-Length unless given)."""
    return client.generic(
        "POST",
        url,
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=batas",
        **extra,
        **{"wsgi.input": body},
    )


def test_a_30_mb_evidence_upload_is_refused_with_413_unread(
    login: Callable[[str], Client], cycle: Any, counting_body: Callable[[int], Any]
) -> None:
    from layak.evidence.models import EvidenceFile

    client = login("budi")
    before = EvidenceFile.objects.count()
    body = counting_body(30 * MB)
    url = reverse("evidence:upload", args=[cycle.pk, Q_DINKES])
    response = post_declared(client, url, body, CONTENT_LENGTH=str(body.size))
    assert response.status_code == 413
    page = response.content.decode()
    assert "Kiriman terlalu besar" in page
    assert "paling banyak 25 MB" in page
    assert body.consumed == 0
    assert EvidenceFile.objects.count() == before


@pytest.mark.parametrize("username", ["anon", "sari"])
def test_the_limit_holds_on_any_page_for_anyone(
    login: Callable[[str], Client], username: str, counting_body: Callable[[int], Any]
) -> None:
    client = login(username)
    for url in (reverse("login"), reverse("accounts:password"), reverse("set_language")):
        body = counting_body(26 * MB)
        response = post_declared(client, url, body, CONTENT_LENGTH=str(body.size))
        assert response.status_code == 413, url
        assert body.consumed == 0


def test_a_chunked_body_without_a_length_is_refused_unread(
    login: Callable[[str], Client], cycle: Any, counting_body: Callable[[int], Any]
) -> None:
    client = login("budi")
    body = counting_body(30 * MB)
    url = reverse("evidence:upload", args=[cycle.pk, Q_DINKES])
    response = post_declared(client, url, body, HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 411
    assert body.consumed == 0


def test_the_profil_anak_import_takes_registry_extracts_up_to_its_own_limit(
    login: Callable[[str], Client], counting_body: Callable[[int], Any]
) -> None:
    url = reverse("profil:import", args=["18.72"])
    view = resolve(url).func
    assert body_limit(view) == 512 * MB
    assert body_limit(resolve(reverse("home")).func) == 25 * MB
    with override_settings(LAYAK_PROFIL_UPLOAD_MB=20):
        assert body_limit(view) == 20 * MB
        body = counting_body(21 * MB)
        response = post_declared(login("sari"), url, body, CONTENT_LENGTH=str(body.size))
        assert response.status_code == 413
        assert "paling banyak 20 MB" in response.content.decode()
        assert body.consumed == 0
