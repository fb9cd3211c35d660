"""limit/offset pagination with a maximum page size; every list answers the same envelope."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from layak.api.schemas import DEFAULT_LIMIT, MAX_LIMIT


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


def page(
    items: QuerySet[Any] | Sequence[Any], paging: Paging, shape: Callable[[Any], Any]
) -> dict[str, Any]:
    count = items.count() if isinstance(items, QuerySet) else len(items)
    chosen = items[paging.offset : paging.offset + paging.limit]
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [shape(item) for item in chosen],
    }
