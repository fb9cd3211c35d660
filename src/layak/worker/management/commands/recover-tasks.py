"""`layak recover-tasks`: retry or report background tasks whose worker stopped."""

from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.worker.recovery import recover


class Command(LayakCommand):
    help = (
        "Memulihkan tugas latar belakang yang pekerjanya berhenti: impor Profil Anak dicoba "
        "ulang atau dilaporkan terputus (pekerja juga melakukannya sendiri)"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = recover()
        retried = ngettext(
            "%(count)s tugas dicoba ulang", "%(count)s tugas dicoba ulang", len(done.retried)
        ) % {"count": len(done.retried)}
        reported = ngettext(
            "%(count)s dilaporkan gagal", "%(count)s dilaporkan gagal", len(done.reported)
        ) % {"count": len(done.reported)}
        # Two counts, each with its own plural form ("1 task retried, 2 reported as failed").
        self.stdout.write(f"{retried}, {reported}")
