"""limit/offset pagination with a maximum page size; every list answers the same envelope."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

from layak.api.schemas import DEFAULT_LIMIT, MAX_LIMIT

# Far beyond any list Layak has, and within a 64-bit integer: an unbounded offset reached the
# database as a number it cannot hold, and answered 500.
MAX_OFFSET = 1_000_000_000


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


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
