"""The task force's services refuse with the core's keyed InputError, each problem at its field:
the rules the forms show are the same ones a caller without a form (the demo, the API) meets,
and the model's `clean()` gives the admin and the forms the same keys."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from layak.core.messages import InputError
from layak.gugus import services
from layak.gugus.models import ActionItem, Decree, Meeting, RadActivity

pytestmark = pytest.mark.django_db
METRO = "18.72"


def _refusal(call: Any) -> list[tuple[str | None, str]]:
    with pytest.raises(InputError) as refused:
        call()
    return [(p.column, p.message.key) for p in refused.value.problems]


def test_a_decree_ending_before_it_starts_is_refused_by_the_service_and_the_model(
    users: dict[str, Any], decree: Any
) -> None:
    wrong = Decree(
        region_id=METRO, number="1/SK", signed_on=date(2025, 1, 2), valid_from=date(2025, 1, 2)
    )
    wrong.valid_until = date(2024, 12, 31)
    expected = [("valid_until", "gugus.decree_until_before_from")]
    assert _refusal(lambda: services.save_decree(users["sari"], wrong)) == expected
    with pytest.raises(ValidationError) as model:
        wrong.clean()
    assert [e.code for e in model.value.error_dict["valid_until"]] == [expected[0][1]]
    assert not Decree.objects.filter(number="1/SK").exists()


def test_a_fields_own_check_is_keyed_too(users: dict[str, Any]) -> None:
    meeting = Meeting(region_id=METRO, held_on=date(2025, 5, 2), agenda="", place="Aula")
    assert _refusal(lambda: services.save_meeting(users["sari"], meeting, [])) == [
        ("agenda", "field.required")
    ]


def test_a_plan_needs_its_budget_and_a_realisation_needs_a_plan(
    users: dict[str, Any], agencies: dict[str, Any]
) -> None:
    activity = RadActivity(
        region_id=METRO,
        year=date.today().year,
        part_code="K3",
        indicator_code="12",
        name="Uji",
        agency=agencies["Dinkes"],
        child_share=Decimal(100),
    )
    budgets = {"apbd": (None, Decimal(5)), "entah": (Decimal(1), None)}
    problems = _refusal(lambda: services.save_rad_activity(users["sari"], activity, budgets))
    assert sorted(problems, key=str) == [
        ("budgets", "gugus.rad_unknown_source"),
        ("planned_apbd", "gugus.rad_realised_without_plan"),
    ]
    none = {"apbd": (None, None)}
    assert _refusal(lambda: services.save_rad_activity(users["sari"], activity, none)) == [
        ("planned_apbd", "gugus.rad_budget_required")
    ]


def test_an_unknown_status_is_refused_at_its_field(users: dict[str, Any]) -> None:
    item = ActionItem.objects.filter(region_id=METRO).first()
    assert item is not None
    assert _refusal(lambda: services.set_action_status(users["sari"], item, "entah")) == [
        ("status", "gugus.action_unknown_status")
    ]


def test_the_form_shows_the_rule_in_the_readers_language(
    login: Any, decree: Any, settings: Any
) -> None:
    from django.urls import reverse

    client = login("sari")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("gugus:decree_edit", args=[decree.pk]),
        {
            "number": decree.number,
            "signed_on": "2024-03-04",
            "valid_from": "2024-03-04",
            "valid_until": "2023-01-01",
        },
    )
    assert response.status_code == 400
    assert "The end date cannot be before the start date." in response.content.decode()
