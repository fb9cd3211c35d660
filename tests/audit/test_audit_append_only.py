"""T8: audit rows cannot be changed or deleted, not even by raw SQL; test teardown still works.

Test databases carry SQLite's maintenance flag (tests/conftest.py) so that Django's flush may
empty the log; the tests below take it away inside their own rolled-back transaction.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from layak.accounts.models import User
from layak.audit.log import record
from layak.audit.maintenance import FLAG_TABLE, allow_purge, forbid_purge
from layak.audit.models import AuditEvent


def _event() -> AuditEvent:
    return record("uji.peristiwa", actor_name="uji", object_type="uji", after={"nilai": 1})


def _sql(statement: str, params: list[Any]) -> None:
    # A savepoint per refused statement: PostgreSQL would otherwise abort the whole test's
    # transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["diubah"]),
        ("UPDATE audit_auditevent SET after = NULL, actor_name = %s WHERE id = %s", ["x"]),
        ("UPDATE audit_auditevent SET actor_id = NULL WHERE id >= %s AND id = %s", [0]),
    ],
)
def test_raw_sql_cannot_change_an_audit_row(statement: str, params: list[Any]) -> None:
    event = _event()
    with pytest.raises(IntegrityError, match="audit events cannot be changed"):
        _sql(statement, [*params, event.pk])
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.action, stored.actor_name, stored.after) == (
        "uji.peristiwa",
        "uji",
        {"nilai": 1},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM audit_auditevent WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id >= %s",
    ],
)
def test_raw_sql_cannot_delete_an_audit_row(statement: str) -> None:
    forbid_purge()  # as in production; the test's rollback gives the flag back
    event = _event()
    before = AuditEvent.objects.count()
    with pytest.raises(IntegrityError, match="audit events cannot be"):
        _sql(statement, [event.pk])
    assert AuditEvent.objects.count() == before
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_on_sqlite_only_the_maintenance_flag_lets_rows_be_deleted() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no flag: deleting is refused for every role")
    forbid_purge()
    event = _event()
    with pytest.raises(IntegrityError):
        _sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    allow_purge("uji pemeliharaan")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT reason FROM {FLAG_TABLE}")  # noqa: S608 - a constant
        assert cursor.fetchall() == [("uji pemeliharaan",)]
    _sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert not AuditEvent.objects.filter(pk=event.pk).exists()
    # Even with the flag, a row is never changed.
    other = _event()
    with pytest.raises(IntegrityError):
        _sql("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [other.pk])


@pytest.mark.django_db
def test_a_person_with_a_history_is_deactivated_not_deleted(world: Any) -> None:
    budi = User.objects.get(username="budi")
    record("uji.peristiwa", actor=budi)
    with pytest.raises(ProtectedError):
        budi.delete()
    assert AuditEvent.objects.filter(actor=budi).exists()


# Django's teardown of a transactional test empties every table (DELETE on SQLite, TRUNCATE on
# PostgreSQL): with audit rows present it must still succeed, and leave the flag in place for
# the next one. Two tests, so the second meets the first one's teardown.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("turn", [1, 2])
def test_transactional_tests_can_flush_the_audit_log(turn: int) -> None:
    with transaction.atomic():
        _event()
    assert AuditEvent.objects.filter(action="uji.peristiwa").count() == 1
