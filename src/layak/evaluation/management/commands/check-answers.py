"""layak check-answers: name every contradiction the stored answers hold (a verified draft, a
city answer stuck in draft although every unit answered, ...). Exit status 1 when any."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.evaluation.models import Cycle
from layak.evaluation.queries.consistency import cycle_findings


class Command(LayakCommand):
    help = (
        "Periksa jawaban yang tersimpan: sebutkan setiap pertentangan (verifikasi atas draf, "
        "jawaban kota yang tertahan draf, poin di luar aturan)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wilayah", help="kode kabupaten/kota, mis. 18.72 (semua bila kosong)")
        parser.add_argument("--tahun", type=int, help="tahun siklus (semua bila kosong)")
        parser.add_argument("--json", action="store_true", help="keluaran JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        cycles = Cycle.objects.with_instrument().order_by("region_id", "year")
        if options["wilayah"]:
            cycles = cycles.filter(region_id=options["wilayah"])
        if options["tahun"]:
            cycles = cycles.filter(year=options["tahun"])
        report = [(cycle, cycle_findings(cycle)) for cycle in cycles]
        count = sum(len(found) for _cycle, found in report)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "cycles": len(report),
                        "contradictions": count,
                        "findings": [
                            {
                                "region": cycle.region_id,
                                "year": cycle.year,
                                "code": f.code,
                                "unit": f.unit,
                                "rule": f.message.key,
                                "message": f.message.render(self.lang),
                            }
                            for cycle, found in report
                            for f in found
                        ],
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
        else:
            for cycle, found in report:
                for f in found:
                    where = f" ({f.unit})" if f.unit else ""
                    self.stdout.write(
                        f"{cycle.region_id} {cycle.year} · {f.code}{where}: "
                        f"{f.message.render(self.lang)}"
                    )
            checked = ngettext(
                "%(count)s siklus diperiksa", "%(count)s siklus diperiksa", len(report)
            ) % {"count": len(report)}
            contradictions = ngettext("%(count)s pertentangan", "%(count)s pertentangan", count) % {
                "count": count
            }
            # Two counts, each with its own plural form ("1 cycle checked, 3 contradictions").
            self.stdout.write(f"{checked}, {contradictions}.")
        if count:
            raise SystemExit(1)
