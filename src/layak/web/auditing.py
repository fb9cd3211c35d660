"""The audit row of a change to one of an app's rows, named after its model (the task force's and
the registries' services): the object type is the model's name, after the app's prefix when it
has one. The apps wrote this function alike; here it is once."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from layak.accounts.models import User
from layak.audit.log import record


def record_change(
    action: str,
    user: User,
    obj: Model,
    region_code: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    request: HttpRequest | None,
    *,
    prefix: str = "",
) -> None:
    """`prefix` + `action` on `prefix` + the model's name (`registries.` + `designation`)."""
    record(
        f"{prefix}{action}",
        actor=user,
        object_type=f"{prefix}{obj._meta.model_name}",
        object_id=obj.pk,
        region_code=region_code,
        before=before,
        after=after,
        request=request,
    )
