"""Background tasks (django-tasks): the worker (`layak run-worker`) runs them from the queue in
the database; tests run them at once (ImmediateBackend)."""

from __future__ import annotations

from django_tasks import task

from layak.reports.bundles import run_bundle_job
from layak.reports.jobs import run_report_job


@task()
def build_evidence_bundle(bundle_id: str) -> str:
    """Write an evidence bundle's ZIP; returns the bundle's final status."""
    return run_bundle_job(bundle_id)


@task()
def build_report(job_id: str) -> str:
    """Make a region's PDF report (self-assessment or gap); returns the job's final status."""
    return run_report_job(job_id)
