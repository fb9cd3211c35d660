from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser

from layak.conf.commands import LayakCommand
from layak.ops.errors import OpsRefused


class Command(LayakCommand):
    help = (
        "Kueri pelanggaran data: orang yang terdampak oleh satu akun dalam satu rentang tanggal, "
        "dari jejak audit dan jangkauan akun itu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--akun", required=True, help="username akun yang disalahgunakan")
        parser.add_argument("--dari", required=True, help="tanggal awal, TTTT-BB-HH")
        parser.add_argument("--sampai", required=True, help="tanggal akhir (ikut), TTTT-BB-HH")
        parser.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from layak.ops.breach import parse_day, query

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
            self.t(
                f"Akun {name} ({result['akun']['peran']}), "
                f"{result['dari']} s.d. {result['sampai']}: {count} peristiwa audit",
                f"Account {name} ({result['akun']['peran']}), "
                f"{result['dari']} to {result['sampai']}: {count} audit events",
            ),
            *(f"  {action}: {n}" for action, n in activity["tindakan"].items()),
            self.t("Alamat IP: ", "IP addresses: ") + (", ".join(activity["alamat_ip"]) or "-"),
            self.t("Disentuh langsung:", "Touched directly:"),
        ]
        for kind, ids in result["disentuh_langsung"].items():
            lines.append(f"  {kind}: {len(ids)} ({', '.join(ids) or '-'})")
        lines.append(self.t("Dapat dijangkau akun ini:", "Within this account's reach:"))
        for kind, people in result["dapat_dijangkau"].items():
            shown = ", ".join(str(p.get("username") or p.get("nama") or p["id"]) for p in people)
            lines.append(f"  {kind}: {len(people)} ({shown or '-'})")
        self.stdout.write("\n".join(lines))
