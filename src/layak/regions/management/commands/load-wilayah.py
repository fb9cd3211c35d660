from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.regions.loading import load_units, read_units


class Command(LayakCommand):
    help = "Muat daftar wilayah Kemendagri (kode,nama); tanpa berkas memakai daftar bawaan 2025."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="CSV kode,nama (boleh .gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        rows = read_units(options["file"])
        summary = load_units(rows)
        n = self.number
        seconds = n(time.perf_counter() - start, 1)
        self.stdout.write(
            ngettext(
                "%(count)s wilayah: %(created)s baru, %(updated)s berubah nama, %(unchanged)s "
                "tetap (%(seconds)s s).",
                "%(count)s wilayah: %(created)s baru, %(updated)s berubah nama, %(unchanged)s "
                "tetap (%(seconds)s s).",
                len(rows),
            )
            % {
                "count": n(len(rows)),
                "created": n(summary.created),
                "updated": n(summary.updated),
                "unchanged": n(summary.unchanged),
                "seconds": seconds,
            }
        )
