"""Background workers as the database sees them: each `layak run-worker` process writes a
heartbeat, so a task left RUNNING by a worker that stopped beating can be told from one that
is still being worked on (django-tasks-db itself keeps no record of live workers)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-seen_at"]
        verbose_name = "detak pekerja"
        verbose_name_plural = "detak pekerja"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"
