"""`layak db_worker`: django-tasks' own name for `layak run-worker`, kept for good.

This file must stay while django_tasks_db is installed: it shadows the library's `db_worker`
(layak.worker comes first in INSTALLED_APPS), whose worker writes no heartbeat and recovers no
lost task.
"""

from __future__ import annotations

from layak.worker.runner import HeartbeatWorker


class Command(HeartbeatWorker):
    help = "Sama dengan `layak run-worker` (nama perintah django-tasks)."
