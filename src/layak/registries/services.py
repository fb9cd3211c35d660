"""Every write to the registries: the policy is checked, the model's rules (clean) run, and the
audit row is written in the same transaction. Input is refused with the core's keyed InputError
(registries/messages.py), each problem at its field. A stored file is deleted again when the
transaction fails, so a refused save leaves neither a row nor a file behind.
"""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import locked_snapshot, stored_snapshot
from layak.conf.refusals import full_clean
from layak.core.messages import InputError, Problem, msg
from layak.files.inspect import Refused, safe_original_name
from layak.files.refusals import UploadPath
from layak.files.uploads import CheckedUpload, Uploader, check_document
from layak.registries import policy as access
from layak.registries.models import (
    AgencyStaff,
    Designation,
    Institution,
    Participant,
    TrainingEvent,
)
from layak.web.auditing import record_change
from layak.web.stored_write import files_written_with_rows

FOLDER = "registri"


# Every row is audited under the app's name: "registries.<action>" on "registries.<model>".
_audit = partial(record_change, prefix="registries.")


def _check_file(
    user: User,
    upload: UploadedFile | None,
    region_code: str,
    path: UploadPath,
    request: HttpRequest | None,
) -> CheckedUpload | None:
    """The upload judged by content and name; a refusal is audited (outside any write) and
    raised as the field "file"'s problem."""
    if upload is None:
        return None
    try:
        return check_document(upload, Uploader(user, path, region_code, request=request))
    except Refused as refusal:
        name = safe_original_name(upload.name or "")
        refused = msg("registries.file_refused", name=name, rule=refusal.message)
        raise InputError([Problem(refused, column="file")]) from None


def _save_with_file(
    user: User,
    record: Designation | Participant,
    region: str,
    upload: UploadedFile | None,
    path: UploadPath,
    action: str,
    request: HttpRequest | None,
    *,
    exclude: tuple[str, ...] = (),
    problems: tuple[Problem, ...] = (),
) -> None:
    """The record's own rules, the caller's other `problems` and the upload's, in one refusal;
    then the record, its file and the audit row together (a file is kept only if all are)."""
    found: list[Problem] = []
    try:
        full_clean(record, exclude=list(exclude))
    except InputError as error:
        found.extend(error.problems)
    found.extend(problems)
    checked = None
    try:
        checked = _check_file(user, upload, region, path, request)
    except InputError as error:
        found.extend(error.problems)
    if found:
        raise InputError(found)
    before = stored_snapshot(record)
    with files_written_with_rows("file") as saved:
        if checked is not None:
            folder = f"{FOLDER}/{region}/{timezone.localdate().year}"
            record.keep(saved.save(folder, checked.data, checked.kind), checked.safe_name)
        record.save()
        _audit(action, user, record, region, before, record.snapshot(), request)


def save_institution(
    user: User, institution: Institution, request: HttpRequest | None = None
) -> Institution:
    """Create or change an institution of a kind the user keeps (and, when changing, keeps the
    kind it had: an officer cannot move a school into his own kinds)."""
    region = institution.region_id
    before_row = Institution.objects.filter(pk=institution.pk).first() if institution.pk else None
    if before_row is not None and not access.may_change(user, before_row):
        raise PermissionDenied
    if not access.keeps_kind(user, region, institution.kind):
        raise PermissionDenied
    full_clean(institution)
    with transaction.atomic():
        before = locked_snapshot(institution)
        institution.save()
        _audit(
            "institution.save", user, institution, region, before, institution.snapshot(), request
        )
    return institution


def save_designation(
    user: User,
    designation: Designation,
    upload: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Designation:
    institution = designation.institution
    if not access.may_change(user, institution):
        raise PermissionDenied
    region = institution.region_id
    if designation.pk is None:
        designation.created_by = user
    _save_with_file(
        user,
        designation,
        region,
        upload,
        UploadPath.REGISTRY,
        "designation.save",
        request,
        exclude=("created_by",),
    )
    return designation


def save_event(
    user: User, event: TrainingEvent, request: HttpRequest | None = None
) -> TrainingEvent:
    region = event.region_id
    if event.pk is None:
        if not access.records_training(user, region):
            raise PermissionDenied
        event.created_by = user
    else:
        stored = TrainingEvent.objects.get(pk=event.pk)
        if not access.may_change_event(user, stored):
            raise PermissionDenied
    full_clean(event, exclude=["created_by"])
    with transaction.atomic():
        before = locked_snapshot(event)
        event.save()
        _audit("training.save", user, event, region, before, event.snapshot(), request)
    return event


def save_participant(
    user: User,
    participant: Participant,
    upload: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Participant:
    """A participant of the user's own agency (an officer) or of any agency of the region (the
    secretariat); the certificate is judged by content like every upload."""
    region = participant.event.region_id
    if participant.pk:
        stored = Participant.objects.get(pk=participant.pk)
        if not access.records_agency(user, region, stored.agency_id):
            raise PermissionDenied
    not_yours: tuple[Problem, ...] = ()
    if participant.agency_id and not access.records_agency(user, region, participant.agency_id):
        not_yours = (Problem(msg("registries.agency_not_yours"), column="agency"),)
    _save_with_file(
        user,
        participant,
        region,
        upload,
        UploadPath.CERTIFICATE,
        "participant.save",
        request,
        problems=not_yours,
    )
    return participant


def save_staff_count(
    user: User, staff: AgencyStaff, request: HttpRequest | None = None
) -> AgencyStaff:
    """The staff count of an agency in a year: one row per agency and year, updated in place."""
    region = staff.agency.region_id
    if not access.records_agency(user, region, staff.agency_id):
        raise InputError([Problem(msg("registries.agency_not_yours"), column="agency")])
    full_clean(staff)
    with transaction.atomic():
        row, created = AgencyStaff.objects.select_for_update().get_or_create(
            agency=staff.agency, year=staff.year, defaults={"count": staff.count}
        )
        before = None if created else row.snapshot()
        if not created and row.count != staff.count:
            row.count = staff.count
            row.save(update_fields=["count"])
        if created or before != row.snapshot():
            _audit("staff.save", user, row, region, before, row.snapshot(), request)
    return row
