"""The Laporan page of a cycle, its PDF reports (made in the background, as the evidence bundles
are), the gap workbook (made at once: it takes well under a second) and the evidence bundles."""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import REGION_READERS, REPORT_READERS
from layak.accounts.typing import SignedInRequest
from layak.audit.log import record
from layak.evaluation.lookups import cycle_for
from layak.evaluation.policy import can_see_cycle
from layak.files.download import download
from layak.files.inspect import XLSX
from layak.regions.models import Agency
from layak.reports import policy, services
from layak.reports.bundles import bundle_name
from layak.reports.documents import file_name, report_name
from layak.reports.models import BundleScope, BundleStatus, EvidenceBundle, ReportJob, ReportKind
from layak.reports.queries.content import self_assessment_report
from layak.reports.queries.gaps import gap_rows, gap_workbook
from layak.reports.queries.matrices import matrix_coverage
from layak.web.htmx import is_htmx

Job = TypeVar("Job", EvidenceBundle, ReportJob)


@require_GET
@allow(*REPORT_READERS)
def index(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    region_reader = policy.reads_region_reports(request.user)
    agencies = (
        Agency.objects.filter(region=cycle.region, active=True).offices()
        if region_reader
        else Agency.objects.filter(pk=getattr(request.user, "agency_id", None) or 0)
    )
    context = {
        "cycle": cycle,
        "region_reader": region_reader,
        "parts": cycle.instrument.parts if region_reader else (),
        "agencies": list(agencies),
        "bundles": EvidenceBundle.objects.filter(requested_by=request.user.pk, cycle=cycle)
        .select_related("agency")
        .order_by("-created_at")[:10],
        "reports": ReportJob.objects.filter(requested_by=request.user.pk, cycle=cycle)
        .select_related("cycle")
        .order_by("-created_at")[:6],
    }
    return render(request, "reports/index.html", context)


@require_GET
@allow(*REPORT_READERS)
def matrices(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    """The questions that ask for a matrix, the matrices Layak makes for them, the rest's form."""
    cycle = cycle_for(request.user, cycle_id)
    coverage = matrix_coverage(request.user, cycle)
    return render(request, "reports/matrices.html", {"cycle": cycle, "coverage": coverage})


def _start_report(request: SignedInRequest, cycle_id: int, kind: ReportKind) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    job = services.start_report(request.user, cycle, kind, request)
    return redirect("reports:report", job_id=job.pk)


@require_POST
@allow(*REGION_READERS)
def self_assessment_pdf(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    """Start (or join) the making of the self-assessment report; its page shows the progress."""
    return _start_report(request, cycle_id, ReportKind.SELF_ASSESSMENT)


@require_POST
@allow(*REGION_READERS)
def gap_pdf(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    """Start (or join) the making of the gap analysis PDF; its page shows the progress."""
    return _start_report(request, cycle_id, ReportKind.GAP)


def _own(request: SignedInRequest, model: type[Job], pk: uuid.UUID, *related: str) -> Job:
    """Only the person who asked for a bundle or a report sees it, and only while they see
    its cycle."""
    job = (
        model.objects.select_related("cycle__region", *related)
        .filter(pk=pk, requested_by=request.user.pk)
        .first()
    )
    if job is None or not can_see_cycle(request.user, job.cycle):
        raise Http404
    return job


def _stored_file(job: EvidenceBundle | ReportJob) -> File[bytes]:
    """The finished file, while it is kept; a file gone from storage marks the job expired."""
    if not job.downloadable or job.expires_at <= timezone.now():
        raise Http404
    try:
        return default_storage.open(job.stored_name, "rb")
    except FileNotFoundError:
        type(job).objects.filter(pk=job.pk).update(status=BundleStatus.EXPIRED, stored_name="")
        raise Http404 from None


@require_GET
@allow(*REGION_READERS)
def report(request: SignedInRequest, job_id: uuid.UUID) -> HttpResponse:
    """The report's progress (an htmx poll every second while it is made), then its link."""
    job = _own(request, ReportJob, job_id)
    template = "reports/_report.html" if is_htmx(request) else "reports/report.html"
    return render(request, template, {"job": job, "cycle": job.cycle})


@require_GET
@allow(*REGION_READERS)
def report_download(request: SignedInRequest, job_id: uuid.UUID) -> FileResponse:
    """The finished PDF, private; the audit trail records it as every file that leaves."""
    job = _own(request, ReportJob, job_id)
    handle = _stored_file(job)
    name = report_name(job.kind, job.cycle)
    return download(handle, filename=name, content_type="application/pdf")


@require_GET
@allow(*REGION_READERS)
def gap_xlsx(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    report = self_assessment_report(request.user, cycle)
    made = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    content = gap_workbook(report, gap_rows(report), made)
    name = file_name("Analisis-Gap", cycle, "xlsx")
    return download(content, filename=name, content_type=XLSX.content_type)


@require_POST
@allow(*REPORT_READERS)
def bundle_start(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    scope = request.POST.get("cakupan", "")
    part_code, agency = "", None
    if scope == BundleScope.PART:
        part_code = request.POST.get("bagian", "")
        if part_code not in {p.code for p in cycle.instrument.parts}:
            messages.error(request, _("Pilih bagian untuk bundel."))
            return redirect("reports:index", cycle_id=cycle.pk)
    elif scope == BundleScope.AGENCY:
        agency = Agency.objects.filter(
            pk=request.POST.get("opd", "0") if request.POST.get("opd", "").isdigit() else 0,
            region=cycle.region,
        ).first()
        if agency is None:
            raise Http404
    elif scope != BundleScope.REGION:
        messages.error(request, _("Pilih cakupan bundel."))
        return redirect("reports:index", cycle_id=cycle.pk)
    try:
        bundle = services.start_bundle(request.user, cycle, scope, part_code, agency, request)
    except PermissionDenied:
        raise Http404 from None
    return redirect("reports:bundle", bundle_id=bundle.pk)


@require_GET
@allow(*REPORT_READERS)
def bundle(request: SignedInRequest, bundle_id: uuid.UUID) -> HttpResponse:
    """The bundle's progress (an htmx poll every second while it is built), then its link."""
    found = _own(request, EvidenceBundle, bundle_id, "agency")
    template = "reports/_bundle.html" if is_htmx(request) else "reports/bundle.html"
    return render(request, template, {"bundle": found, "cycle": found.cycle})


@require_GET
@allow(*REPORT_READERS)
def bundle_download(request: SignedInRequest, bundle_id: uuid.UUID) -> FileResponse:
    found = _own(request, EvidenceBundle, bundle_id, "agency")
    handle = _stored_file(found)
    record(
        "bundle.download",
        actor=request.user,
        object_type="bundle",
        object_id=found.pk,
        region_code=found.cycle.region_id,
        after={"scope": found.scope, "files": found.file_count, "size": found.size},
        request=request,
    )
    return download(handle, filename=bundle_name(found), content_type="application/zip")
