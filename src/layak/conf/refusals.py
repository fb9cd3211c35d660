"""The core's keyed refusal on Django's side: for models, services and the admin.

A rule is written once, as keyed problems (`layak.core.messages.Problem`). A model's `clean()`
raises them with `raise_invalid()`, as the `ValidationError` Django's forms and the admin expect
(each error keeps its message key as its `code`); a service runs the model's checks with
`full_clean()`, which turns that same error back into the core's `InputError`, so the service,
the web form, the API and a command all see one refusal with its keys.

It lives in the foundation (conf), below every app with models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils import translation

from layak.core.messages import InputError, Lang, Message, Problem, msg

# Django's own codes for a field's checks, and the core's keys that say the same.
_REQUIRED = frozenset({"required", "blank", "null"})


class KeyedError(ValidationError):
    """One problem as Django's error: its text in the active language for forms and the admin,
    its key as the error's `code`, and the message itself for `refusal_of`."""

    def __init__(self, message: Message, lang: Lang | None = None) -> None:
        super().__init__(message.render(lang or active_lang()), code=message.key)
        self.keyed = message


def active_lang() -> Lang:
    """The language Django is speaking now (the request's, a command's)."""
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


def refuse(problems: Iterable[Problem]) -> None:
    """Raise the core's refusal when there is anything to refuse."""
    found = list(problems)
    if found:
        raise InputError(found)


def invalid(problems: Sequence[Problem]) -> ValidationError:
    """The problems as the ValidationError of a model's `clean()`: each at the field its
    column names (or the whole record's when it names none), each keeping its key."""
    fields: dict[str, list[ValidationError]] = {}
    for problem in problems:
        fields.setdefault(problem.column or NON_FIELD_ERRORS, []).append(
            KeyedError(problem.message)
        )
    return ValidationError(fields)


def raise_invalid(problems: Sequence[Problem]) -> None:
    """For `Model.clean()`: raise the problems as Django's error, if there are any."""
    if problems:
        raise invalid(problems)


def refusal_of(error: ValidationError) -> InputError:
    """Django's ValidationError as the core's refusal. A keyed error keeps its message; a
    field's own check (required, too long, not a choice) gets the core's `field.*` key."""
    if hasattr(error, "error_dict"):
        located = [
            (None if name == NON_FIELD_ERRORS else name, item)
            for name, items in error.error_dict.items()
            for item in items
        ]
    else:
        located = [(None, item) for item in error.error_list]
    return InputError([Problem(_message_of(item), column=column) for column, item in located])


def _message_of(error: ValidationError) -> Message:
    if isinstance(error, KeyedError):
        return error.keyed
    params: dict[str, Any] = dict(error.params or {})
    if error.code in _REQUIRED:
        return msg("field.required")
    if error.code == "max_length" and "limit_value" in params:
        return msg("field.too_long", limit=params["limit_value"])
    if error.code == "invalid_choice" and "value" in params:
        return msg("field.invalid_choice", value=str(params["value"]))
    return msg("field.invalid", detail=" ".join(error.messages))


def full_clean(obj: Model, *, exclude: Iterable[str] | None = None) -> None:
    """The model's checks (its fields' and its `clean()`), refused as the core's InputError."""
    try:
        obj.full_clean(exclude=list(exclude) if exclude is not None else None)
    except ValidationError as error:
        raise refusal_of(error) from None
