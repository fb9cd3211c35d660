"""`layak run-worker`: run the background tasks (layak.worker.runner)."""

from __future__ import annotations

from layak.worker.runner import HeartbeatWorker


class Command(HeartbeatWorker):
    pass
