"""Report jobs: a region's PDF report made by the task worker for the person who asked, kept in
private storage (`laporan/` in the file storage, never served directly) for a day.

The same life as an evidence bundle's (`layak.reports.bundles`): queued, running with throttled
progress, done (or failed); after a day the file is deleted and the row kept as expired; jobs
still waiting after six hours lost their worker and are marked failed."""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone, translation

from layak.reports.bundles import Progress, purge_jobs, run_job
from layak.reports.documents import report_pdf
from layak.reports.models import BundleStatus, ReportJob

FOLDER = "laporan"


def build(job: ReportJob) -> None:
    """Make the report in the requester's language and keep it in private storage."""
    progress = Progress(job.pk, model=ReportJob)
    with translation.override(job.language):
        document = report_pdf(job.kind, job.requested_by, job.cycle, progress)
    stored = default_storage.save(
        f"{FOLDER}/{job.cycle.region_id}/{job.pk}.pdf", ContentFile(document)
    )
    updated = ReportJob.objects.filter(pk=job.pk, status=BundleStatus.RUNNING).update(
        status=BundleStatus.DONE,
        stored_name=stored,
        size=len(document),
        progress=100,
        finished_at=timezone.now(),
    )
    if not updated:  # expired or failed meanwhile: keep nothing behind
        default_storage.delete(stored)


def run_report_job(job_id: str) -> str:
    """The background task's body; a job already finished or taken is left alone."""
    purge_reports()
    return run_job(ReportJob, job_id, build, lambda job: f"report {job.pk} ({job.kind})")


def purge_reports(now: datetime | None = None) -> int:
    """Delete the reports kept longer than a day (their rows stay, as expired) and fail the
    jobs whose worker vanished. Returns how many jobs changed."""
    return purge_jobs(ReportJob, now)
