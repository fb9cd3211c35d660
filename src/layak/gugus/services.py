"""Every write to the task force's records: the policy is checked, the model's rules (clean) run,
and the audit row is written in the same transaction. Input is refused with the core's keyed
InputError (gugus/messages.py), each problem at its field. A stored file is deleted again when the
transaction fails, so a refused or failed save leaves neither a row nor a file behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import stored_snapshot
from layak.conf.refusals import full_clean, refuse
from layak.core.messages import InputError, Problem, msg
from layak.files.inspect import Refused
from layak.files.models import StoredFile
from layak.files.refusals import UploadPath
from layak.files.storage import SavedFiles
from layak.files.uploads import CheckedUpload, Uploader, check_document
from layak.gugus import policy as rules
from layak.gugus.models import (
    ActionItem,
    ActionStatus,
    Decree,
    FundingSource,
    Meeting,
    MeetingDocument,
    Member,
    RadActivity,
    RadBudget,
)
from layak.regions.models import Region
from layak.web.auditing import record_change as audit
from layak.web.stored_write import files_written_with_rows, removed_under_lock

FOLDER = "gugus"

Budgets = Mapping[str, tuple[Decimal | None, Decimal | None]]


def _require_manager(user: User, region_code: str) -> None:
    if not rules.manages(user, region_code):
        raise PermissionDenied


def _check(
    user: User,
    upload: UploadedFile,
    region_code: str,
    field: str,
    path: UploadPath,
    request: HttpRequest | None,
) -> CheckedUpload:
    """The upload judged by content and name; a refusal is audited (outside any write) and
    raised as the field's problem."""
    try:
        return check_document(upload, Uploader(user, path, region_code, request=request))
    except Refused as refusal:
        raise InputError([Problem(refusal.message, column=field)]) from None


def _store(saved: SavedFiles, checked: CheckedUpload, region_code: str, target: StoredFile) -> None:
    """Keep a checked upload under a name the system chooses."""
    folder = f"{FOLDER}/{region_code}/{timezone.localdate().year}"
    target.keep(saved.save(folder, checked.data, checked.kind), checked.safe_name)


# The decree and its members ---------------------------------------------------------------------


