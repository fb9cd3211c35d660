"""Robustness of the API (issue 14, finding 5): paging and every other integer parameter are
bounded and refused in the error shape, never a 500; a body over the limit is refused with 413
before a byte of it is read, and a body without a length with 411."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from layak.api.api import api as layak_api
from layak.api.paging import MAX_OFFSET
from layak.api.schemas import MAX_LIMIT
from layak.demo.profil import PROFIL_YEAR
from tests.api.apisupport import error_of
from tests.support.people import USERNAMES

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999999"  # more than a 64-bit integer holds
MB = 1024 * 1024

# Every list of the API, as Sari of the secretariat opens it (she sees each of them).
PAGED = {
    "/instruments": "/api/v1/instruments",
    "/cycles": "/api/v1/cycles",
    "/cycles/{cycle_id}/answers": "/api/v1/cycles/{cycle}/answers",
    "/cycles/{cycle_id}/answers/{code}/evidence": "/api/v1/cycles/{cycle}/answers/12.2/evidence",
    "/cycles/{cycle_id}/answers/{code}/units": "/api/v1/cycles/{cycle}/answers/25.2/units",
    "/regions/{code}/aspirations": "/api/v1/regions/18.72/aspirations",
}
BAD_VALUES = [
    (HUGE, "less_than_equal"),
    (str(MAX_OFFSET + 1), "less_than_equal"),
    ("-1", "greater_than_equal"),
    ("abc", "int_parsing"),
    ("1.5", "int_parsing"),
    ("1e3", "int_parsing"),
]


def _schema_operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = layak_api.get_openapi_schema()
    return [
        (method.upper(), route.removeprefix("/api/v1"), operation)
        for route, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def test_every_list_of_the_schema_is_tested_here() -> None:
    listed = {
        route
        for method, route, operation in _schema_operations()
        if method == "GET" and any(p["name"] == "offset" for p in operation.get("parameters", []))
    }
    assert listed == set(PAGED)


@pytest.mark.parametrize("route", sorted(PAGED))
@pytest.mark.parametrize("parameter", ["offset", "limit"])
@pytest.mark.parametrize(("value", "rule"), BAD_VALUES)
def test_paging_out_of_bounds_is_refused_in_the_error_shape(
    api: Callable[..., Any], cycle: Any, route: str, parameter: str, value: str, rule: str
) -> None:
    url = PAGED[route].format(cycle=cycle.pk) + f"?{parameter}={value}"
    response = api("sari", "get", url)
    assert response.status_code == 422, (url, response.content[:300])
    (detail,) = error_of(response)["details"]
    assert (detail["field"], detail["rule"]) == (parameter, rule)


@pytest.mark.parametrize("username", USERNAMES)
def test_every_caller_gets_the_same_refusal(api: Callable[..., Any], username: str) -> None:
    for url in (f"/api/v1/cycles?offset={HUGE}", "/api/v1/instruments?limit=-5"):
        response = api(username, "get", url)
        assert response.status_code == 422, (username, url)
        assert error_of(response)["code"] == "invalid"


@pytest.mark.parametrize("route", sorted(PAGED))
def test_the_largest_offset_and_limit_allowed_answer_an_empty_page(
    api: Callable[..., Any], cycle: Any, route: str
) -> None:
    url = PAGED[route].format(cycle=cycle.pk) + f"?offset={MAX_OFFSET}&limit={MAX_LIMIT}"
    response = api("sari", "get", url)
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["offset"] == MAX_OFFSET


def _concrete(route: str, cycle: Any, overrides: dict[str, str]) -> str:
    values = {
        "instrument_id": str(cycle.instrument_record_id),
        "cycle_id": str(cycle.pk),
        "code": "18.72" if route.startswith(("/regions/", "/open-data/")) else "12.2",
        "evidence_id": "1",
        "year": str(PROFIL_YEAR),
        "unit_code": "18.72.01",
        "stage": "verifikasi_administrasi",
    }
    if "/units" in route:
        values["code"] = "25.2"
    return "/api/v1" + route.format(**{**values, **overrides})


def _integer_parameters() -> list[tuple[str, str, str]]:
    found = []
    for method, route, operation in _schema_operations():
        if method != "GET":
            continue
        for parameter in operation.get("parameters", []):
            schema = parameter.get("schema", {})
            kinds = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
            if "integer" in kinds:
                found.append((route, parameter["in"], parameter["name"]))
    return found


INTEGER_PARAMETERS = _integer_parameters()


def test_the_integer_parameters_are_found() -> None:
    names = {(route, name) for route, _where, name in INTEGER_PARAMETERS}
    assert ("/cycles", "year") in names
    assert ("/cycles/{cycle_id}", "cycle_id") in names
    assert ("/regions/{code}/profil-anak/{year}", "year") in names


@pytest.mark.parametrize(("route", "where", "name"), INTEGER_PARAMETERS)
@pytest.mark.parametrize("value", [HUGE, "-1", "abc", f"-{HUGE}"])
def test_no_integer_parameter_makes_a_500(
    api: Callable[..., Any], cycle: Any, route: str, where: str, name: str, value: str
) -> None:
    """Huge, negative and non-numeric values of every integer parameter, in the path or the
    query: refused (422) or not found (404), always in the error shape, never a 500."""
    if where == "path":
        url = _concrete(route, cycle, {name: value})
    else:
        url = _concrete(route, cycle, {}) + f"?{name}={value}"
    response = api("sari", "get", url)
    assert response.status_code in (404, 422), (url, response.status_code)
    error_of(response)
    if where == "query":
        assert response.status_code == 422


def test_an_upload_over_the_limit_is_refused_with_413_before_it_is_read(
    api: Callable[..., Any], cycle: Any, counting_body: Callable[[int], Any]
) -> None:
    from layak.evidence.models import EvidenceFile

    before = EvidenceFile.objects.count()
    body = counting_body(30 * MB)
    response = api(
        "sari",
        "post",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2/evidence",
        headers={"Accept-Language": "en"},
        CONTENT_TYPE="multipart/form-data; boundary=batas",
        CONTENT_LENGTH=str(body.size),
        **{"wsgi.input": body},
    )
    assert response.status_code == 413
    error = error_of(response)
    assert error["code"] == "too_large"
    assert error["message"].startswith("The request is too large")
    assert body.consumed == 0
    assert EvidenceFile.objects.count() == before


def test_a_body_under_the_limit_is_read(
    api: Callable[..., Any], cycle: Any, counting_body: Callable[[int], Any]
) -> None:
    """Under the limit the body reaches the view, which refuses what it is (not JSON)."""
    body = counting_body(1024)
    response = api(
        "sari",
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2",
        CONTENT_TYPE="application/json",
        CONTENT_LENGTH=str(body.size),
        **{"wsgi.input": body},
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"
    assert body.consumed == body.size


def test_a_chunked_body_without_a_length_is_refused_unread(
    api: Callable[..., Any], cycle: Any, counting_body: Callable[[int], Any]
) -> None:
    body = counting_body(30 * MB)
    response = api(
        "sari",
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2",
        CONTENT_TYPE="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": body},
    )
    assert response.status_code == 411
    assert error_of(response)["code"] == "length_required"
    assert body.consumed == 0
