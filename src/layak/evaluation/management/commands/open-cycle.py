from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from layak.cli.base import LayakCommand
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Cycle
from layak.evaluation.setup import open_cycle
from layak.ingest.instruments import resolve_instrument
from layak.regions.models import Region

STAGE_OPTIONS = {
    Stage.SELF_ASSESSMENT: "mandiri",
    Stage.ADMINISTRATIVE: "verifikasi-administrasi",
    Stage.FIELD: "verifikasi-lapangan",
    Stage.FINAL: "final",
}


def _day(text: str, end: bool) -> datetime:
    day = datetime.strptime(text, "%Y-%m-%d").date()
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


class Command(LayakCommand):
    help = "Buka siklus evaluasi satu kabupaten/kota: instrumen, jadwal tahap, penugasan ke OPD."

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
            "--dokumen-susulan",
            metavar="YYYY-MM-DD",
            help="batas unggah dokumen susulan saat verifikasi lapangan",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["wilayah"], level=Level.REGENCY).first()
        if region is None:
            self.fail(
                self.t(
                    f"kabupaten/kota {options['wilayah']} tidak ada; jalankan "
                    "layak load-wilayah dulu",
                    f"regency {options['wilayah']} does not exist; run layak load-wilayah first",
                )
            )
        if Cycle.objects.filter(region=region, year=options["tahun"]).exists():
            self.fail(
                self.t(
                    f"siklus {region.name} {options['tahun']} sudah ada",
                    f"the {region.name} {options['tahun']} cycle already exists",
                )
            )
        instrument = resolve_instrument(options["instrument"])
        if instrument.band(options["sasaran"]) is None:
            self.fail(
                self.t(
                    f"predikat {options['sasaran']} tidak dikenal",
                    f"unknown predicate {options['sasaran']}",
                )
            )
        windows = {}
        for stage in STAGE_ORDER:
            raw = options[STAGE_OPTIONS[stage].replace("-", "_")]
            if not raw:
                continue
            try:
                start, end = raw.split(":")
                opens, closes = _day(start, False), _day(end, True)
            except ValueError:
                self.fail(
                    self.t(
                        f"jadwal {raw!r} harus YYYY-MM-DD:YYYY-MM-DD",
                        f"schedule {raw!r} must be YYYY-MM-DD:YYYY-MM-DD",
                    )
                )
            if closes <= opens:
                self.fail(
                    self.t(
                        f"jadwal {raw!r}: akhir harus setelah awal",
                        f"schedule {raw!r}: the end must come after the start",
                    )
                )
            documents = (
                _day(options["dokumen_susulan"], True)
                if stage is Stage.FIELD and options["dokumen_susulan"]
                else None
            )
            windows[stage] = (opens, closes, documents)
        cycle, unmatched = open_cycle(
            region, options["tahun"], instrument, windows, options["sasaran"]
        )
        self.stdout.write(
            self.t(
                f"Siklus {cycle} dibuka ({instrument.id}).",
                f"Opened the {cycle} cycle ({instrument.id}).",
            )
        )
        if unmatched:
            self.stdout.write(
                self.t(
                    "Sumber data tanpa OPD (tambahkan nama lain pada OPD atau tugaskan manual): ",
                    "Suppliers that match no agency (add an alias or assign by hand): ",
                )
                + ", ".join(unmatched)
            )
