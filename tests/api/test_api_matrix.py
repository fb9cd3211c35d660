"""T7 for the API: every operation of /api/v1/ × every demo person, written out by hand. A new
operation that is not in MATRIX fails `test_every_api_operation_is_in_the_matrix`. The URL walk
of tests/web skips the "api" namespace because of this file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from apisupport import USERNAMES, error_of
from django.db import transaction

from layak.api.api import api as layak_api
from layak.demo.loader import PROFIL_YEAR

COLUMNS = ("anon", *USERNAMES)
# Cells: status codes. Column order: anon admin sari kartika budi dewi rina oki yosomulyo vina
# nadia mitra forumanak. Operations on a cycle use the demo's Kota Metro cycle; an officer's
# question is 12.2 (Dinkes) — Dewi and Rina do not see it (404), Oki and Yosomulyo neither.
MATRIX: dict[str, str] = {
    "GET /instruments": "401 200 200 200 200 200 200 200 200 200 200 200 200",
    "GET /instruments/{instrument_id}": "401 200 200 200 200 200 200 200 200 200 200 200 200",
    "GET /cycles": "401 200 200 200 200 200 200 200 200 200 200 200 200",
    "GET /cycles/{cycle_id}": "401 200 200 200 200 200 200 200 200 200 200 404 404",
    "GET /cycles/{cycle_id}/answers": "401 200 200 200 200 200 200 200 200 200 200 404 404",
    "GET /cycles/{cycle_id}/answers/{code}": "401 200 200 200 200 404 404 404 404 200 200 404 404",
    "PUT /cycles/{cycle_id}/answers/{code}": "401 403 200 200 200 404 404 403 403 403 403 403 403",
    "GET /cycles/{cycle_id}/answers/{code}/evidence": (
        "401 200 200 200 200 404 404 404 404 200 200 404 404"
    ),
    "GET /evidence/{evidence_id}": "401 200 200 200 200 404 404 404 404 200 200 404 404",
    "GET /evidence/{evidence_id}/file": "401 200 200 200 200 404 404 404 404 200 200 404 404",
    "GET /cycles/{cycle_id}/scores": "401 200 200 200 200 200 200 200 200 200 200 404 404",
    "GET /cycles/{cycle_id}/gap": "401 200 200 200 200 200 200 200 200 200 200 404 404",
    # Everyone reads Profil Anak: region staff in full, the others in public mode.
    "GET /regions/{code}/profil-anak/{year}": (
        "401 200 200 200 200 200 200 200 200 200 200 200 200"
    ),
    "GET /regions/{code}/aspirations": "401 200 200 200 200 200 200 200 200 200 200 404 200",
}


def operations() -> set[str]:
    schema = layak_api.get_openapi_schema()
    return {
        f"{method.upper()} {route.removeprefix('/api/v1')}"
        for route, methods in schema["paths"].items()
        for method in methods
    }


def test_every_api_operation_is_in_the_matrix() -> None:
    assert operations() == set(MATRIX)
    for row in MATRIX.values():
        assert len(row.split()) == len(COLUMNS)


def test_every_operation_demands_a_token() -> None:
    schema = layak_api.get_openapi_schema()
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert operation.get("security"), f"{method} {route} has no security"


def _url(key: str, cycle: Any, evidence: int) -> str:
    path = key.split(" ", 1)[1]
    code = "18.72" if path.startswith("/regions/") else "12.2"  # a region's or a question's
    return "/api/v1" + path.format(
        instrument_id=cycle.instrument_record_id,
        cycle_id=cycle.pk,
        code=code,
        evidence_id=evidence,
        year=PROFIL_YEAR,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_api_authorisation_matrix(
    key: str, api: Callable[..., Any], cycle: Any, users: dict[str, Any]
) -> None:
    from layak.evidence.models import EvidenceFile

    evidence = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__question_code="12.2")
        .order_by("pk")
        .first()
    )
    assert evidence is not None
    method = key.split(" ", 1)[0].lower()
    url = _url(key, cycle, evidence.pk)
    mismatches = []
    for username, expected in zip(COLUMNS, MATRIX[key].split(), strict=True):
        with transaction.atomic():
            kwargs: dict[str, Any] = {}
            if method == "put":
                version = _version(cycle)
                body = {"value": "90", "version": version}
                kwargs = {"data": body, "content_type": "application/json"}
            response = api(None if username == "anon" else username, method, url, **kwargs)
            transaction.set_rollback(True)
        if str(response.status_code) != expected:
            mismatches.append(f"{username}: {response.status_code} (expected {expected})")
        if response.status_code >= 400:
            error_of(response)
    assert not mismatches, f"{key}: {mismatches}"


def _version(cycle: Any) -> int:
    from layak.evaluation.models import Answer

    answer = Answer.objects.filter(cycle=cycle, question_code="12.2", unit__isnull=True).first()
    return answer.version if answer else 0
