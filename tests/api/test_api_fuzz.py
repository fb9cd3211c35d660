"""T6: schemathesis against the served OpenAPI schema (/api/v1/openapi.json), every operation,
for every kind of caller: each demo person with a token, no token, and a revoked token.

Each generated request is sent once per caller, except a malformed one refused before any
handler, which goes to one person and the two callers without a valid token
(`_refused_before_any_handler`). Checks: no 5xx, every status, header and body
as the schema says (errors in the one error shape), and no auth bypass: callers without a
valid token get 401 from every operation but open data, and a 2xx never carries what the
caller may not see (`_no_bypass`, asked of `layak.accounts.policy`). Every other example
uses the demo's real ids (cycle, question, evidence, unit) so that fuzzing reaches the data,
not only 404s. The writes happen inside the test's transaction and are rolled back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.examples import drawn, examples
from tests.support.people import USERNAMES

CALLERS = (*USERNAMES, "anon", "revoked")
PUBLIC_PATHS = ("/api/v1/open-data/",)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def _served_schema() -> Any:
    """The schema as the app serves it at /api/v1/openapi.json (no database needed)."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


schema = _served_schema()


@pytest.fixture(autouse=True)
def connections_kept_open() -> Iterator[None]:
    """Requests go through the whole WSGI stack; as Django's test client does, connections
    stay open between them (the test's transaction)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def callers(users: dict[str, Any]) -> Iterator[dict[str, tuple[Any, dict[str, str]]]]:
    """Each caller's user (None without a valid token) and Authorization header."""
    from layak.api.tokens import create_token, revoke_token

    found: dict[str, tuple[Any, dict[str, str]]] = {"anon": (None, {})}
    for name in USERNAMES:
        found[name] = (
            users[name],
            {"Authorization": f"Bearer {create_token(users[name], 'uji')[1]}"},
        )
    token, text = create_token(users["sari"], "dicabut")
    revoke_token(token)
    found["revoked"] = (None, {"Authorization": f"Bearer {text}"})
    with override_settings(LAYAK_API_RATE=100_000):  # the limit has its own tests
        yield found


@pytest.fixture
def real_ids(cycle: Any) -> dict[str, Any]:
    from layak.demo.profil import PROFIL_YEAR
    from layak.evidence.models import EvidenceFile

    evidence = EvidenceFile.objects.present().get(answer__cycle=cycle, original_name="1.1-1.pdf")
    return {
        "cycle_id": cycle.pk,
        "instrument_id": cycle.instrument_record_id,
        "evidence_id": evidence.pk,
        "unit_code": "18.72.01",
        "year": PROFIL_YEAR,
    }


_turn = itertools.count()


def _aim_at_real_data(case: Any, ids: dict[str, Any]) -> None:
    if next(_turn) % 2 or not case.path_parameters:
        return
    params = case.path_parameters
    for name, value in ids.items():
        if name in params:
            params[name] = value
    if "code" in params:
        path = case.operation.path
        params["code"] = (
            "18.72"
            if path.startswith(("/api/v1/regions/", "/api/v1/open-data/"))
            else "25.2"
            if "/units" in path
            else "12.2"
        )


@schema.parametrize()
@settings(
    max_examples=examples(4),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_fuzz_every_operation_every_caller(
    case: Any, world: Any, callers: dict[str, tuple[Any, dict[str, str]]], real_ids: dict[str, Any]
) -> None:
    coverage = case.meta is not None and case.meta.phase.name.value == "coverage"
    if coverage and not drawn(next(_coverage_turn)):
        return  # make quick sends a quarter of them (tests/support/examples.py)
    _aim_at_real_data(case, real_ids)
    first = USERNAMES[next(_first_person) % len(USERNAMES)]
    answer = _send(case, first, callers)
    for name in ("anon", "revoked"):
        _send(case, name, callers)
    if _refused_before_any_handler(case, answer):
        return
    for name in USERNAMES:
        if name != first:
            _send(case, name, callers)


_first_person = itertools.count()
_coverage_turn = itertools.count()


def _send(case: Any, name: str, callers: dict[str, tuple[Any, dict[str, str]]]) -> Any:
    user, headers = callers[name]
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS, headers=headers)
    _no_bypass(name, user, case, response)
    return response


