"""SQLite's end-of-test foreign-key check, without re-reading the country's units every time.

Before rolling a test back, Django's TestCase checks every deferred foreign key. On SQLite that
is `PRAGMA foreign_key_check` over every table: 30 ms, 28 of them on the 91,599 administrative
units (`regions_region`), which a test worker loads once and almost no test writes. Over the
suite's 1,300 database tests that was 30 s, the largest single cost of the suite.

`checked_sparingly` keeps the check whole but leaves that one table out while no statement has
written to it since its last check. Nothing else is skipped: the links from other tables to the
units are those tables' own foreign keys and are checked every time; the units' own link (to
their parent) cannot break without a statement that writes the units table, and any such
statement (INSERT, UPDATE, DELETE, REPLACE naming it) makes the next check whole again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

LARGE_TABLE = "regions_region"
_WRITES_IT = re.compile(
    rf"^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b.*\b{LARGE_TABLE}\b", re.IGNORECASE | re.DOTALL
)


class _Watch:
    """Whether `LARGE_TABLE` may have changed since it was last checked (it starts unchecked)."""

    def __init__(self) -> None:
        self.written = True

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if not self.written and _WRITES_IT.match(sql):
            self.written = True
        return execute(sql, params, many, context)


def _sparing_check(connection: BaseDatabaseWrapper, watch: _Watch) -> Callable[..., None]:
    whole_check = connection.check_constraints

    def check_constraints(table_names: Sequence[str] | None = None) -> None:
        if table_names is not None:
            whole_check(table_names)
            return
        if watch.written:
            whole_check()
            watch.written = False
            return
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        whole_check([name for name in tables if name != LARGE_TABLE])

    return check_constraints


@contextmanager
def checked_sparingly() -> Iterator[None]:
    """For the test session: every SQLite connection's check leaves the units table out while
    nothing has written to it."""
    patched = []
    for connection in connections.all():
        if connection.vendor != "sqlite":
            continue
        watch = _Watch()
        connection.execute_wrappers.append(watch)
        connection.check_constraints = _sparing_check(connection, watch)  # type: ignore[method-assign]
        patched.append((connection, watch))
    try:
        yield
    finally:
        for connection, watch in patched:
            connection.execute_wrappers.remove(watch)
            del connection.check_constraints
