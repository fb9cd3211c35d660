from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from layak.conf.commands import LayakCommand
from layak.ops.backup import MANIFEST, hash_file, restore
from layak.ops.errors import OpsRefused


class Command(LayakCommand):
    help = (
        "Pulihkan cadangan `layak backup` ke basis data dan penyimpanan berkas yang kosong, "
        "setelah semua hash diperiksa; lalu periksa jumlah baris dan hash berkas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="folder cadangan")
        parser.add_argument(
            "--sha256-manifest",
            help="hash manifest yang dicetak `layak backup`: menolak manifest yang diganti",
        )
        parser.add_argument("--json", action="store_true", help="cetak ringkasan sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["folder"].expanduser().resolve()
        expected = options["sha256_manifest"]
        manifest = source / MANIFEST
        if expected and manifest.is_file() and hash_file(manifest)[1] != expected.strip().lower():
            self.fail(
                _(
                    "hash %(manifest)s tidak sama dengan --sha256-manifest: manifest diganti; "
                    "tidak ada yang dipulihkan"
                )
                % {"manifest": manifest}
            )
        try:
            done = restore(source)
        except OpsRefused as refusal:
            self.fail(refusal.render(self.lang))
        if options["json"]:
            self.stdout.write(json.dumps({"folder": str(source), **asdict(done)}, indent=1))
            return
        self.stdout.write(
            _(
                "Dipulihkan dari %(folder)s: %(tables)s tabel, %(rows)s baris, %(files)s berkas "
                "(%(bytes)s bita); jumlah baris dan hash berkas cocok dengan manifest."
            )
            % {"folder": source, **asdict(done)}
        )
