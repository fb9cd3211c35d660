"""Background tasks (django-tasks): the worker (`layak run-worker`) runs them from the queue in
the database; tests run them at once (ImmediateBackend)."""

from __future__ import annotations

from django_tasks import task

from layak.reports.bundles import run_bundle_job


@task()
def build_evidence_bundle(bundle_id: str) -> str:
    """Write an evidence bundle's ZIP; returns the bundle's final status."""
    return run_bundle_job(bundle_id)
