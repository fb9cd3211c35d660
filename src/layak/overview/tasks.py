"""Background tasks (django-tasks): the national snapshot's large recomputations (the first
build, a new year's cycles, many regions changed at once) run on the worker (`layak
run-worker`), never in a person's request; tests run them at once (ImmediateBackend)."""

from __future__ import annotations

from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from layak.overview.snapshots import current_figures


@task()
def refresh_national_figures(year: int) -> int:
    """Bring every region's snapshot row for the year up to date; returns the regions."""
    return len(current_figures(year))


def refresh_in_background(year: int) -> None:
    """Queue the refresh unless one for the year is already waiting or running: every national
    request during a build asks for it, and one build serves them all."""
    waiting = DBTaskResult.objects.filter(
        task_path=refresh_national_figures.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        args_kwargs__args__0=year,
    ).exists()
    if not waiting:
        refresh_national_figures.enqueue(year)
