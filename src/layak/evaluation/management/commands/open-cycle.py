from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from layak.conf.commands import LayakCommand
from layak.core.messages import InputError, Problem
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation.carryover import carried_into
from layak.evaluation.setup import open_cycle
from layak.ingest.instruments import resolve_instrument
from layak.regions.models import Region

STAGE_OPTIONS = {
    Stage.SELF_ASSESSMENT: "mandiri",
    Stage.ADMINISTRATIVE: "verifikasi-administrasi",
    Stage.FIELD: "verifikasi-lapangan",
    Stage.FINAL: "final",
}


def _day(text: str, end: bool, zone: ZoneInfo) -> datetime:
    """The day's first or last moment in the region's own time zone (WIB/WITA/WIT)."""
    day = datetime.strptime(text, "%Y-%m-%d").date()
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min), zone)


class Command(LayakCommand):
    help = (
        "Buka siklus evaluasi satu kabupaten/kota: instrumen, jadwal tahap, penugasan ke OPD "
        "(disalin dari siklus sebelumnya bila ada), dan bila diminta jawaban tahun lalu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--wilayah", required=True, help="kode kabupaten/kota, mis. 18.72")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--instrument", default="kla-2024")
        parser.add_argument("--sasaran", default="Utama", help="predikat sasaran")
        for stage, name in STAGE_OPTIONS.items():
            parser.add_argument(
                f"--{name}",
                required=stage is Stage.SELF_ASSESSMENT,
                metavar="AWAL:AKHIR",
                help=f"{stage.label}: YYYY-MM-DD:YYYY-MM-DD",
            )
        parser.add_argument(
            "--salin-jawaban",
            action="store_true",
            help="salin jawaban siklus sebelumnya sebagai draf yang perlu ditinjau, beserta "
            "bukti yang masih berlaku",
        )
        parser.add_argument(
            "--dokumen-susulan",
            metavar="YYYY-MM-DD",
            help="batas unggah dokumen susulan saat verifikasi lapangan",
        )

    @staticmethod
    def _where(problem: Problem) -> str:
        """The option a refusal belongs to (`--mandiri: ...`), as the page puts it at its field."""
        column = problem.column or ""
        option = {
            "year": "tahun",
            "target_predicate": "sasaran",
            "carry_answers": "salin-jawaban",
        }.get(column)
        for stage, name in STAGE_OPTIONS.items():
            if column.startswith(f"{stage.value}_"):
                documents = column.endswith("documents_until")
                option = "dokumen-susulan" if documents else name
        return f"--{option}: " if option else ""

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["wilayah"], level=Level.REGENCY).first()
        if region is None:
            self.fail(
                _("kabupaten/kota %(code)s tidak ada; jalankan layak load-wilayah dulu")
                % {"code": options["wilayah"]}
            )
        instrument = resolve_instrument(options["instrument"])
        windows = {}
        zone = region.zone.info
        for stage in STAGE_ORDER:
            raw = options[STAGE_OPTIONS[stage].replace("-", "_")]
            if not raw:
                continue
            try:
                start, end = raw.split(":")
                opens, closes = _day(start, False, zone), _day(end, True, zone)
            except ValueError:
                self.fail(_("jadwal %(given)r harus YYYY-MM-DD:YYYY-MM-DD") % {"given": raw})
            documents = (
                _day(options["dokumen_susulan"], True, zone)
                if stage is Stage.FIELD and options["dokumen_susulan"]
                else None
            )
            windows[stage] = (opens, closes, documents)
        try:
            # The rules are the web page's (`opening_problems`); the actor is the system.
            cycle, unmatched = open_cycle(
                region,
                options["tahun"],
                instrument,
                windows,
                options["sasaran"],
                carry_answers_over=options["salin_jawaban"],
            )
        except InputError as error:
            lines = [self._where(p) + p.message.render(self.lang) for p in error.problems]
            self.fail("\n".join(lines))
        self.stdout.write(
            _("Siklus %(cycle)s dibuka (%(instrument)s).")
            % {"cycle": cycle, "instrument": instrument.id}
        )
        for line in carried_into(cycle).lines():
            self.stdout.write(line)
        if unmatched:
            self.stdout.write(
                _(
                    "Sumber data tanpa OPD (tambahkan nama lain pada OPD atau tugaskan manual): "
                    "%(names)s"
                )
                % {"names": ", ".join(unmatched)}
            )
