"""T7 for the API: every operation of /api/v1/ × every demo person, written out by hand. A new
operation that is not in MATRIX fails `test_every_api_operation_is_in_the_matrix`. The URL walk
of tests/web skips the "api" namespace because of this file."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from layak.api.api import api as layak_api
from layak.demo.pdf import sample_pdf
from layak.demo.profil import PROFIL_YEAR
from tests.api.apisupport import error_of
from tests.support.people import USERNAMES

KELANA, KELANA_UNIT = "25.2", "18.72.01"  # answered per kecamatan; Oki's kecamatan

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
    # Units: KELANA question 25.2 (DPPPAPPKB: Rina) and Oki's Kecamatan Metro Pusat.
    "GET /cycles/{cycle_id}/answers/{code}/units": (
        "401 200 200 200 404 404 200 200 404 200 200 404 404"
    ),
    "PUT /cycles/{cycle_id}/answers/{code}/units/{unit_code}": (
        "401 403 200 403 403 403 403 200 404 403 403 403 403"
    ),
    "GET /cycles/{cycle_id}/answers/{code}/verifications": (
        "401 200 200 200 200 404 404 404 404 200 200 404 404"
    ),
    # The administrative stage: the province's verifier, Vina, alone.
    "PUT /cycles/{cycle_id}/answers/{code}/verifications/{stage}": (
        "401 403 403 403 403 403 403 403 403 200 403 403 403"
    ),
    "POST /cycles/{cycle_id}/answers/{code}/evidence": (
        "401 403 201 201 201 404 404 404 404 403 403 403 403"
    ),
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
    # Registries' figures: as the registry pages (the region's staff and readers); no names.
    "GET /regions/{code}/registries": "401 200 200 200 200 200 200 404 404 200 200 404 404",
    "GET /regions/{code}/kha-training": "401 200 200 200 200 200 200 404 404 200 200 404 404",
    # Open data: what the public page shows, to anyone, with or without a token.
    "GET /open-data/{code}.json": "200 200 200 200 200 200 200 200 200 200 200 200 200",
    "GET /open-data/{code}.csv": "200 200 200 200 200 200 200 200 200 200 200 200 200",
}
PUBLIC = {"GET /open-data/{code}.json", "GET /open-data/{code}.csv"}


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


def test_every_operation_but_open_data_demands_a_token() -> None:
    schema = layak_api.get_openapi_schema()
    for route, methods in schema["paths"].items():
        for method, operation in methods.items():
            key = f"{method.upper()} {route.removeprefix('/api/v1')}"
            assert bool(operation.get("security")) == (key not in PUBLIC), key


def _url(key: str, cycle: Any, evidence: int) -> str:
    path = key.split(" ", 1)[1]
    code = (
        "18.72" if path.startswith(("/regions/", "/open-data/")) else "12.2"
    )  # a region's or a question's
    if "/units" in path:
        code = KELANA
    query = "?year=2024" if path.endswith(("/registries", "/kha-training")) else ""
    return (
        "/api/v1"
        + path.format(
            instrument_id=cycle.instrument_record_id,
            cycle_id=cycle.pk,
            code=code,
            evidence_id=evidence,
            year=PROFIL_YEAR,
            unit_code=KELANA_UNIT,
            stage="verifikasi_administrasi",
        )
        + query
    )


def _body(key: str, cycle: Any) -> dict[str, Any]:
    """A valid request body for a write, so that only the caller decides the answer."""
    from layak.evaluation.models import Answer, Verification

    if key.startswith("POST") and key.endswith("/evidence"):
        files = [SimpleUploadedFile("laporan.pdf", _pdf())]
        return {"data": {"files": files, "title": "Laporan", "document_year": "2024"}}
    if key.startswith("PUT") and key.endswith("{unit_code}"):
        answer = Answer.objects.filter(
            cycle=cycle, question_code=KELANA, unit_id=KELANA_UNIT
        ).first()
        body = {"value": "ya", "version": answer.version if answer else 0}
    elif key.startswith("PUT") and key.endswith("{stage}"):
        decision = Verification.objects.filter(
            answer__cycle=cycle,
            answer__question_code="12.2",
            answer__unit__isnull=True,
            stage="verifikasi_administrasi",
        ).first()
        body = {"status": "diterima", "version": decision.version if decision else 0}
    elif key.startswith("PUT"):
        body = {"value": "90", "version": _version(cycle)}
    else:
        return {}
    return {"data": body, "content_type": "application/json"}


@lru_cache(maxsize=1)
def _pdf() -> bytes:
    return sample_pdf(["Laporan Dinas Kesehatan Kota Metro"])


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
            kwargs = _body(key, cycle)
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
