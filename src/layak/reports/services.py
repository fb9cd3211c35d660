"""Asking for an evidence bundle or a region's PDF report: the requester's right to it, then a
queued job (a second request while one is being made joins it)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import translation
from django_tasks.base import Task

from layak.accounts.models import User
from layak.audit.log import record
from layak.evaluation.models import Cycle
from layak.evaluation.policy import can_see_cycle
from layak.regions.models import Agency
from layak.reports import policy
from layak.reports.bundles import purge_bundles
from layak.reports.jobs import purge_reports
from layak.reports.models import (
    BundleScope,
    BundleStatus,
    EvidenceBundle,
    FileJob,
    ReportJob,
    ReportKind,
)
from layak.reports.tasks import build_evidence_bundle, build_report


def _queue(job: FileJob, builder: Task[[str], str]) -> None:
    """Hand a new job to the worker and keep the task's id on its row (read back into `job`,
    with whatever the worker has written already)."""
    task = builder.enqueue(str(job.pk))
    type(job)._default_manager.filter(pk=job.pk).update(task_id=str(task.id)[:64])
    job.refresh_from_db()


def may_request(user: User, cycle: Cycle, scope: str, agency: Agency | None) -> bool:
    if not can_see_cycle(user, cycle):
        return False
    if policy.reads_region_reports(user):
        return True
    return (
        policy.own_agency_only(user)
        and scope == BundleScope.AGENCY
        and agency is not None
        and agency.pk == user.agency_id
    )


def start_bundle(
    user: User,
    cycle: Cycle,
    scope: str,
    part_code: str = "",
    agency: Agency | None = None,
    request: HttpRequest | None = None,
) -> EvidenceBundle:
    """Queue a bundle, or return the same one already waiting or running for this person.
    A new request is audited (who asked for which files), as its download is."""
    if not may_request(user, cycle, scope, agency):
        raise PermissionDenied
    purge_bundles()
    fields = {
        "requested_by": user,
        "cycle": cycle,
        "scope": scope,
        "part_code": part_code if scope == BundleScope.PART else "",
        "agency": agency if scope == BundleScope.AGENCY else None,
    }
    waiting = EvidenceBundle.objects.filter(
        **fields, status__in=[BundleStatus.QUEUED, BundleStatus.RUNNING]
    ).first()
    if waiting is not None:
        return waiting
    with transaction.atomic():
        bundle = EvidenceBundle.objects.create(**fields)
        record(
            "bundle.request",
            actor=user,
            object_type="bundle",
            object_id=bundle.pk,
            region_code=cycle.region_id,
            after={
                "scope": scope,
                "part": fields["part_code"],
                "agency": agency.short_name if agency and scope == BundleScope.AGENCY else "",
                "year": cycle.year,
            },
            request=request,
        )
    _queue(bundle, build_evidence_bundle)
    return bundle


def start_report(
    user: User, cycle: Cycle, kind: str, request: HttpRequest | None = None
) -> ReportJob:
    """Queue the making of a region's PDF report, or return the one this person already has
    waiting or being made for the cycle (a second click joins it). A new request is audited;
    the download is audited as every file that leaves the system (`layak.web.audit_trail`)."""
    if kind not in ReportKind.values:
        raise ValueError(kind)
    if not (can_see_cycle(user, cycle) and policy.reads_region_reports(user)):
        raise PermissionDenied
    purge_reports()
    fields = {"requested_by": user, "cycle": cycle, "kind": kind}
    active = [BundleStatus.QUEUED, BundleStatus.RUNNING]
    waiting = ReportJob.objects.filter(**fields, status__in=active).first()
    if waiting is not None:
        return waiting
    try:
        with transaction.atomic():
            job = ReportJob.objects.create(**fields, language=translation.get_language() or "id")
            record(
                "report.request",
                actor=user,
                object_type="report",
                object_id=job.pk,
                region_code=cycle.region_id,
                after={"kind": kind, "year": cycle.year, "language": job.language},
                request=request,
            )
    except IntegrityError:  # the same click twice at once: the other one made the job
        return ReportJob.objects.get(**fields, status__in=active)
    _queue(job, build_report)
    return job
