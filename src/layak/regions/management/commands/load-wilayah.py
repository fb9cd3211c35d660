from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from layak.cli.base import LayakCommand
from layak.regions.loading import load_units, read_units


class Command(LayakCommand):
    help = "Muat daftar wilayah Kemendagri (kode,nama); tanpa berkas memakai daftar bawaan 2025."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, help="CSV kode,nama (boleh .gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        rows = read_units(options["file"])
        summary = load_units(rows)
        self.stdout.write(
            self.t(
                f"{len(rows)} wilayah: {summary.created} baru, {summary.updated} berubah nama, "
                f"{summary.unchanged} tetap ({time.perf_counter() - start:.1f} s).",
                f"{len(rows)} units: {summary.created} new, {summary.updated} renamed, "
                f"{summary.unchanged} unchanged ({time.perf_counter() - start:.1f} s).",
            )
        )
