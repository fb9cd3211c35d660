from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.cli.profil_render import count, percent
from layak.cli.render import figures_text, gap_text
from layak.conf.commands import LayakCommand
from layak.demo.accounts import demo_password, demo_users
from layak.demo.loader import load_demo
from layak.demo.profil import PROFIL_YEAR
from layak.evaluation.queries.scores import cycle_scores
from layak.profil.services import load_profile


class Command(LayakCommand):
    help = "Muat demo Kota Metro (data simulasi), cetak ringkasannya, lalu layani aplikasi web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="hanya muat dan cetak ringkasan, tanpa menjalankan server",
        )
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="alamat server (bawaan 127.0.0.1:8000)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            self.fail(
                _(
                    "demo menolak berjalan dengan LAYAK_ENV=production: demo membuat akun dengan "
                    "kata sandi bersama"
                )
            )
        cycle = load_demo()
        instrument = cycle.instrument
        self.stdout.write(
            _(
                "Kota Metro (18.72), evaluasi KLA — jawaban contoh: data simulasi untuk "
                "demonstrasi, bukan jawaban resmi Kota Metro."
            )
        )
        self.stdout.write("")
        scores = cycle_scores(cycle)
        self.stdout.write(
            figures_text(scores.figures, scores.drafts.answers, instrument, self.lang)
        )
        self.stdout.write("")
        self.stdout.write(gap_text(scores.plan, instrument, self.lang))
        self.stdout.write("")
        profile = load_profile(cycle.region, PROFIL_YEAR)
        if profile is not None:
            akta, kia = profile.region.akta_coverage, profile.region.kia_coverage
            self.stdout.write(
                ngettext(
                    "Profil Anak %(year)s (ekstrak registri simulasi): %(children)s anak; akta "
                    "kelahiran %(akta)s, KIA %(kia)s.",
                    "Profil Anak %(year)s (ekstrak registri simulasi): %(children)s anak; akta "
                    "kelahiran %(akta)s, KIA %(kia)s.",
                    profile.region.children,
                )
                % {
                    "year": PROFIL_YEAR,
                    "children": count(profile.region.children, self.lang),
                    "akta": percent(akta.overall.percent if akta else None, self.lang),
                    "kia": percent(kia.overall.percent if kia else None, self.lang),
                }
            )
            self.stdout.write("")
        self.stdout.write(_("Akun demo (kata sandi bersama):"))
        for user in demo_users():
            where = user.agency or user.unit or user.cluster or user.region or "-"
            self.stdout.write(f"  {user.username:<11} {user.role.label} ({where})")
        self.stdout.write("  " + _("kata sandi: %(password)s") % {"password": demo_password()})
        if options["no_serve"]:
            return
        self.stdout.write("")
        self.stdout.write(
            _("Buka http://%(address)s/ (Ctrl+C untuk berhenti).") % {"address": options["addr"]}
        )
        worker = self._start_worker()
        # A plain `kill` of the demo must stop its worker too: run the `finally` below.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            call_command("runserver", options["addr"], use_reloader=False, skip_checks=False)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    def _start_worker(self) -> subprocess.Popen[bytes]:
        """The task worker next to the server: web imports of Profil Anak run in it."""
        self.stdout.write(
            _("Pekerja latar belakang (layak run-worker) berjalan untuk impor Profil Anak.")
        )
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "layak.cli.main",
                "run-worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval",
                "1",
            ]
        )
