"""Every write to stakeholder records: checked against the object rules and the model's own
rules, audited in the same transaction, refused whole (the core's keyed InputError, each problem
at its field) when anything is wrong.

Files come in through layak.files (judged by content, stored under names Layak chooses); a file
already written is deleted again when the database transaction fails.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import locked_snapshot
from layak.audit.log import record as audit
from layak.conf.refusals import full_clean, refuse
from layak.core.messages import InputError, Problem, msg
from layak.files.inspect import Refused, safe_original_name
from layak.files.refusals import UploadPath
from layak.files.storage import SavedFiles
from layak.files.uploads import CheckedUpload, Uploader, check_document
from layak.mitra import policy as access
from layak.mitra.models import (
    Commitment,
    Contribution,
    Document,
    Organisation,
    StakeholderAccount,
    Status,
)
from layak.mitra.policy import Record
from layak.notices.models import Kind
from layak.notices.services import notify, person_name
from layak.web.stored_write import files_written_with_rows, removed_under_lock

FOLDER = "mitra"
MAX_FILES = 10


def save_organisation(
    user: User,
    organisation: Organisation,
    *,
    account: Any = None,
    request: HttpRequest | None = None,
) -> Organisation:
    """Create or update an organisation (the secretariat's), optionally linking one stakeholder
    account to it; `account=None` leaves the links as they are."""
    if not access.manages(user, organisation):
        raise PermissionDenied
    full_clean(organisation)
    with transaction.atomic():
        before = locked_snapshot(organisation)
        organisation.save()
        after = organisation.snapshot()
        if account is not None:
            StakeholderAccount.objects.update_or_create(
                user=account, defaults={"organisation": organisation}
            )
            after["account"] = account.get_username()
        audit(
            "mitra.organisation.save",
            actor=user,
            object_type="mitra.organisation",
            object_id=organisation.pk,
            region_code=organisation.region_id,
            before=before,
            after=after,
            request=request,
        )
    return organisation


def check_files(
    uploads: list[UploadedFile],
    *,
    user: User | None = None,
    region_code: str = "",
    request: HttpRequest | None = None,
) -> list[CheckedUpload]:
    """Every file read and inspected; all refusals reported at once under the field "berkas",
    each audited once (outside any write, so the event stays when the write is refused)."""
    by = Uploader(user, UploadPath.MITRA, region_code, request=request)
    if len(uploads) > MAX_FILES:
        too_many = msg("evidence.too_many_files", count=len(uploads), limit=MAX_FILES)
        by.refused(too_many.key, f"{len(uploads)} berkas")
        raise InputError([Problem(too_many, column="berkas")])
    checked, problems = [], []
    for upload in uploads:
        try:
            checked.append(check_document(upload, by))
        except Refused as refusal:
            name = safe_original_name(upload.name or "")
            refused = msg("mitra.file_refused", name=name, rule=refusal.message)
            problems.append(Problem(refused, column="berkas"))
    refuse(problems)
    return checked


def store_documents(
    user: User,
    owner: Record,
    checked: list[CheckedUpload],
    saved: SavedFiles,
    request: HttpRequest | None,
) -> None:
    region = owner.organisation.region_id
    for upload in checked:
        document = Document(
            commitment=owner if isinstance(owner, Commitment) else None,
            contribution=owner if isinstance(owner, Contribution) else None,
            uploaded_by=user,
        )
        document.keep(saved.save(f"{FOLDER}/{region}", upload.data, upload.kind), upload.safe_name)
        document.save()
        _audit_record("document_add", user, owner, after=document.snapshot(), request=request)


def _kind(record: Record) -> str:
    return "commitment" if isinstance(record, Commitment) else "contribution"


def _audit_record(
    event: str,
    user: User,
    record: Record,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any],
    request: HttpRequest | None,
) -> None:
    """The audit row of a change to a commitment or contribution, or to its files: every such
    row is on the record, in its organisation's region."""
    audit(
        f"mitra.{_kind(record)}.{event}",
        actor=user,
        object_type=f"mitra.{_kind(record)}",
        object_id=record.pk,
        region_code=record.organisation.region_id,
        before=before,
        after=after,
        request=request,
    )


def save_record(
    user: User,
    record: Record,
    uploads: list[UploadedFile] | None = None,
    *,
    request: HttpRequest | None = None,
) -> Record:
    """Create or update a commitment or contribution with its new files.

    A stakeholder's change waits for the secretariat again (even after a return); a record the
    secretariat enters or changes itself is confirmed by that act.
    """
    organisation = record.organisation
    existing = type(record).objects.filter(pk=record.pk).first() if record.pk else None
    if existing is not None:
        if existing.organisation_id != organisation.pk or not access.may_edit(user, existing):
            raise PermissionDenied
    elif not access.may_add(user, organisation):
        raise PermissionDenied
    if record.pk is None:
        record.created_by = user
    problems: list[Problem] = []
    try:
        full_clean(record)
    except InputError as error:
        problems.extend(error.problems)
    checked: list[CheckedUpload] = []
    try:
        region = organisation.region_id
        checked = check_files(uploads or [], user=user, region_code=region, request=request)
    except InputError as error:
        problems.extend(error.problems)
    refuse(problems)
    now = timezone.now()
    with files_written_with_rows("berkas") as saved:
        before = None
        if record.pk:
            locked = type(record).objects.select_for_update().get(pk=record.pk)
            if not access.may_edit(user, locked):  # confirmed since the form was opened
                raise PermissionDenied
            before = locked.snapshot()
            record.status = locked.status
        if access.manages(user, organisation):
            if record.status != Status.CONFIRMED:
                record.status, record.reviewed_by, record.reviewed_at = (
                    Status.CONFIRMED,
                    user,
                    now,
                )
        else:
            record.status = Status.PENDING
        record.updated_at = now
        record.save()
        after = record.snapshot()
        _audit_record("save", user, record, before=before, after=after, request=request)
        store_documents(user, record, checked, saved, request)
    return record


def review(
    user: User,
    record: Record,
    *,
    confirm: bool,
    note: str = "",
    request: HttpRequest | None = None,
) -> Record:
    """The secretariat confirms a record (it then counts) or returns it with a note."""
    if not access.may_review(user, record):
        raise PermissionDenied
    note = note.strip()
    if not confirm and not note:
        raise InputError([Problem(msg("mitra.return_note_required"), column="note")])
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        before = locked.snapshot()
        locked.status = Status.CONFIRMED if confirm else Status.RETURNED
        locked.review_note = note
        locked.reviewed_by, locked.reviewed_at = user, timezone.now()
        locked.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
        event = "confirm" if confirm else "return"
        _audit_record(event, user, locked, before=before, after=locked.snapshot(), request=request)
        _tell_reviewed(user, locked, confirm)
    return locked


def _tell_reviewed(user: User, record: Record, confirmed: bool) -> None:
    """The organisation's stakeholder accounts learn that their record counts, or why not."""
    accounts = User.objects.filter(stakeholder_account__organisation_id=record.organisation_id)
    kind = Kind.CONTRIBUTION_CONFIRMED if confirmed else Kind.CONTRIBUTION_RETURNED
    notify(
        accounts,
        kind,
        url=reverse(f"mitra:{_kind(record)}", args=[record.pk]),
        params={"who": person_name(user), "title": str(record), "note": record.review_note},
        actor=user,
    )


def remove_document(user: User, document: Document, request: HttpRequest | None = None) -> None:
    """A removed file is kept for the history but no longer served or counted."""
    owner = document.owner
    if not access.may_edit(user, owner):
        raise PermissionDenied
    with transaction.atomic():
        snapshots = removed_under_lock(document, user)
        if snapshots is None:
            return
        before, after = snapshots
        _audit_record("document_remove", user, owner, before=before, after=after, request=request)


def may_download(user: User, document: Document) -> bool:
    return document.removed_at is None and access.sees_record(user, document.owner)
