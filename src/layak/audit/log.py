"""`record()`: the one way to write an audit event. Call it inside the changing transaction."""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest

from layak.audit.models import AuditEvent

# Never written to the log, whatever a caller passes in before/after, at any depth.
SECRET_KEYS = frozenset({"password", "nik", "token", "sessionid", "secret"})
# Also inside longer names: new_password, password1, api_token, csrfmiddlewaretoken.
SECRET_WORDS = ("password", "token", "secret", "sessionid")


def _is_secret(key: object) -> bool:
    name = str(key).casefold()
    parts = set(re.split(r"[^0-9a-z]+", name))
    return bool(parts & SECRET_KEYS) or any(word in name for word in SECRET_WORDS)


def _masked(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: ("***" if _is_secret(k) else _masked(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_masked(v) for v in value]
    return value


def _clean(data: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if data is None else _masked(data)


# Set on a request once an event names it: the download audit (layak.web.audit_trail) then
# leaves the request alone.
_RECORDED = "_layak_audit_recorded"


def recorded_for(request: HttpRequest) -> bool:
    return bool(getattr(request, _RECORDED, False))


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def stored_snapshot(obj: Any, *, lock: bool = False) -> dict[str, Any] | None:
    """An audit row's `before`: the stored row's `snapshot()` (the object may hold unsaved
    changes); None for a record not saved yet. With `lock`, the row stays locked until the
    transaction ends, so two writers of one row are audited one after the other."""
    if not obj.pk:
        return None
    rows = type(obj).objects.select_for_update() if lock else type(obj).objects
    return rows.get(pk=obj.pk).snapshot()  # type: ignore[no-any-return]


def locked_snapshot(obj: Any) -> dict[str, Any] | None:
    """`stored_snapshot` with the row locked: call it inside the writing transaction."""
    return stored_snapshot(obj, lock=True)


def record(
    action: str,
    *,
    actor: Any = None,
    object_type: str = "",
    object_id: object = "",
    region_code: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    actor_name: str = "",
) -> AuditEvent:
    if request is not None:
        setattr(request, _RECORDED, True)
    return AuditEvent.objects.create(
        **_fields(action, actor, object_type, object_id, region_code, before, after, actor_name),
        ip=client_ip(request),
    )


def record_each(
    action: str,
    *,
    actor: Any = None,
    actor_name: str = "",
    object_type: str = "",
    region_code: str = "",
    changes: list[tuple[object, dict[str, Any] | None, dict[str, Any] | None]],
) -> list[AuditEvent]:
    """One event per (object id, before, after) of one action by one person, written in one
    INSERT: what a cycle's opening does to its hundreds of carried answers at once."""
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            **_fields(action, actor, object_type, object_id, region_code, before, after, actor_name)
        )
        for object_id, before, after in changes
    )


def _fields(
    action: str,
    actor: Any,
    object_type: str,
    object_id: object,
    region_code: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor_name: str,
) -> dict[str, Any]:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return {
        "actor": user,
        "actor_name": actor_name or (user.get_username() if user is not None else ""),
        "role": getattr(user, "role", "") or "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "region_code": region_code,
        "before": _clean(before),
        "after": _clean(after),
    }
