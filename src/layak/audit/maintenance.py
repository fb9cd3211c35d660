"""The database side of the append-only audit log (docs/audit.md).

Triggers refuse UPDATE and DELETE on audit rows whatever the SQL comes from. On SQLite, which
has no roles, a one-row flag table (`audit_maintenance`, not a Django model, so Django's
`flush` leaves it alone) lets rows be deleted: test databases set it so that Django's test
teardown can empty the tables; an operator sets it only for a documented purge. On PostgreSQL
deleting stays refused for everyone; test teardown uses TRUNCATE, which the application's
production role is not granted (docs/audit.md).
"""

from __future__ import annotations

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
FLAG_TABLE = "audit_maintenance"

SQLITE_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {FLAG_TABLE} (reason text NOT NULL, since text NOT NULL)",
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
        BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
        WHEN NOT EXISTS (SELECT 1 FROM audit_maintenance)
        BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    f"DROP TABLE IF EXISTS {FLAG_TABLE}",
]
# SQLSTATE 23000 (integrity_constraint_violation): Django raises IntegrityError on both databases.
POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit events cannot be changed or deleted (%)', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$""",
    f"""CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_event_append_only ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_event_append_only()",
]


def create_triggers(db: BaseDatabaseWrapper) -> None:
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(db.vendor)
    if statements is None:
        raise RuntimeError(f"the audit log's triggers are not written for {db.vendor}")
    with db.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_triggers(db: BaseDatabaseWrapper) -> None:
    with db.cursor() as cursor:
        for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(db.vendor, []):
            cursor.execute(statement)


def allow_purge(reason: str, db: BaseDatabaseWrapper = connection) -> None:
    """SQLite only: let rows of the audit log be deleted until `forbid_purge`. Test databases
    call it once (tests/conftest.py); PostgreSQL needs nothing (its teardown truncates)."""
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {FLAG_TABLE}")  # noqa: S608 - a constant
        if cursor.fetchone()[0] == 0:
            cursor.execute(
                f"INSERT INTO {FLAG_TABLE} (reason, since) VALUES (%s, datetime('now'))",  # noqa: S608
                [reason],
            )


def forbid_purge(db: BaseDatabaseWrapper = connection) -> None:
    if db.vendor == "sqlite":
        with db.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FLAG_TABLE}")  # noqa: S608 - a constant
