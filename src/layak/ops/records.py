"""Rows as plain JSON values, without secrets (for the personal-data export)."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

# Never exported, whatever the model: hashes of passwords, tokens and sessions, keys, NIK.
_SECRET = re.compile(r"password|token|secret|session|digest|nik|key|post_data|get_data", re.I)


def plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return None
    return value


def row(instance: models.Model, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row's own columns (foreign keys as ids), secrets left out."""
    return {
        field.attname: plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if not _SECRET.search(field.attname) and field.attname not in skip
    }
