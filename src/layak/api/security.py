"""Bearer-token authentication and the per-token rate limit."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from layak.accounts import policy
from layak.accounts.roles import Role
from layak.api.models import ApiToken, RateCount
from layak.api.tokens import token_for

WINDOW = 60  # seconds


class TokenAuth(HttpBearer):
    """`Authorization: Bearer lyk_...`. The request then acts as the token's owner, with the
    owner's role and the same object rules as the web (the session, if any, is ignored)."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_for(token.strip())
        if found is None:
            return None
        request.user = found.user
        return found


def require_role(request: HttpRequest, roles: frozenset[Role]) -> None:
    """A role that never does this write is refused before anything is looked up."""
    if policy.role_of(request.user) not in roles:
        raise PermissionDenied


def count_request(token_id: int, minute: int) -> int:
    """Count one request of the token in this minute and return the minute's count so far.

    One UPDATE ... RETURNING is atomic on PostgreSQL and SQLite (3.35+), so processes that
    share the database share the count; the first request of a minute inserts the row, and
    when two processes insert at once the loser's unique-constraint error sends it back to
    the UPDATE."""
    table = connection.ops.quote_name(RateCount._meta.db_table)
    sql = (
        f"UPDATE {table} SET count = count + 1 WHERE token_id = %s AND minute = %s RETURNING count"  # noqa: S608 - the table name is ours
    )
    for _attempt in range(3):
        # The UPDATE is one statement, atomic by itself: no transaction of its own around it.
        with connection.cursor() as cursor:
            cursor.execute(sql, [token_id, minute])
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        try:
            with transaction.atomic():
                RateCount.objects.create(token_id=token_id, minute=minute, count=1)
        except IntegrityError:
            continue  # another process inserted it first: count on its row
        # Older minutes are of no use; one small delete per token per minute keeps the table small.
        RateCount.objects.filter(token_id=token_id, minute__lt=minute - 1).delete()
        return 1
    raise RuntimeError("rate count row neither updated nor inserted")  # pragma: no cover


def current_minute() -> int:
    return int(time.time() // WINDOW)


class PerTokenLimit(BaseThrottle):
    """At most LAYAK_API_RATE requests per token per clock minute (a fixed window), counted
    in the database (`count_request`)."""

    def allow_request(self, request: HttpRequest) -> bool:
        token: Any = getattr(request, "auth", None)
        if token is None:
            return True
        count = count_request(token.pk, current_minute())
        return count <= int(getattr(settings, "LAYAK_API_RATE", 120))

    def wait(self) -> float:
        return WINDOW - (time.time() % WINDOW)
