"""Tasks whose worker died: retried or reported, never left RUNNING.

django-tasks-db marks a task RUNNING when a worker claims it and finished when the worker ends
it; a worker killed in between (power cut, OOM killer, kill -9, a redeploy) leaves it RUNNING
for ever. Each worker writes a heartbeat (`WorkerHeartbeat`); a task RUNNING for longer than
LAYAK_WORKER_TIMEOUT whose worker has not beaten within that time is orphaned. Recovery marks
its task row failed (`WorkerLost`) and hands the domain job to its task's handler:

- a Profil Anak import is all-or-nothing (one transaction, rolled back when its process died),
  so it is queued again, up to LAYAK_TASK_RETRIES times; after that, or when its upload is
  gone, the job fails with a message saying it was interrupted and nothing was saved;
- an evidence bundle or a PDF report fails at once (the user asks for a new one; nothing was
  written).

Workers run recovery when they start and every LAYAK_WORKER_HEARTBEAT seconds afterwards;
`layak recover-tasks` runs it by hand.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layak.core.messages import msg
from layak.profil.jobs import finish
from layak.profil.models import FINISHED, ImportStatus, ProfilImport
from layak.profil.tasks import run_profil_import
from layak.reports.models import BundleStatus, EvidenceBundle, ReportJob
from layak.worker.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
TaskRow = DBTaskResult[..., object]  # a queued task's row, whatever it returns

PROFIL_TASK = "layak.profil.tasks.run_profil_import"
BUNDLE_TASK = "layak.reports.tasks.build_evidence_bundle"
REPORT_TASK = "layak.reports.tasks.build_report"
WORKER_LOST = "layak.worker.recovery.WorkerLost"

RETRIED, REPORTED = "retried", "reported"


class WorkerLost(Exception):
    """The worker running a task stopped without ending it."""


@dataclass
class Recovered:
    """What one recovery pass did: task ids by outcome."""

    retried: list[str] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.retried) + len(self.reported)


def beat(worker_id: str, now: datetime | None = None, *, starting: bool = False) -> None:
    """Record that this worker is alive; `starting` marks a (re)start of the process."""
    moment = now or timezone.now()
    if not starting and WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=moment):
        return
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": moment,
            "seen_at": moment,
        },
    )


def timeout() -> timedelta:
    return timedelta(seconds=settings.LAYAK_WORKER_TIMEOUT)


def orphaned_tasks(now: datetime | None = None) -> list[TaskRow]:
    """RUNNING tasks whose worker is gone: it has not beaten within the timeout (and the task
    started before that), or it started again after claiming the task (a worker restarted
    under the same id, e.g. the host name, is not running its predecessor's task)."""
    cutoff = (now or timezone.now()) - timeout()
    beats = {
        worker: (started, seen)
        for worker, started, seen in WorkerHeartbeat.objects.values_list(
            "worker_id", "started_at", "seen_at"
        )
    }
    orphaned = []
    for task in DBTaskResult.objects.running():
        worker = task.worker_ids[-1] if task.worker_ids else None
        started, seen = beats.get(worker or "", (None, None))
        restarted = (
            started is not None and task.started_at is not None and started > task.started_at
        )
        silent = (seen is None or seen < cutoff) and (
            task.started_at is None or task.started_at < cutoff
        )
        if restarted or silent:
            orphaned.append(task)
    return orphaned


def recover(now: datetime | None = None) -> Recovered:
    """Retry or report every orphaned task; safe to run from several workers at once."""
    moment = now or timezone.now()
    done = Recovered()
    for orphan in orphaned_tasks(moment):
        with transaction.atomic():
            task = DBTaskResult.objects.select_for_update().filter(pk=orphan.pk).first()
            if task is None or task.status != "RUNNING":
                continue  # another worker recovered it, or it ended meanwhile
            worker = task.worker_ids[-1] if task.worker_ids else "?"
            task.set_failed(WorkerLost(f"worker {worker} stopped while running this task"))
            handler = HANDLERS.get(task.task_path, _report_only)
            outcome = handler(task)
        (done.retried if outcome == RETRIED else done.reported).append(str(task.pk))
        logger.warning(
            "task %s (%s) lost its worker %s: %s", task.pk, task.task_path, worker, outcome
        )
    # Heartbeats of workers gone for a day only clutter the table.
    WorkerHeartbeat.objects.filter(seen_at__lt=moment - timedelta(days=1)).delete()
    return done


def _report_only(task: TaskRow) -> str:
    return REPORTED


def _profil_import(task: TaskRow) -> str:
    job_id = str(task.args_kwargs["args"][0])
    job = ProfilImport.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.status in FINISHED:
        return REPORTED  # it ended before its worker died; nothing to redo
    attempts = DBTaskResult.objects.filter(
        task_path=PROFIL_TASK, args_kwargs__args__0=job_id, exception_class_path=WORKER_LOST
    ).count()
    if (
        attempts <= settings.LAYAK_TASK_RETRIES
        and job.stored_name
        and default_storage.exists(job.stored_name)
    ):
        ProfilImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.QUEUED, progress=0, started_at=None
        )
        retry = run_profil_import.enqueue(job_id)
        ProfilImport.objects.filter(pk=job.pk).update(task_id=str(retry.id)[:64])
        return RETRIED
    interrupted = msg("profil.job_interrupted")
    finish(
        job,
        ImportStatus.FAILED,
        result={"problems": [{"key": interrupted.key, "params": {}}], "saved": False},
        message=interrupted.render("id"),
    )
    return REPORTED


def _bundle(task: TaskRow) -> str:
    EvidenceBundle.objects.filter(
        pk=task.args_kwargs["args"][0], status__in=[BundleStatus.QUEUED, BundleStatus.RUNNING]
    ).update(status=BundleStatus.FAILED, finished_at=timezone.now(), message="worker lost")
    return REPORTED


def _report(task: TaskRow) -> str:
    ReportJob.objects.filter(
        pk=task.args_kwargs["args"][0], status__in=[BundleStatus.QUEUED, BundleStatus.RUNNING]
    ).update(status=BundleStatus.FAILED, finished_at=timezone.now(), message="worker lost")
    return REPORTED


HANDLERS: dict[str, Callable[[TaskRow], str]] = {
    PROFIL_TASK: _profil_import,
    BUNDLE_TASK: _bundle,
    REPORT_TASK: _report,
}
