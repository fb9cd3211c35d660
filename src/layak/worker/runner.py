"""The background worker: django-tasks-db's worker, plus a heartbeat and recovery of lost tasks.

On start the worker recovers tasks whose worker died (layak.worker.recovery); a thread then
writes its heartbeat and repeats the recovery every LAYAK_WORKER_HEARTBEAT seconds.

Two commands run it: `layak run-worker` (Layak's name) and `layak db_worker` (django-tasks' own
name, which must stay ours: without it the library's worker, with no heartbeat, would answer).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as TasksDbWorker

from layak.worker.recovery import beat, recover

logger = logging.getLogger("layak.worker")


def _heartbeat_loop(worker_id: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.LAYAK_WORKER_HEARTBEAT):
            try:
                beat(worker_id)
                recover()
            except DatabaseError as exc:  # a busy or restarting database: try next beat
                logger.warning("worker %s heartbeat failed: %s", worker_id, exc)
    finally:
        connection.close()  # this thread's own connection


class HeartbeatWorker(TasksDbWorker):
    help = (
        "Menjalankan pekerjaan latar belakang (impor Profil Anak, bundel bukti); tugas yang "
        "pekerjanya berhenti dicoba ulang atau dilaporkan"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = str(options["worker_id"])
        beat(worker_id, starting=True)
        recovered = recover()
        if recovered:
            logger.warning(
                "recovered %d lost task(s): %d retried, %d reported",
                len(recovered),
                len(recovered.retried),
                len(recovered.reported),
            )
        stop = threading.Event()
        thread = threading.Thread(
            target=_heartbeat_loop, args=(worker_id, stop), name="layak-heartbeat", daemon=True
        )
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
