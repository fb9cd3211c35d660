"""One audit event per refused upload or import, the same for every path that takes files.

The event (action `unggahan_ditolak`) names the user, the path (evidence, a decree, an Excel
book, ...), the rule by its message key and the file's name made safe to show. It is written in
its own transaction, after the refused write has been rolled back, so the refusal is kept and
the write is not: callers record it outside their write's `transaction.atomic()` block.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest

from layak.audit.log import record
from layak.audit.models import AuditEvent
from layak.files.inspect import safe_original_name

if TYPE_CHECKING:
    from layak.accounts.models import User

ACTION = "unggahan_ditolak"


class UploadPath(StrEnum):
    """Where the file came in; the value is what the audit event shows."""

    EVIDENCE = "bukti"
    GUGUS_DECREE = "gugus.sk"
    GUGUS_MEETING = "gugus.rapat"
    MITRA = "mitra"
    FORUM_DECREE = "forum.sk"
    ANSWER_BOOK = "jawaban"
    PROFIL_ANAK = "profil_anak"
    REGISTRY = "registri"
    CERTIFICATE = "registri.sertifikat"


def record_refusal(
    *,
    user: User | None,
    path: UploadPath,
    rules: str | Sequence[str],
    file_name: str,
    region_code: str = "",
    object_type: str = "",
    object_id: object = "",
    request: HttpRequest | None = None,
    actor_name: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    keys = [rules] if isinstance(rules, str) else sorted(set(rules))
    after: dict[str, Any] = {
        "path": path.value,
        "file": safe_original_name(file_name),
        "rule": keys[0] if keys else "",
    }
    if len(keys) > 1:
        after["rules"] = keys
    with transaction.atomic():
        return record(
            ACTION,
            actor=user,
            actor_name=actor_name,
            object_type=object_type or "unggahan",
            object_id=object_id,
            region_code=region_code,
            after={**after, **(extra or {})},
            request=request,
        )
