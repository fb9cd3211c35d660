"""The core's keyed refusal on Django's side: a model's `clean()` raises it as the ValidationError
forms and the admin expect, a service turns that error back into the same keyed InputError."""

from __future__ import annotations

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from layak.conf.refusals import invalid, raise_invalid, refusal_of, refuse
from layak.core.messages import InputError, Problem, msg


def test_problems_become_djangos_error_at_their_fields_and_come_back_with_their_keys() -> None:
    problems = [
        Problem(msg("aspiration.date_future"), column="on"),
        Problem(msg("aspiration.not_next")),
    ]
    with translation.override("en"):
        error = invalid(problems)
    assert error.message_dict == {
        "on": ["The date cannot be in the future."],
        NON_FIELD_ERRORS: ["This step cannot follow the current status."],
    }
    assert [e.code for e in error.error_dict["on"]] == ["aspiration.date_future"]
    back = refusal_of(ValidationError(error.error_dict))  # as Model.full_clean re-raises it
    assert [(p.column, p.message.key) for p in back.problems] == [
        ("on", "aspiration.date_future"),
        (None, "aspiration.not_next"),
    ]
    raise_invalid([])  # nothing to refuse: nothing raised
    refuse([])


def test_a_fields_own_check_gets_the_cores_key() -> None:
    error = ValidationError(
        {
            "title": [ValidationError("This field cannot be blank.", code="blank")],
            "name": [
                ValidationError(
                    "Ensure this value has at most %(limit_value)d characters.",
                    code="max_length",
                    params={"limit_value": 120, "show_value": 130, "value": "x" * 130},
                )
            ],
            "kind": [
                ValidationError(
                    "Value %(value)r is not a valid choice.",
                    code="invalid_choice",
                    params={"value": "entah"},
                )
            ],
            "date": [ValidationError("Enter a valid date.", code="invalid")],
        }
    )
    refusal = refusal_of(error)
    assert [(p.column, p.message.key) for p in refusal.problems] == [
        ("title", "field.required"),
        ("name", "field.too_long"),
        ("kind", "field.invalid_choice"),
        ("date", "field.invalid"),
    ]
    assert refusal.problems[1].message.render("id") == "terlalu panjang (paling banyak 120 huruf)"
    assert refusal.problems[3].message.render("en") == "Enter a valid date."


def test_refuse_raises_every_problem_at_once() -> None:
    with pytest.raises(InputError) as refused:
        refuse(Problem(msg("field.required"), column=name) for name in ("a", "b"))
    assert [p.column for p in refused.value.problems] == ["a", "b"]