def save_decree(
    user: User,
    decree: Decree,
    upload: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Decree:
    _require_manager(user, decree.region_id)
    checked = None
    if upload is not None:
        path = UploadPath.GUGUS_DECREE
        checked = _check(user, upload, decree.region_id, "file", path, request)
    before = stored_snapshot(decree)
    full_clean(decree, exclude=["created_by"])
    with files_written_with_rows("file") as saved:
        if checked is not None:
            _store(saved, checked, decree.region_id, decree)
        if decree.pk is None:
            decree.created_by = user
        decree.save()
        after = decree.snapshot()
        audit("gugus.decree.save", user, decree, decree.region_id, before, after, request)
    return decree


def save_member(user: User, member: Member, request: HttpRequest | None = None) -> Member:
    """Add or change a member; a member who leaves gets an end date and stays on record."""
    region_code = member.decree.region_id
    _require_manager(user, region_code)
    before = stored_snapshot(member)
    full_clean(member)
    with transaction.atomic():
        member.save()
        after = {**member.snapshot(), "decree": member.decree_id}
        audit("gugus.member.save", user, member, region_code, before, after, request)
    return member


def current_decree(region: Region | str, day: Any = None) -> Decree | None:
    today = day or timezone.localdate()
    code = region if isinstance(region, str) else region.code
    decrees = Decree.objects.filter(region_id=code, valid_from__lte=today)
    return decrees.exclude(valid_until__lt=today).order_by("-valid_from", "-id").first()


# Meetings ---------------------------------------------------------------------------------------


def save_meeting(
    user: User,
    meeting: Meeting,
    attendees: Iterable[Member],
    request: HttpRequest | None = None,
) -> Meeting:
    _require_manager(user, meeting.region_id)
    present = list(attendees)
    if any(m.decree.region_id != meeting.region_id for m in present):
        raise InputError([Problem(msg("gugus.attendee_elsewhere"), column="attendees")])
    before = None
    if meeting.pk:
        old = Meeting.objects.get(pk=meeting.pk)
        before = {**old.snapshot(), "attendees": sorted(old.attendees.values_list("pk", flat=True))}
    full_clean(meeting, exclude=["created_by"])
    with transaction.atomic():
        if meeting.pk is None:
            meeting.created_by = user
        meeting.save()
        meeting.attendees.set(present)
        after = {**meeting.snapshot(), "attendees": sorted(m.pk for m in present)}
        audit("gugus.meeting.save", user, meeting, meeting.region_id, before, after, request)
    return meeting


def add_meeting_document(
    user: User,
    meeting: Meeting,
    upload: UploadedFile | None,
    title: str,
    request: HttpRequest | None = None,
) -> MeetingDocument:
    _require_manager(user, meeting.region_id)
    problems: list[Problem] = []
    if not title.strip():
        problems.append(Problem(msg("gugus.document_title_required"), column="title"))
    if upload is None:
        problems.append(Problem(msg("gugus.document_file_required"), column="file"))
    document = MeetingDocument(meeting=meeting, title=title.strip()[:200], uploaded_by=user)
    checked = None
    if upload is not None:
        path = UploadPath.GUGUS_MEETING
        try:
            checked = _check(user, upload, meeting.region_id, "file", path, request)
        except InputError as refused:
            problems.extend(refused.problems)
    refuse(problems)
    assert checked is not None  # noqa: S101 - an upload is required above
    with files_written_with_rows("file") as saved:
        _store(saved, checked, meeting.region_id, document)
        document.save()
        after = document.snapshot()
        audit("gugus.meeting.document", user, meeting, meeting.region_id, None, after, request)
    return document


def remove_meeting_document(
    user: User, document: MeetingDocument, request: HttpRequest | None = None
) -> None:
    """A removed document is kept for the meeting's history but no longer listed or served;
    removing it twice changes nothing."""
    meeting = document.meeting
    _require_manager(user, meeting.region_id)
    with transaction.atomic():
        snapshots = removed_under_lock(document, user)
        if snapshots is None:
            return
        before, after = snapshots
        region = meeting.region_id
        audit("gugus.meeting.document_remove", user, meeting, region, before, after, request)


# Action items -----------------------------------------------------------------------------------


def save_action(user: User, action: ActionItem, request: HttpRequest | None = None) -> ActionItem:
    action.region_id = action.meeting.region_id
    _require_manager(user, action.region_id)
    before = stored_snapshot(action)
    full_clean(action, exclude=["updated_by", "region"])
    with transaction.atomic():
        action.updated_by, action.updated_at = user, timezone.now()
        action.save()
        audit(
            "gugus.action.save", user, action, action.region_id, before, action.snapshot(), request
        )
    return action


def set_action_status(
    user: User,
    action: ActionItem,
    status: str,
    note: str | None = None,
    request: HttpRequest | None = None,
) -> ActionItem:
    """The officer of the responsible agency (or the secretariat) reports progress."""
    if not rules.updates_status(user, action.region_id, action.agency_id):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise InputError([Problem(msg("gugus.action_unknown_status"), column="status")])
    with transaction.atomic():
        locked = ActionItem.objects.select_for_update().get(pk=action.pk)
        before = locked.snapshot()
        locked.status = status
        if note is not None:
            locked.note = note.strip()
        locked.updated_by, locked.updated_at = user, timezone.now()
        locked.save(update_fields=["status", "note", "updated_by", "updated_at"])
        audit(
            "gugus.action.status",
            user,
            locked,
            locked.region_id,
            before,
            locked.snapshot(),
            request,
        )
    return locked


# The action plan (RAD KLA) ----------------------------------------------------------------------


def save_rad_activity(
    user: User, activity: RadActivity, budgets: Budgets, request: HttpRequest | None = None
) -> RadActivity:
    """Save an activity with its budget per source (planned, realised); a source with neither
    is removed from the activity, so the activity's budget is exactly what was given."""
    _require_manager(user, activity.region_id)
    before = stored_snapshot(activity)
    full_clean(activity, exclude=["updated_by"])
    errors: dict[str, str] = {}  # field → key
    for source, (planned, realised) in budgets.items():
        if source not in FundingSource.values:
            errors["budgets"] = "gugus.rad_unknown_source"
        elif realised is not None and planned is None:
            errors[f"planned_{source}"] = "gugus.rad_realised_without_plan"
    if not any(planned for planned, _realised in budgets.values()):
        errors[f"planned_{FundingSource.APBD}"] = "gugus.rad_budget_required"
    refuse(Problem(msg(key), column=field) for field, key in errors.items())
    with transaction.atomic():
        activity.updated_by, activity.updated_at = user, timezone.now()
        activity.save()
        kept = []
        for source, (planned, realised) in budgets.items():
            if planned is None:
                continue
            line, _created = RadBudget.objects.update_or_create(
                activity=activity,
                source=source,
                defaults={"planned": planned, "realised": realised},
            )
            kept.append(line)
        activity.budgets.exclude(pk__in=[b.pk for b in kept]).delete()
        after = activity.snapshot(kept)
        audit("gugus.rad.save", user, activity, activity.region_id, before, after, request)
    return activity
