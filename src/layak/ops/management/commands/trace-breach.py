from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.ops.breach import parse_day, query
from layak.ops.errors import OpsRefused


class Command(LayakCommand):
    help = (
        "Telusuri pelanggaran data: orang yang terdampak oleh satu akun dalam satu rentang "
        "tanggal, dari jejak audit dan jangkauan akun itu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--akun", required=True, help="username akun yang disalahgunakan")
        parser.add_argument("--dari", required=True, help="tanggal awal, TTTT-BB-HH")
        parser.add_argument("--sampai", required=True, help="tanggal akhir (ikut), TTTT-BB-HH")
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = parse_day(options["dari"], "--dari")
            end = parse_day(options["sampai"], "--sampai")
            result = query(options["akun"], start, end)
        except OpsRefused as refusal:
            self.fail(refusal.render(self.lang))
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=1, ensure_ascii=False))
            return
        activity, name = result["kegiatan"], result["akun"]["username"]
        count = activity["peristiwa"]
        lines = [
            ngettext(
                "Akun %(name)s (%(role)s), %(start)s s.d. %(end)s: %(count)s peristiwa audit",
                "Akun %(name)s (%(role)s), %(start)s s.d. %(end)s: %(count)s peristiwa audit",
                count,
            )
            % {
                "name": name,
                "role": result["akun"]["peran"],
                "start": result["dari"],
                "end": result["sampai"],
                "count": count,
            },
            *(f"  {action}: {n}" for action, n in activity["tindakan"].items()),
            _("Alamat IP: %(addresses)s") % {"addresses": ", ".join(activity["alamat_ip"]) or "-"},
            _("Disentuh langsung:"),
        ]
        for kind, ids in result["disentuh_langsung"].items():
            lines.append(f"  {kind}: {len(ids)} ({', '.join(ids) or '-'})")
        lines.append(_("Dapat dijangkau akun ini:"))
        for kind, people in result["dapat_dijangkau"].items():
            shown = ", ".join(str(p.get("username") or p.get("nama") or p["id"]) for p in people)
            lines.append(f"  {kind}: {len(people)} ({shown or '-'})")
        self.stdout.write("\n".join(lines))
