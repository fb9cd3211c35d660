"""T8: every change made through the web writes exactly one audit row per change, in the same
transaction: when the audit row cannot be written, the change is not kept either.

The writes are the POST rows of the authorisation matrix (test_web_access.MATRIX) that someone
may use, with the concrete URLs and form data of the `target` fixture. A new write URL fails
`test_every_write_is_in_the_table` until its expected audit actions are stated here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction
from django.test import Client

from layak.audit.models import AuditEvent
from tests.web.test_web_access import MATRIX, _cells

NOT_WRITES = {"login", "logout", "set_language"}
# Who posts, and the audit actions one post leaves, in the order written. A kecamatan's own
# answer is two changes: its answer, and the region's answer recomputed from the units'.
# An unchanged agency workbook applied changes nothing; a workbook's check changes no record of
# the evaluation (a refused file or refused rows are audited as `unggahan_ditolak`); asking for
# a bundle or a PDF report is audited, as its download is.
WRITES: dict[str, tuple[str, list[str]]] = {
    "accounts:password": ("budi", ["auth.password_change"]),
    "regions:person": ("sari", ["user.save"]),
    "regions:person_active": ("sari", ["user.deactivate"]),
    "regions:person_new": ("sari", ["user.create"]),
    "regions:person_reset": ("sari", ["user.password_reset"]),
    "regions:person_unlock": ("admin", ["user.unlock"]),
    "apitoken:list": ("sari", ["api_token.create"]),
    # Marking notices read changes no record of the evaluation: nothing to audit.
    "notices:all_read": ("budi", []),
    "notices:preferences": ("budi", ["notices.preference"]),
    "apitoken:revoke": ("sari", ["api_token.revoke"]),
    "cycle_new": ("sari", ["cycle.open"]),
    "evaluation:assignment_edit": ("sari", ["assignment.save"]),
    "evaluation:lock": ("sari", ["stage.lock"]),
    "evaluation:window_edit": ("sari", ["stage.schedule"]),
    # The demo's computed KELANA/DEKELA answers are all submitted: there is nothing to submit.
    "evaluation:submit_computed": ("sari", []),
    "evaluation:save_answer": ("budi", ["answer.save"]),
    # Confirming an answer carried from last year (the matrix marks one so): one review each.
    "evaluation:review_answer": ("budi", ["answer.review"]),
    "evaluation:review_unchanged": ("sari", ["answer.review"]),
    "evaluation:save_unit_answer": ("oki", ["answer.save", "answer.recompute"]),
    "evaluation:save_verification": ("vina", ["verification.save"]),
    "evidence:upload": ("budi", ["evidence.add"]),
    "evidence:remove": ("budi", ["evidence.remove"]),
    "forum:aspiration_step": ("sari", ["forum.aspiration.step"]),
    "forum:facilitator_edit": ("sari", ["forum.facilitator.save"]),
    "forum:facilitator_new": ("sari", ["forum.facilitator.save"]),
    "forum:group_edit": ("sari", ["forum.save"]),
    "forum:group_new": ("sari", ["forum.save"]),
    "forum:member_consent": ("sari", ["forum.consent.add"]),
    "forum:member_edit": ("sari", ["forum.member.save"]),
    "forum:member_new": ("sari", ["forum.member.add"]),
    "forum:member_withdraw": ("sari", ["forum.consent.withdraw"]),
    "forum:paper_aspiration": ("sari", ["forum.aspiration.submit"]),
    "forum:submit": ("forumanak", ["forum.aspiration.submit"]),
    "gugus:action_edit": ("sari", ["gugus.action.save"]),
    "gugus:action_new": ("sari", ["gugus.action.save"]),
    "gugus:action_status": ("budi", ["gugus.action.status"]),
    "gugus:decree_edit": ("sari", ["gugus.decree.save"]),
    "gugus:decree_new": ("sari", ["gugus.decree.save"]),
    "gugus:meeting_edit": ("sari", ["gugus.meeting.save"]),
    "gugus:meeting_new": ("sari", ["gugus.meeting.save"]),
    "gugus:meeting_upload": ("sari", ["gugus.meeting.document"]),
    "gugus:meeting_document_remove": ("sari", ["gugus.meeting.document_remove"]),
    "gugus:member_edit": ("sari", ["gugus.member.save"]),
    "gugus:member_new": ("sari", ["gugus.member.save"]),
    "gugus:rad_edit": ("sari", ["gugus.rad.save"]),
    "gugus:rad_new": ("sari", ["gugus.rad.save"]),
    "mitra:commitment_edit": ("mitra", ["mitra.commitment.save"]),
    "mitra:commitment_new": ("mitra", ["mitra.commitment.save"]),
    "mitra:contribution_edit": ("mitra", ["mitra.contribution.save"]),
    "mitra:contribution_new": ("mitra", ["mitra.contribution.save"]),
    "mitra:document_remove": ("mitra", ["mitra.contribution.document_remove"]),
    "mitra:organisation_edit": ("sari", ["mitra.organisation.save"]),
    "mitra:organisation_new": ("sari", ["mitra.organisation.save"]),
    "mitra:review_commitment": ("sari", ["mitra.commitment.confirm"]),
    "mitra:review_contribution": ("sari", ["mitra.contribution.confirm"]),
    "profil:import": ("sari", ["profil.upload"]),
    # A list imported writes each new or changed institution through the form's own service.
    "registries:import": ("sari", ["registries.institution.save"]),
    "registries:import_apply": ("sari", ["registries.institution.save"]),
    "registries:institution_new": ("budi", ["registries.institution.save"]),
    "registries:institution_edit": ("budi", ["registries.institution.save"]),
    "registries:designation_new": ("budi", ["registries.designation.save"]),
    "registries:designation_edit": ("budi", ["registries.designation.save"]),
    "registries:event_new": ("budi", ["registries.training.save"]),
    "registries:event_edit": ("budi", ["registries.training.save"]),
    "registries:participant_new": ("budi", ["registries.participant.save"]),
    "registries:participant_edit": ("budi", ["registries.participant.save"]),
    "registries:staff": ("budi", ["registries.staff.save"]),
    "regions:agency_edit": ("sari", ["agency.save"]),
    "regions:agency_new": ("sari", ["agency.save"]),
    "reports:bundle_start": ("sari", ["bundle.request"]),
    "reports:self_assessment": ("sari", ["report.request"]),
    "reports:gap_pdf": ("sari", ["report.request"]),
    "roundtrip:apply": ("sari", []),
    "roundtrip:upload": ("sari", []),
}
# Tables the fingerprint leaves out: reference data no form writes, the log itself, sessions
# and log-in attempts (written by signing in, not by the form under test).
UNWATCHED = {"regions.Region", "audit.AuditEvent", "sessions.Session", "auth.Permission"}


def test_every_write_is_in_the_table() -> None:
    writable = {
        name
        for name, rows in MATRIX.items()
        if name not in NOT_WRITES
        and "POST" in rows
        and {"200", "302"} & set(_cells(rows["POST"]).values())
    }
    assert sorted(writable ^ WRITES.keys()) == []
    for name, (username, _) in WRITES.items():
        assert _cells(MATRIX[name]["POST"])[username] in ("200", "302"), (name, username)


def _fingerprint(files: Path) -> dict[str, str]:
    """A hash of every row of every watched table, and the list of stored files. Read with
    one plain SELECT per table (the ORM's values_list took twice as long: 128 tests do it
    twice)."""
    prints = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            label = model._meta.label
            if label in UNWATCHED or label.startswith("axes."):
                continue
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608 - our tables
            prints[label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    prints["files"] = repr(sorted(str(p) for p in files.rglob("*") if p.is_file()))
    return prints


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(WRITES))
def test_one_audit_row_per_change_and_none_without_it(
    name: str,
    client: Client,
    login: Callable[[str], Client],
    target: Callable[..., Any],
    users: dict[str, Any],
    isolated_file_storage: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    username, actions = WRITES[name]
    person = users[username]
    login(username)
    client.raise_request_exception = False

    with transaction.atomic():
        concrete = target(name, username, "own")  # may write (and audit) what it needs
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = client.post(concrete.url, concrete.data)
        added = list(AuditEvent.objects.filter(id__gt=last).order_by("id"))
        transaction.set_rollback(True)
    assert response.status_code in (200, 302), response.status_code
    assert [e.action for e in added] == actions
    assert {(e.actor_id, e.role) for e in added} <= {(person.pk, person.role)}
    assert all(e.after or e.before for e in added)

    if not actions:
        return

    # The same post when the audit row cannot be written: an error, and nothing kept.
    class NoAudit:
        class objects:  # stands in for the manager
            @staticmethod
            def create(**kwargs: Any) -> None:
                raise DatabaseError("the audit log refuses the row")

    login(username)  # a password change rolled back above took its new session with it
    with transaction.atomic():
        concrete = target(name, username, "own")
        before = _fingerprint(isolated_file_storage)
        monkeypatch.setattr("layak.audit.log.AuditEvent", NoAudit)
        response = client.post(concrete.url, concrete.data)
        monkeypatch.undo()
        after = _fingerprint(isolated_file_storage)
        transaction.set_rollback(True)
    assert response.status_code == 500
    changed = sorted(k for k in before if before[k] != after[k])
    assert changed == [], f"{name}: kept without its audit row: {changed}"
