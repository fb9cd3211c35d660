from __future__ import annotations

from importlib import resources
from typing import Any

from django.core.management.base import CommandParser

from layak.cli.base import LayakCommand
from layak.cli.inputs import load_answers
from layak.cli.render import gap_text, score_text
from layak.core.gap import plan_gap
from layak.core.loader import load_builtin
from layak.core.scoring import score

DEMO_ANSWERS = "kota-metro-2024.csv"


class Command(LayakCommand):
    help = "Hitung jawaban contoh Kota Metro (data simulasi) dan rencana menuju Utama."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--target", default="Utama", help="predikat sasaran (bawaan: Utama)")

    def handle(self, *args: Any, **options: Any) -> None:
        instrument = load_builtin("kla-2024")
        with resources.as_file(resources.files("layak.demo") / DEMO_ANSWERS) as path:
            answers = load_answers(path, instrument)
        self.stdout.write(
            self.t(
                "Kota Metro (18.72), evaluasi KLA 2024 — jawaban contoh: data simulasi untuk "
                "demonstrasi, bukan jawaban resmi Kota Metro.",
                "Kota Metro (18.72), KLA evaluation 2024 — demo answers: simulated data for the "
                "demonstration, not Kota Metro's official answers.",
            )
        )
        self.stdout.write("")
        self.stdout.write(score_text(score(instrument, answers), instrument, self.lang))
        self.stdout.write("")
        plan = plan_gap(instrument, answers, options["target"])
        self.stdout.write(gap_text(plan, instrument, self.lang))
