"""`layak pulihkan-tugas`: retry or report background tasks whose worker stopped."""

from __future__ import annotations

from typing import Any

from layak.conf.commands import LayakCommand
from layak.worker.recovery import recover


class Command(LayakCommand):
    help = (
        "Memulihkan tugas latar belakang yang pekerjanya berhenti: impor Profil Anak dicoba "
        "ulang atau dilaporkan terputus (pekerja juga melakukannya sendiri)"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = recover()
        self.stdout.write(
            self.t(
                f"{len(done.retried)} tugas dicoba ulang, {len(done.reported)} dilaporkan gagal",
                f"{len(done.retried)} task(s) retried, {len(done.reported)} reported as failed",
            )
        )
