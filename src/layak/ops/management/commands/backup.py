from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from layak.conf.commands import LayakCommand
from layak.ops.backup import MANIFEST, create, hash_file
from layak.ops.errors import OpsRefused


class Command(LayakCommand):
    help = (
        "Cadangkan basis data (SQLite online backup atau pg_dump) dan semua berkas tersimpan, "
        "dengan manifest hash SHA-256, ke satu folder baru."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ke", required=True, type=Path, help="folder tujuan (baru/kosong)")
        parser.add_argument("--json", action="store_true", help="cetak ringkasan sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["ke"].expanduser().resolve()
        try:
            manifest = create(target)
        except OpsRefused as refusal:
            self.fail(refusal.render(self.lang))
        db = manifest["database"]
        summary = {
            "folder": str(target),
            "manifest_sha256": hash_file(target / MANIFEST)[1],
            "vendor": db["vendor"],
            "tables": len(db["tables"]),
            "rows": sum(db["tables"].values()),
            "database_bytes": db["size"],
            "files": len(manifest["files"]),
            "file_bytes": sum(f["size"] for f in manifest["files"]),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=1))
            return
        self.stdout.write(
            _(
                "Cadangan tersimpan di %(folder)s: basis data %(vendor)s (%(tables)s tabel, "
                "%(rows)s baris, %(database_bytes)s bita), %(files)s berkas (%(file_bytes)s bita)."
            )
            % summary
        )
        self.stdout.write(
            _("SHA-256 manifest: %(sha256)s (simpan terpisah dari cadangan).")
            % {"sha256": summary["manifest_sha256"]}
        )
