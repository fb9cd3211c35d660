from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from layak.conf.commands import LayakCommand
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
        from layak.ops.backup import MANIFEST, create, hash_file

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
            self.t(
                f"Cadangan tersimpan di {target}: basis data {db['vendor']} "
                f"({summary['tables']} tabel, {summary['rows']} baris, {db['size']} bita), "
                f"{summary['files']} berkas ({summary['file_bytes']} bita).",
                f"Backup written to {target}: {db['vendor']} database "
                f"({summary['tables']} tables, {summary['rows']} rows, {db['size']} bytes), "
                f"{summary['files']} files ({summary['file_bytes']} bytes).",
            )
        )
        self.stdout.write(
            self.t(
                f"SHA-256 manifest: {summary['manifest_sha256']} (simpan terpisah dari cadangan).",
                f"Manifest SHA-256: {summary['manifest_sha256']} (keep it apart from the backup).",
            )
        )
