"""Background tasks (django-tasks): the worker (`layak run-worker`) runs them from the queue in
the database; tests run them at once (ImmediateBackend)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_profil_import(job_id: str) -> str:
    """Import a web upload of Profil Anak data; returns the job's final status."""
    # Here, not at the top: services.py enqueues this task, so it imports this module.
    from layak.profil.services import run_import_job

    return run_import_job(job_id)