def _refused_before_any_handler(case: Any, response: Any) -> bool:
    """A request the schema calls invalid (a negative case: about 600 of the 794) that a
    signed-in person got refused for its method (405) or its parameters and body (400 or 422
    from django-ninja's validation: every rule is pydantic's, not one of Layak's keyed rules,
    which all have a dot). django-ninja checks the token, then the method and the request's
    shape, before any of our code reads data or asks who the caller is, so the answer cannot
    differ by person: the case goes only to that person (who turns over the 13 from case to
    case), no token and a revoked token. Every other case goes to every person."""
    if case.meta is None or case.meta.generation.mode is not GenerationMode.NEGATIVE:
        return False
    if response.status_code == 405:
        return True
    if response.status_code not in (400, 422):
        return False
    rules = [d["rule"] for d in response.json()["error"]["details"]]
    return bool(rules) and not any("." in rule for rule in rules)


def _no_bypass(name: str, user: Any, case: Any, response: Any) -> None:
    from layak.accounts import policy
    from layak.accounts.roles import Role
    from layak.evaluation.models import Cycle
    from layak.evaluation.policy import can_see_cycle, sees_question, visible_cycles
    from layak.evidence.models import EvidenceFile
    from layak.evidence.services import may_read
    from layak.forum import policy as rules

    path, method = case.operation.path, case.method.upper()
    status = response.status_code
    where = f"{name}: {method} {case.formatted_path} → {status}"
    if path.startswith(PUBLIC_PATHS) or (status == 405 and method != case.operation.method.upper()):
        return  # open data; or a method the operation does not have (405, before any data)
    if user is None:
        assert status == 401, where
        return
    if status >= 300:
        return
    role = policy.role_of(user)
    body = {} if path.endswith("/file") else response.json()
    params = case.path_parameters or {}
    if method in ("PUT", "POST"):
        writers = {
            "/answers/{code}": (Role.SECRETARIAT, Role.COORDINATOR, Role.OFFICER),
            "/units/{unit_code}": (Role.SECRETARIAT, Role.UNIT_OPERATOR),
            "/verifications/{stage}": (Role.PROVINCIAL_VERIFIER, Role.NATIONAL_VERIFIER),
            "/evidence": (Role.SECRETARIAT, Role.COORDINATOR, Role.OFFICER, Role.UNIT_OPERATOR),
        }
        allowed = next(roles for suffix, roles in writers.items() if path.endswith(suffix))
        assert role in allowed, where
    if "cycle_id" in params:
        cycle = Cycle.objects.get(pk=params["cycle_id"])
        assert can_see_cycle(user, cycle), where
        if "code" in params:
            question = cycle.instrument.question(params["code"])
            assert sees_question(user, cycle, question), where
    if path == "/api/v1/cycles":
        visible = set(visible_cycles(user).values_list("pk", flat=True))
        assert {c["id"] for c in body["items"]} <= visible, where
    if path == "/api/v1/cycles/{cycle_id}/answers":
        cycle = Cycle.objects.get(pk=params["cycle_id"])
        for item in body["items"]:
            question = cycle.instrument.question(item["code"])
            assert sees_question(user, cycle, question), where
    if path.startswith("/api/v1/evidence/"):
        assert may_read(user, EvidenceFile.objects.get(pk=params["evidence_id"])), where
    if path.endswith("/units") and role is Role.UNIT_OPERATOR:
        assert {i["unit"]["code"] for i in body["items"]} <= {user.unit_id}, where
    if path.endswith("/profil-anak/{year}") and body.get("mode") == "full":
        assert policy.sees_region(user, params["code"]), where
    if path.endswith(("/registries", "/kha-training")):
        from layak.registries import policy as registry_access

        assert registry_access.reads(user, params["code"]), where
        assert all("name" not in item for item in body.get("agencies", [])), where
    if path.endswith("/aspirations"):
        assert rules.reads_city(user, params["code"]), where
        if not rules.manages(user, params["code"]):
            assert all(i["text"] is None for i in body["items"]), where
