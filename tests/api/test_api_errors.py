"""Every error answers the one shape (code, message, details), in Indonesian or, with
Accept-Language: en, in English; the rate limit answers 429 with Retry-After."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings

from tests.api.apisupport import error_of


def _cases(cycle: Any) -> list[tuple[str, str, str, dict[str, Any], int, str]]:
    c = cycle.pk
    answer = f"/api/v1/cycles/{c}/answers/12.2"
    return [
        (
            "sari",
            "put",
            answer,
            {"data": "{bukan json", "content_type": "application/json"},
            400,
            "bad_request",
        ),
        (None, "get", "/api/v1/cycles", {}, 401, "unauthorized"),
        (
            "vina",
            "put",
            answer,
            {"data": {"value": "90", "version": 1}, "content_type": "application/json"},
            403,
            "forbidden",
        ),
        ("dewi", "get", answer, {}, 404, "not_found"),
        ("sari", "get", f"/api/v1/cycles/{c + 999}", {}, 404, "not_found"),
        ("sari", "get", "/api/v1/", {}, 404, "not_found"),
        # Paths the API does not have, with and without a token: JSON, not Django's HTML page.
        ("sari", "get", "/api/v1/tidak-ada/sama-sekali", {}, 404, "not_found"),
        (None, "get", f"{answer}/lampiran/", {}, 404, "not_found"),
        ("sari", "patch", "/api/v1/instruments", {}, 405, "method_not_allowed"),
        ("sari", "delete", answer, {}, 405, "method_not_allowed"),
        ("sari", "post", "/api/v1/cycles", {}, 405, "method_not_allowed"),
        (
            "sari",
            "put",
            answer,
            {"data": {"value": "90", "version": 0}, "content_type": "application/json"},
            409,
            "conflict",
        ),
        ("sari", "get", "/api/v1/cycles?limit=0", {}, 422, "invalid"),
        ("sari", "get", "/api/v1/cycles?offset=-1", {}, 422, "invalid"),
        ("sari", "get", f"/api/v1/cycles/{c}/answers?status=entah", {}, 422, "invalid"),
        ("sari", "get", f"/api/v1/cycles/{c}/gap?target=Sempurna", {}, 422, "invalid"),
        (
            "sari",
            "put",
            answer,
            {"data": {"value": "banyak", "version": 1}, "content_type": "application/json"},
            422,
            "invalid",
        ),
        (
            "sari",
            "put",
            answer,
            {"data": {"note": "x"}, "content_type": "application/json"},
            422,
            "invalid",
        ),
    ]


CASES = 18
CASE_IDS = [f"{i:02d}" for i in range(CASES)]


@pytest.mark.django_db
@pytest.mark.parametrize("index", range(CASES), ids=CASE_IDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_error_has_the_one_shape(
    index: int, language: str, api: Callable[..., Any], cycle: Any
) -> None:
    assert len(_cases(cycle)) == CASES
    username, method, url, kwargs, status, code = _cases(cycle)[index]
    headers = {"Accept-Language": "en-GB,en;q=0.9"} if language == "en" else {}
    response = api(username, method, url, headers=headers, **kwargs)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = error_of(response)
    assert error["code"] == code
    from layak.api.errors import MESSAGES

    assert error["message"] == MESSAGES[code][1 if language == "en" else 0]


@pytest.mark.django_db
def test_a_refused_value_names_the_field_and_the_rule_in_indonesian(
    api: Callable[..., Any], cycle: Any
) -> None:
    response = api(
        "budi",
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2",
        data={"value": "banyak", "version": 1},
        content_type="application/json",
    )
    (detail,) = error_of(response)["details"]
    assert detail["field"] == "value"
    assert detail["rule"] == "answer.not_a_number"
    assert "banyak" in detail["message"]
    assert "bukan" in detail["message"] or "tidak" in detail["message"]


@pytest.mark.django_db
def test_a_missing_field_is_named(api: Callable[..., Any], cycle: Any) -> None:
    response = api(
        "budi",
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2",
        data={"value": "90"},
        content_type="application/json",
    )
    details = error_of(response)["details"]
    assert {"field": "version", "rule": "missing", "message": "wajib diisi"} in details


@pytest.mark.django_db
def test_405_says_which_methods_are_allowed(api: Callable[..., Any], cycle: Any) -> None:
    response = api("sari", "post", f"/api/v1/cycles/{cycle.pk}/answers/12.2")
    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "PUT"}


@pytest.mark.django_db
@override_settings(LAYAK_API_RATE=3)
def test_a_token_over_its_rate_gets_429_with_retry_after(
    api: Callable[..., Any], token_of: Callable[[str], str], client: Any
) -> None:
    for _ in range(3):
        assert api("budi", "get", "/api/v1/instruments").status_code == 200
    limited = api("budi", "get", "/api/v1/instruments")
    assert limited.status_code == 429
    assert error_of(limited)["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    # The limit is per token: Budi's second token, and Dewi, still get through.
    other = token_of("budi")
    headers = {"Authorization": f"Bearer {other}"}
    assert client.get("/api/v1/instruments", headers=headers).status_code == 200
    assert api("dewi", "get", "/api/v1/instruments").status_code == 200


def test_every_kind_of_refusal_answers_through_the_one_handler() -> None:
    """A service's InputError, a model's ValidationError and a refused file all answer 422
    "invalid" in the one shape, each detail with its field and the core's key as the rule."""
    from django.core.exceptions import ValidationError
    from ninja import NinjaAPI
    from ninja.testing import TestClient

    from layak.api.errors import install
    from layak.conf.refusals import invalid
    from layak.core.messages import InputError, Problem, msg
    from layak.files.inspect import Refused

    api = NinjaAPI(urls_namespace="uji-penolakan")
    install(api)
    attendees = Problem(msg("gugus.attendee_elsewhere"), column="attendees")
    until = Problem(msg("gugus.decree_until_before_from"), column="valid_until")

    @api.get("/layanan")
    def service(request: Any) -> None:
        raise InputError([attendees])

    @api.get("/model")
    def model(request: Any) -> None:
        raise ValidationError(invalid([until]).error_dict)

    @api.get("/berkas")
    def file(request: Any) -> None:
        raise Refused(msg("file.empty"))

    expected = {
        "/layanan": [{"field": "attendees", "rule": "gugus.attendee_elsewhere"}],
        "/model": [{"field": "valid_until", "rule": "gugus.decree_until_before_from"}],
        "/berkas": [{"rule": "file.empty"}],
    }
    client = TestClient(api)
    for path, details in expected.items():
        response = client.get(path)
        assert response.status_code == 422, path
        error = error_of(response)
        assert error["code"] == "invalid"
        assert [{k: v for k, v in d.items() if k != "message"} for d in error["details"]] == details
        assert all(d["message"] for d in error["details"])
