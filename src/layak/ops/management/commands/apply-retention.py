from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from layak.conf.commands import LayakCommand
from layak.ops.retention import run


class Command(LayakCommand):
    help = (
        "Hapus data yang melewati masa simpannya (sesi, tugas latar, catatan akses, bundel, "
        "ekstrak tertinggal, anggota Forum Anak) dan catat setiap penghapusan di jejak audit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="hanya hitung yang akan dihapus, tanpa menghapus"
        )
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        outcomes = run(dry_run=options["dry_run"])
        if options["json"]:
            payload = {"dry_run": options["dry_run"], "aturan": [asdict(o) for o in outcomes]}
            self.stdout.write(json.dumps(payload, indent=1, ensure_ascii=False))
            return
        verb = (
            pgettext("retention", "akan dihapus")
            if options["dry_run"]
            else pgettext("retention", "dihapus")
        )
        for o in outcomes:
            ids = f" ({', '.join(o.ids[:20])}{', ...' if len(o.ids) > 20 else ''})" if o.ids else ""
            self.stdout.write(f"{o.rule}: {o.count} {verb}{ids} — {o.description}, < {o.cutoff}")
        if options["dry_run"]:
            self.stdout.write(_("Uji coba: tidak ada yang dihapus."))
