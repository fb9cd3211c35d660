from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.ops.errors import OpsRefused
from layak.ops.personal import export_member, export_user


class Command(LayakCommand):
    help = (
        "Ekspor data pribadi: semua yang disimpan tentang satu akun (atau satu anggota Forum "
        "Anak) atas permintaan pemiliknya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--pengguna", help="username akun")
        who.add_argument("--anggota-forum", type=int, help="nomor anggota Forum Anak (anak)")
        parser.add_argument("--json", action="store_true", help="cetak JSON lengkap")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["pengguna"]:
                data = export_user(options["pengguna"])
            else:
                data = export_member(options["anggota_forum"])
        except OpsRefused as refusal:
            self.fail(refusal.render(self.lang))
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=1, ensure_ascii=False))
            return
        self.stdout.write(self._text(data))

    def _text(self, data: dict[str, Any]) -> str:
        lines = []
        for key in ("akun", "organisasi", "anggota_forum_anak", "persetujuan"):
            if key in data:
                lines.append(f"{key}:")
                value = data[key] or {}
                lines.extend(f"  {k}: {v}" for k, v in value.items())
        for label, entry in data.get("catatan_yang_menyebut", {}).items():
            rows = len(entry["baris"])
            lines.append(
                ngettext(
                    "%(table)s (%(columns)s): %(count)s baris",
                    "%(table)s (%(columns)s): %(count)s baris",
                    rows,
                )
                % {"table": label, "columns": ", ".join(entry["kolom"]), "count": rows}
            )
        for key in ("jejak_audit_oleh", "jejak_audit_tentang"):
            if key in data:
                lines.append(f"{key}: {len(data[key])}")
                lines.extend(
                    f"  {e['waktu']} {e['tindakan']} {e['objek']} {e['id_objek']}"
                    for e in data[key]
                )
        lines.append(_("Isi lengkap: tambahkan --json."))
        return "\n".join(lines)
