"""`layak apply-retention`: delete what is past its retention period (periods in settings,
documented in docs/operations.md), each deletion recorded in the audit log in the same
transaction. The audit log itself is never deleted: its rows are immutable.

A child member's age is known only as a band (10–12, 13–15, 16–17) set on a known day, so the
day they are surely 18 is that day plus 18 minus the band's lower bound, in years.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layak.audit.log import record
from layak.audit.models import AuditEvent
from layak.forum.models import ChildMember
from layak.profil.models import FINISHED, ProfilImport
from layak.reports.models import KEEP_FOR, BundleStatus, EvidenceBundle, ReportJob

ACTOR = "layak apply-retention"


@dataclass
class Outcome:
    rule: str
    description: str
    cutoff: str
    count: int = 0
    ids: list[str] = field(default_factory=list)


def plus_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _bulk(
    rule: str,
    description: str,
    cutoff: datetime,
    queryset: models.QuerySet[Any],
    dry_run: bool,
) -> Outcome:
    """Rows deleted by count only: their ids (session keys among them) are not logged."""
    outcome = Outcome(rule, description, cutoff.isoformat(), queryset.count())
    if dry_run or not outcome.count:
        return outcome
    with transaction.atomic():
        queryset.delete()
        record(
            "retention.delete",
            actor_name=ACTOR,
            object_type=rule,
            after={"count": outcome.count, "before": outcome.cutoff},
        )
    return outcome


def sessions(now: datetime, dry_run: bool) -> Outcome:
    return _bulk(
        "session",
        "sesi yang sudah kedaluwarsa",
        now,
        Session.objects.filter(expire_date__lt=now),
        dry_run,
    )


def task_rows(now: datetime, dry_run: bool) -> Outcome:
    cutoff = now - timedelta(days=settings.LAYAK_RETENSI_TUGAS_HARI)
    finished = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    )
    return _bulk("task_result", "baris tugas latar yang sudah selesai", cutoff, finished, dry_run)


def access_records(now: datetime, dry_run: bool) -> list[Outcome]:
    from axes.models import (  # type: ignore[import-untyped]
        AccessAttempt,
        AccessFailureLog,
        AccessLog,
    )

    cutoff = now - timedelta(days=settings.LAYAK_RETENSI_AKSES_HARI)
    return [
        _bulk(
            f"axes.{model.__name__.lower()}",
            f"catatan akses django-axes ({model.__name__})",
            cutoff,
            model.objects.filter(attempt_time__lt=cutoff),
            dry_run,
        )
        for model in (AccessAttempt, AccessFailureLog, AccessLog)
    ]


def _stored_files(
    rule: str,
    description: str,
    cutoff: datetime,
    queryset: models.QuerySet[Any],
    blank: dict[str, Any],
    dry_run: bool,
) -> Outcome:
    """Files whose rows stay as history: the file goes, the row forgets its name."""
    rows = list(queryset.values_list("pk", "stored_name"))
    outcome = Outcome(rule, description, cutoff.isoformat(), len(rows), [str(r[0]) for r in rows])
    if dry_run or not rows:
        return outcome
    with transaction.atomic():
        queryset.model.objects.filter(pk__in=[r[0] for r in rows]).update(**blank)
        for pk, _name in rows:
            record("retention.delete", actor_name=ACTOR, object_type=rule, object_id=pk)
        names = [name for _pk, name in rows]

        def delete_files() -> None:  # only once the rows no longer point at them
            for name in names:
                default_storage.delete(name)

        transaction.on_commit(delete_files)
    return outcome


def _expired_outputs(
    model: type[EvidenceBundle] | type[ReportJob],
    rule: str,
    description: str,
    now: datetime,
    dry_run: bool,
) -> Outcome:
    """A made file (evidence bundle, report) older than KEEP_FOR: the file goes, its job is
    marked expired. Both kinds of job share the statuses (BundleStatus)."""
    cutoff = now - KEEP_FOR
    done = model.objects.filter(status=BundleStatus.DONE, finished_at__lt=cutoff).exclude(
        stored_name=""
    )
    blank = {"status": BundleStatus.EXPIRED, "stored_name": ""}
    return _stored_files(rule, description, cutoff, done, blank, dry_run)


def bundle_files(now: datetime, dry_run: bool) -> Outcome:
    return _expired_outputs(EvidenceBundle, "bundle", "ZIP bundel bukti dukung", now, dry_run)


def report_files(now: datetime, dry_run: bool) -> Outcome:
    return _expired_outputs(ReportJob, "report", "PDF laporan wilayah", now, dry_run)


def profil_uploads(now: datetime, dry_run: bool) -> Outcome:
    cutoff = now - timedelta(days=settings.LAYAK_RETENSI_UNGGAHAN_HARI)
    left = ProfilImport.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).exclude(
        stored_name=""
    )
    return _stored_files(
        "profil_import",
        "ekstrak Profil Anak yang tertinggal",
        cutoff,
        left,
        {"stored_name": ""},
        dry_run,
    )


def _member_dates(member: Any, events: list[AuditEvent]) -> tuple[date, date | None]:
    """(the day the member is surely 18, the day they left the forum or None).

    The band is set when the member is added (created_at) or changed later (an edit's audit
    row); the day they left is the consent's withdrawal date, else the edit that deactivated
    them, else the day they were added inactive."""
    local: Callable[[datetime], date] = timezone.localdate
    band_set = local(member.created_at)
    deactivated: date | None = None
    for event in events:
        if event.action == "forum.member.add":
            continue
        changed = (event.after or {}).get("changed", [])
        if "age_band" in changed:
            band_set = local(event.at)
        if "active" in changed:
            deactivated = local(event.at)
    left: date | None = None
    if not member.active:
        consent = getattr(member, "consent", None)
        withdrawn = consent.withdrawn_on if consent is not None else None
        left = withdrawn or deactivated or local(member.created_at)
    low = int(member.age_band.split("-")[0])
    return plus_months(band_set, 12 * (18 - low)), left


def forum_members(now: datetime, dry_run: bool) -> Outcome:
    today = timezone.localdate(now)
    months_after_leaving = settings.LAYAK_RETENSI_FORUM_BULAN
    years_after_18 = settings.LAYAK_RETENSI_FORUM_USIA_TAHUN
    outcome = Outcome(
        "forum_member",
        f"anggota Forum Anak {months_after_leaving} bulan setelah keluar atau "
        f"{years_after_18} tahun setelah pasti berusia 18",
        today.isoformat(),
    )
    members = ChildMember.objects.select_related("forum", "consent")
    events: dict[str, list[AuditEvent]] = {}
    for event in AuditEvent.objects.filter(object_type="forum_member").order_by("at", "id"):
        events.setdefault(event.object_id, []).append(event)
    due: list[tuple[Any, str]] = []
    for member in members:
        adult_on, left_on = _member_dates(member, events.get(str(member.pk), []))
        if plus_months(adult_on, 12 * years_after_18) <= today:
            due.append((member, "usia"))
        elif left_on is not None and plus_months(left_on, months_after_leaving) <= today:
            due.append((member, "keluar"))
    outcome.count, outcome.ids = len(due), [str(m.pk) for m, _rule in due]
    if dry_run:
        return outcome
    for member, reason in due:
        with transaction.atomic():
            record(
                "retention.delete",
                actor_name=ACTOR,
                object_type="forum_member",
                object_id=member.pk,
                region_code=member.forum.city_id,
                after={"member": member.pk, "forum": member.forum_id, "rule": reason},
            )
            member.delete()  # the consent record goes with it (CASCADE)
    return outcome


def run(dry_run: bool, now: datetime | None = None) -> list[Outcome]:
    moment = now or timezone.now()
    return [
        sessions(moment, dry_run),
        task_rows(moment, dry_run),
        *access_records(moment, dry_run),
        bundle_files(moment, dry_run),
        report_files(moment, dry_run),
        profil_uploads(moment, dry_run),
        forum_members(moment, dry_run),
    ]
