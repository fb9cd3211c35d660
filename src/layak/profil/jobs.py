"""The background side of web imports: throttled progress, the stored upload as a local file,
ending a job (its upload deleted whatever happened), and failing jobs whose worker vanished.

Also the masking of NIK-like numbers in anything stored from a refusal.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone

from layak.core.messages import InputError, Message, Problem, msg
from layak.profil.models import ImportStatus, ProfilImport

STALE_AFTER = timedelta(hours=6)
_NIK_LIKE = re.compile(r"(?<!\d)\d{16}(?!\d)")


def mask_nik(value: Any) -> Any:
    """Any 16-digit run in text (at any depth of a JSON value) becomes asterisks."""
    if isinstance(value, str):
        return _NIK_LIKE.sub("*" * 16, value)
    if isinstance(value, dict):
        return {k: mask_nik(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_nik(v) for v in value]
    return value


def masked_error(error: InputError) -> InputError:
    return InputError(
        [
            Problem(
                Message(p.message.key, mask_nik(dict(p.message.params))),
                p.row,
                mask_nik(p.column) if p.column else p.column,
            )
            for p in error.problems
        ]
    )


def problems_json(error: InputError) -> list[dict[str, Any]]:
    return [
        {"key": p.message.key, "params": dict(p.message.params), "row": p.row, "column": p.column}
        for p in error.problems
    ]


class ProgressWriter:
    """Writes a job's progress at most once per `interval` seconds and only after a change
    of at least `step` points, so a fast reader does not flood the database."""

    def __init__(
        self,
        job_id: Any,
        *,
        interval: float = 1.0,
        step: int = 2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.job_id, self.interval, self.step, self.clock = job_id, interval, step, clock
        self.percent = 0
        self.written_at = clock()
        self.writes = 0

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))  # 100 is written with the outcome
        now = self.clock()
        if percent - self.percent < self.step or now - self.written_at < self.interval:
            return
        ProfilImport.objects.filter(pk=self.job_id).update(progress=percent)
        self.percent, self.written_at = percent, now
        self.writes += 1


@contextmanager
def local_copy(name: str) -> Iterator[Path]:
    """The stored upload as a local path: the file itself on the filesystem storage, else a
    temporary copy that is deleted afterwards."""
    try:
        yield Path(default_storage.path(name))
        return
    except NotImplementedError:
        pass
    with tempfile.TemporaryDirectory(prefix="layak-profil-") as folder:
        local = Path(folder) / "upload"
        with default_storage.open(name, "rb") as source, local.open("wb") as target:
            shutil.copyfileobj(source, target, 1024 * 1024)
        yield local


def finish(job: ProfilImport, status: str, **fields: Any) -> None:
    if job.stored_name:
        default_storage.delete(job.stored_name)
    ProfilImport.objects.filter(pk=job.pk).update(
        status=status, stored_name="", finished_at=timezone.now(), **fields
    )


def purge_stale_jobs(now: datetime | None = None) -> int:
    """Jobs queued or running for longer than any import takes lost their worker: they fail,
    and their uploads (registry extracts hold NIKs) are deleted."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = list(
        ProfilImport.objects.filter(
            status__in=[ImportStatus.QUEUED, ImportStatus.RUNNING], created_at__lt=cutoff
        )
    )
    failure = msg("profil.job_failed")
    for job in stale:
        finish(
            job,
            ImportStatus.FAILED,
            result={"problems": [{"key": failure.key, "params": {}}], "saved": False},
            message=failure.render("id"),
        )
    return len(stale)
