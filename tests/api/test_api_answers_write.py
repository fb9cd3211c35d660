"""PUT /cycles/{id}/answers/{code}: the web form's service, rules, versions and audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from layak.audit.models import AuditEvent
from layak.evaluation.models import Answer, Verification
from tests.api.apisupport import error_of


def _put(api: Callable[..., Any], user: str, cycle: Any, body: dict[str, Any]) -> Any:
    return api(
        user,
        "put",
        f"/api/v1/cycles/{cycle.pk}/answers/12.2",
        data=body,
        content_type="application/json",
    )


@pytest.mark.django_db
def test_budi_saves_dinkes_answer_once_audited(api: Callable[..., Any], cycle: Any) -> None:
    before = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    seen = AuditEvent.objects.exclude(action="api_token.create").count()
    response = _put(
        api, "budi", cycle, {"value": "80", "note": "dari API", "version": before.version}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["value"] == "80"
    assert body["version"] == before.version + 1
    assert body["status"] == "draf"
    (event,) = AuditEvent.objects.exclude(action="api_token.create").order_by("pk")[
        seen:
    ]  # exactly one row for the change
    assert event.actor_name == "budi"
    assert event.before["value"] == "100"
    assert event.after["value"] == "80"
    submitted = _put(
        api, "budi", cycle, {"value": "80", "version": body["version"], "submit": True}
    )
    assert submitted.json()["status"] == "diajukan"


@pytest.mark.django_db
def test_a_stale_version_is_409_and_nothing_changes(api: Callable[..., Any], cycle: Any) -> None:
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    seen = AuditEvent.objects.exclude(action="api_token.create").count()
    response = _put(api, "sari", cycle, {"value": "10", "version": current.version - 1})
    assert response.status_code == 409
    assert error_of(response)["details"][0]["rule"] == "answer.conflict"
    assert Answer.objects.get(pk=current.pk).value == current.value
    assert AuditEvent.objects.exclude(action="api_token.create").count() == seen


@pytest.mark.django_db
def test_an_invalid_value_is_refused_whole(api: Callable[..., Any], cycle: Any) -> None:
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    response = _put(api, "budi", cycle, {"value": "150", "version": current.version})
    assert response.status_code == 422
    (detail,) = error_of(response)["details"]
    assert detail["field"] == "value"
    assert Answer.objects.get(pk=current.pk).version == current.version


@pytest.mark.django_db
def test_a_locked_stage_refuses_with_409(api: Callable[..., Any], cycle: Any, users: Any) -> None:
    from layak.core.stages import Stage
    from layak.evaluation.models import StageWindow
    from layak.evaluation.services import set_lock

    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    set_lock(users["sari"], window, locked=True, reason="rekap")
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    response = _put(api, "budi", cycle, {"value": "80", "version": current.version})
    assert response.status_code == 409
    error = error_of(response)
    assert error["code"] == "stage_closed"
    assert error["details"][0]["rule"] == "stage.locked"


@pytest.mark.django_db
def test_points_alone_or_beside_the_value_are_the_points_claimed(
    api: Callable[..., Any], cycle: Any
) -> None:
    """The recap grants 12.2 (3 points) only part of its points: the API takes `points` as a
    decimal string, with a comma or a dot, alone or beside the value."""
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    both = _put(api, "budi", cycle, {"value": "100", "points": "2,25", "version": current.version})
    assert both.status_code == 200, both.content
    body = both.json()
    assert (body["value"], body["points"], body["proposed_points"]) == ("100", 2.25, 3.0)

    alone = _put(api, "budi", cycle, {"points": "1.98", "version": body["version"]})
    assert alone.status_code == 200, alone.content
    assert (alone.json()["value"], alone.json()["points"]) == ("", 1.98)
    stored = Answer.objects.get(pk=current.pk)
    assert (stored.value, str(stored.points)) == ("", "1.9800")


@pytest.mark.django_db
def test_points_outside_the_rule_are_refused_naming_the_question(
    api: Callable[..., Any], cycle: Any
) -> None:
    current = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    response = _put(api, "budi", cycle, {"points": "3,5", "version": current.version})
    assert response.status_code == 422
    (detail,) = error_of(response)["details"]
    assert (detail["field"], detail["rule"]) == ("points", "answer.points_above_max")
    assert "12.2" in detail["message"]
    empty = _put(api, "budi", cycle, {"version": current.version, "submit": True})
    assert empty.status_code == 422
    assert error_of(empty)["details"][0]["rule"] == "answer.required"
    assert Answer.objects.get(pk=current.pk).version == current.version


@pytest.mark.django_db
def test_fields_outside_the_answer_are_ignored_not_written(
    api: Callable[..., Any], cycle: Any, users: dict[str, Any]
) -> None:
    """ASVS 8.2.3: the body sets only what an officer may write (value, points, note, submit);
    a verifier's decision, another question, the author or the version are not his to set."""
    before = Answer.objects.get(cycle=cycle, question_code="12.2", unit__isnull=True)
    decisions = list(Verification.objects.filter(answer=before).values())
    response = _put(
        api,
        "budi",
        cycle,
        {
            "value": "80",
            "version": before.version,
            "status": "diterima",
            "verified_points": "3",
            "question_code": "4.2",
            "updated_by": users["sari"].pk,
            "cycle": cycle.pk + 1,
        },
    )
    assert response.status_code == 200, response.content
    after = Answer.objects.get(pk=before.pk)
    assert (after.question_code, after.cycle_id) == ("12.2", cycle.pk)
    assert (after.value, after.status, after.version) == ("80", "draf", before.version + 1)
    assert after.updated_by == users["budi"]
    assert list(Verification.objects.filter(answer=before).values()) == decisions
    assert not Answer.objects.filter(cycle=cycle, question_code="4.2", updated_by=users["budi"])
