"""The audit log is written once and never altered, and never keeps a secret."""

from __future__ import annotations

import pytest
from django.db import transaction

from layak.audit.log import record
from layak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(people) -> AuditEvent:
    return record(
        "answer.save",
        actor=people.budi,
        object_type="answer",
        object_id=1,
        region_code="18.72",
        before={"value": "tidak"},
        after={"value": "ya"},
    )


def test_an_event_records_who_with_which_role(people, event):
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.actor_name, stored.role) == (people.budi, "budi", "opd")
    assert (stored.before, stored.after) == ({"value": "tidak"}, {"value": "ya"})


def test_an_event_cannot_be_saved_again(event):
    event.after = {"value": "tidak"}
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).after == {"value": "ya"}


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_queryset_cannot_update_or_delete_events(event):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(after={"value": "tidak"})
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(action="answer.save").delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["after"])
    assert AuditEvent.objects.count() == events
    assert AuditEvent.objects.get(pk=event.pk).after == {"value": "ya"}


@pytest.mark.parametrize(
    "secret",
    ["password", "Password", "NIK", "token", "sessionid", "secret", "new_password", "nik_anak"],
)
def test_record_never_keeps_a_secret(people, secret):
    event = record(
        "account.change",
        actor=people.sari,
        before={secret: "1872010101010001", "username": "budi"},
        after={"child": {secret: "rahasia-123"}, "changes": [{secret: "rahasia-456"}]},
    )

    stored = AuditEvent.objects.get(pk=event.pk)
    text = f"{stored.before} {stored.after}"
    assert "1872010101010001" not in text
    assert "rahasia" not in text
    assert stored.before == {secret: "***", "username": "budi"}


def test_ordinary_fields_are_kept(people):
    event = record(
        "answer.save",
        actor=people.budi,
        after={"value": "ya", "note": "data teknik puskesmas", "teknik": "ok", "unit": "18.72.01"},
    )
    assert AuditEvent.objects.get(pk=event.pk).after == {
        "value": "ya",
        "note": "data teknik puskesmas",
        "teknik": "ok",
        "unit": "18.72.01",
    }
