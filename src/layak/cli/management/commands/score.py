from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from layak.cli.inputs import add_instrument_option, load_answers
from layak.cli.render import score_json, score_text
from layak.conf.commands import LayakCommand
from layak.core.scoring import score
from layak.ingest.instruments import resolve_instrument


class Command(LayakCommand):
    help = "Hitung nilai, predikat, nilai proyeksi terverifikasi, dan nilai berisiko dari berkas."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="berkas .xlsx atau .csv (kode, nilai, bukti)")
        add_instrument_option(parser)
        parser.add_argument("--json", action="store_true", help="cetak satu objek JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = resolve_instrument(options["instrument"])
        card = score(instrument, load_answers(options["file"], instrument))
        if options["json"]:
            self.stdout.write(
                json.dumps(score_json(card, instrument, self.lang), ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(score_text(card, instrument, self.lang))
