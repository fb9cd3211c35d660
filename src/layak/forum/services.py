"""Every write of Forum Anak data: checked against the rules in `layak.forum.policy`, validated by
the model (`full_clean`, one source per rule) or the core's aspiration flow, refused with the
core's keyed InputError, and audited in the same transaction. A child member's audit rows name
ids and the fields that changed, never values: a nickname must not outlive the child's consent
in the log.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from layak.accounts.models import User
from layak.audit.log import locked_snapshot, record
from layak.conf.refusals import full_clean, refuse
from layak.core import aspirations as flow
from layak.core.messages import InputError, Problem, msg
from layak.files.inspect import JPEG, PDF, PNG, Refused
from layak.files.refusals import UploadPath
from layak.files.uploads import CheckedUpload, Uploader, check_document
from layak.forum import policy as rules
from layak.forum.models import (
    AgeBand,
    Aspiration,
    AspirationStep,
    ChildMember,
    Facilitator,
    ForumAccount,
    ForumGroup,
    GuardianConsent,
)
from layak.notices.models import Kind
from layak.notices.services import notify
from layak.regions.models import Agency, Region
from layak.web.stored_write import files_written_with_rows

FOLDER = "forum-anak"
DECREE_KINDS = (PDF, PNG, JPEG)


def _changed(before: dict[str, Any] | None, after: dict[str, Any]) -> list[str]:
    return sorted(k for k, v in after.items() if before is None or before.get(k) != v)


# Forums and their decree ------------------------------------------------------------------


def _record_saved(
    action: str,
    object_type: str,
    user: User,
    saved: ForumGroup | Facilitator,
    region_code: str,
    before: dict[str, Any] | None,
    request: HttpRequest | None,
) -> None:
    """The audit row of a forum or a facilitator saved: its row before and after."""
    record(
        action,
        actor=user,
        object_type=object_type,
        object_id=saved.pk,
        region_code=region_code,
        before=before,
        after=saved.snapshot(),
        request=request,
    )


def save_forum(
    user: User,
    forum: ForumGroup,
    *,
    decree: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> ForumGroup:
    if forum.region_id:
        forum.city_id = forum.region_id[:5]
    if not forum.city_id or not rules.manages(user, forum.city_id):
        raise PermissionDenied
    checked: CheckedUpload | None = None
    if decree is not None:
        by = Uploader(user, UploadPath.FORUM_DECREE, forum.city_id, request=request)
        try:
            checked = check_document(
                decree, by, kinds=DECREE_KINDS, wrong_kind=msg("forum.decree_kind")
            )
        except Refused as refusal:
            raise InputError([Problem(refusal.message, column="decree")]) from None
    full_clean(forum)
    with files_written_with_rows("decree") as saved:
        before = locked_snapshot(forum)
        if checked is not None:
            file = saved.save(f"{FOLDER}/{forum.city_id}", checked.data, checked.kind)
            forum.sk_file, forum.sk_file_size = file.stored_name, file.size
        forum.save()
        _record_saved("forum.save", "forum_anak", user, forum, forum.city_id, before, request)
    return forum


def link_account(user: User, account_user: User, forum: ForumGroup) -> ForumAccount:
    if not rules.manages(user, forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        account, _created = ForumAccount.objects.update_or_create(
            user=account_user, defaults={"forum": forum}
        )
        record(
            "forum.account",
            actor=user,
            object_type="forum_account",
            object_id=account.pk,
            region_code=forum.city_id,
            after={"user": account_user.pk, "forum": forum.pk},
        )
    return account


# Child members and consent ---------------------------------------------------------------


def _member_event(
    action: str,
    user: User,
    member: ChildMember,
    changed: list[str],
    request: HttpRequest | None,
) -> None:
    record(
        action,
        actor=user,
        object_type="forum_member",
        object_id=member.pk,
        region_code=member.forum.city_id,
        after={"member": member.pk, "forum": member.forum_id, "changed": changed},
        request=request,
    )


def _save_consent(user: User, member: ChildMember, consent: GuardianConsent) -> None:
    """A guardian's consent, recorded by `user` for the member, as the model's rules allow."""
    consent.member, consent.recorded_by = member, user
    full_clean(consent)
    consent.save()


def add_member(
    user: User,
    member: ChildMember,
    *,
    consent: GuardianConsent | None,
    active: bool,
    request: HttpRequest | None = None,
) -> ChildMember:
    """Add a child; active only with a guardian's consent on record (ChildMember.clean)."""
    if not rules.manages(user, member.forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        member.active = False
        full_clean(member)
        member.save()
        changed = ["nickname", "age_band", "kelurahan", "role"]
        if consent is not None:
            _save_consent(user, member, consent)
            changed.append("consent")
        if active:
            member.active = True
            full_clean(member)
            member.save(update_fields=["active"])
            changed.append("active")
        _member_event("forum.member.add", user, member, changed, request)
    return member


def update_member(
    user: User, member: ChildMember, *, request: HttpRequest | None = None
) -> ChildMember:
    """Save the edited member (nickname, age band, kelurahan, role, active)."""
    if not rules.manages(user, member.forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        stored = ChildMember.objects.select_for_update().get(pk=member.pk)
        before = {**stored.snapshot(), "nickname": stored.nickname}
        full_clean(member)
        member.save()
        changed = _changed(before, {**member.snapshot(), "nickname": member.nickname})
        _member_event("forum.member.save", user, member, changed, request)
    return member


def record_consent(
    user: User, member: ChildMember, consent: GuardianConsent, request: HttpRequest | None = None
) -> GuardianConsent:
    """Consent for a member who had none yet (a withdrawn consent is final: add anew)."""
    if not rules.manages(user, member.forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        if GuardianConsent.objects.filter(member=member).exists():
            raise InputError([Problem(msg("forum.consent_on_record"), column="relation")])
        _save_consent(user, member, consent)
        _member_event("forum.consent.add", user, member, ["consent"], request)
    return consent


def withdraw_consent(
    user: User, member: ChildMember, on: date | None = None, request: HttpRequest | None = None
) -> ChildMember:
    """The guardian withdraws consent: the member is deactivated and the nickname erased."""
    if not rules.manages(user, member.forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        consent = GuardianConsent.objects.select_for_update().filter(member=member).first()
        if consent is None or consent.withdrawn_on is not None:
            raise InputError([Problem(msg("forum.no_consent_in_force"), column="withdrawn_on")])
        consent.withdrawn_on = on or timezone.localdate()
        full_clean(consent)
        consent.save(update_fields=["withdrawn_on"])
        member.active, member.nickname = False, ""
        member.save(update_fields=["active", "nickname"])
        _member_event(
            "forum.consent.withdraw", user, member, ["active", "consent", "nickname"], request
        )
    return member


def save_facilitator(
    user: User, facilitator: Facilitator, request: HttpRequest | None = None
) -> Facilitator:
    if not rules.manages(user, facilitator.forum.city_id):
        raise PermissionDenied
    with transaction.atomic():
        before = locked_snapshot(facilitator)
        full_clean(facilitator)
        facilitator.save()
        region = facilitator.forum.city_id
        action = "forum.facilitator.save"
        _record_saved(action, "forum_facilitator", user, facilitator, region, before, request)
    return facilitator


# Aspirations -----------------------------------------------------------------------------


def submit_aspiration(
    user: User,
    forum: ForumGroup,
    *,
    topic: str,
    text: str,
    place: Region | None,
    on_behalf: bool,
    submitted_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Aspiration:
    """A child (through the forum's account) or the secretariat for the forum sends one;
    `submitted_at` dates one written down earlier (on paper at a forum meeting)."""
    own = rules.forum_of(user)
    if not ((own is not None and own.pk == forum.pk) or rules.manages(user, forum.city_id)):
        raise PermissionDenied
    refuse(flow.text_problems(text))
    now = submitted_at or timezone.now()
    aspiration = Aspiration(
        forum=forum,
        city_id=forum.city_id,
        topic=topic,
        text=text.strip(),
        place=place,
        on_behalf=on_behalf,
        submitted_by=user,
        submitted_at=now,
    )
    if place is not None and not place.code.startswith(f"{forum.city_id}."):
        raise InputError([Problem(msg("forum.place_elsewhere"), column="place")])
    full_clean(aspiration)
    with transaction.atomic():
        aspiration.save()
        AspirationStep.objects.create(
            aspiration=aspiration,
            status=flow.Status.RECEIVED.value,
            on=timezone.localdate(now),
            recorded_by=user,
            recorded_at=now,
        )
        record(
            "forum.aspiration.submit",
            actor=user,
            object_type="aspiration",
            object_id=aspiration.pk,
            region_code=forum.city_id,
            after={**aspiration.snapshot(), "length": len(aspiration.text)},
            request=request,
        )
    return aspiration


def record_paper_aspiration(
    user: User,
    forum: ForumGroup,
    *,
    topic: str,
    text: str,
    place: Region | None,
    written_on: date,
    child_agreed: bool,
    request: HttpRequest | None = None,
) -> Aspiration:
    """An aspiration a child wrote on paper (at a forum meeting, in a box at school), entered by
    the secretariat: sent by the forum on the children's behalf, dated the day it was written,
    and only with the child's agreement that it be passed on. No child is named: the record has
    no field for one, as for any aspiration."""
    if not rules.manages(user, forum.city_id):
        raise PermissionDenied
    problems = []
    if not child_agreed:
        problems.append(Problem(msg("forum.paper_consent_required"), column="child_agreed"))
    if written_on > timezone.localdate():
        problems.append(Problem(msg("forum.paper_date_future"), column="written_on"))
    problems.extend(flow.text_problems(text))
    refuse(problems)
    # Noon of the day written: the same date in WIB, WITA and WIT alike.
    written_at = timezone.make_aware(datetime.combine(written_on, time(12)))
    return submit_aspiration(
        user,
        forum,
        topic=topic,
        text=text,
        place=place,
        on_behalf=True,
        submitted_at=written_at,
        request=request,
    )


def add_step(
    user: User,
    aspiration: Aspiration,
    step: flow.Step,
    *,
    note: str = "",
    request: HttpRequest | None = None,
) -> AspirationStep:
    """Move an aspiration one step through the planning cycle (the secretariat only)."""
    if not rules.manages(user, aspiration.city_id):
        raise PermissionDenied
    agency = None
    if step.agency:
        agency = Agency.objects.filter(pk=step.agency, region_id=aspiration.city_id).first()
        if agency is None:
            raise InputError([Problem(msg("aspiration.agency_required"), column="agency")])
    with transaction.atomic():
        current = Aspiration.objects.select_for_update().get(pk=aspiration.pk)
        last = current.steps.order_by("-on", "-pk").first()
        today = timezone.localdate()
        refuse(flow.step_problems(current.status_enum, last.on if last else None, step, today))
        assert step.on is not None  # noqa: S101 - refused above otherwise
        before = current.snapshot()
        new = flow.Status(step.status)
        current.status = new.value
        if new is flow.Status.DISCUSSED:
            current.musrenbang_level, current.musrenbang_on = step.musrenbang_level, step.on
        elif new is flow.Status.ACCEPTED:
            current.outcome_kind = step.outcome_kind
            current.outcome_name = step.outcome_name.strip()
            current.agency, current.accepted_on = agency, step.on
        elif new is flow.Status.DECLINED:
            current.decline_reason = step.reason.strip()
        else:
            current.done_on = step.on
        current.save()
        saved = AspirationStep.objects.create(
            aspiration=current,
            status=new.value,
            on=step.on,
            note=note.strip(),
            musrenbang_level=step.musrenbang_level if new is flow.Status.DISCUSSED else "",
            outcome_kind=current.outcome_kind if new is flow.Status.ACCEPTED else "",
            outcome_name=current.outcome_name if new is flow.Status.ACCEPTED else "",
            agency=agency if new is flow.Status.ACCEPTED else None,
            reason=current.decline_reason if new is flow.Status.DECLINED else "",
            recorded_by=user,
            recorded_at=timezone.now(),
        )
        record(
            "forum.aspiration.step",
            actor=user,
            object_type="aspiration",
            object_id=current.pk,
            region_code=current.city_id,
            before=before,
            after={**current.snapshot(), "on": step.on.isoformat(), "note": saved.note},
            request=request,
        )
        _tell_child(user, current, saved)
    aspiration.refresh_from_db()
    return saved


def _tell_child(user: User, aspiration: Aspiration, step: AspirationStep) -> None:
    """The forum's accounts read their aspiration's step in words for a child
    (layak.notices.texts); the step's note for the staff is not in it."""
    accounts = User.objects.filter(forum_account__forum_id=aspiration.forum_id)
    notify(
        accounts,
        Kind.ASPIRATION_STEP,
        url=reverse("forum:mine"),
        params={
            "topic": str(aspiration.get_topic_display()),
            "status": step.status,
            "agency": step.agency.name if step.agency is not None else "",
        },
        actor=user,
    )


# Figures ---------------------------------------------------------------------------------


def accepted_items(city_code: str) -> list[flow.Accepted]:
    rows = Aspiration.objects.filter(
        city_id=city_code,
        status__in=(flow.Status.ACCEPTED.value, flow.Status.DONE.value),
        accepted_on__isnull=False,
    ).values_list("accepted_on", "outcome_kind", "outcome_name")
    return [
        flow.Accepted(on.year, flow.OutcomeKind(kind), name)
        for on, kind, name in rows
        if on is not None
    ]


def input_counts(city_code: str) -> dict[int, dict[flow.OutcomeKind, int]]:
    """Regulations, programmes and activities that took children's input, per year."""
    return flow.counts_by_year(accepted_items(city_code))


def member_counts(city_code: str) -> list[dict[str, Any]]:
    """Active members per forum by age band: counts only, never who."""
    bands = [value for value, _label in AgeBand.choices]
    forums = (
        ForumGroup.objects.filter(city_id=city_code)
        .select_related("region")
        .annotate(
            total=Count("members", filter=Q(members__active=True)),
            **{
                f"band_{i}": Count("members", filter=Q(members__active=True, members__age_band=b))
                for i, b in enumerate(bands)
            },
        )
    )
    labels = [label for _value, label in AgeBand.choices]
    rows = []
    for forum in forums:
        counts = [getattr(forum, f"band_{i}") for i in range(len(bands))]
        rows.append(
            {
                "forum": forum,
                "total": forum.total,  # type: ignore[attr-defined]
                "bands": counts,
                "cells": list(zip(labels, counts, strict=True)),
            }
        )
    return rows
