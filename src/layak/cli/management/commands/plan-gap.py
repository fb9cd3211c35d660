from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from layak.cli.inputs import add_instrument_option, load_answers, load_efforts
from layak.cli.render import gap_json, gap_text
from layak.conf.commands import LayakCommand
from layak.core.gap import plan_gap
from layak.ingest.instruments import resolve_instrument


class Command(LayakCommand):
    help = "Rencana upaya termurah menuju predikat sasaran (tambah bukti, tingkatkan capaian)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="berkas .xlsx atau .csv (kode, nilai, bukti)")
        parser.add_argument("--target", required=True, help="predikat sasaran, mis. Utama")
        parser.add_argument(
            "--effort",
            type=Path,
            help="CSV upaya per pertanyaan (kode, upaya_bukti, upaya_capaian)",
        )
        add_instrument_option(parser)
        parser.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = resolve_instrument(options["instrument"])
        answers = load_answers(options["file"], instrument)
        efforts = load_efforts(options["effort"], instrument) if options["effort"] else None
        plan = plan_gap(instrument, answers, options["target"], efforts)
        if options["json"]:
            self.stdout.write(json.dumps(gap_json(plan), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(gap_text(plan, instrument, self.lang))
