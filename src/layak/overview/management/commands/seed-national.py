from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from layak.conf.commands import LayakCommand
from layak.overview.seeding import seed_nasional
from layak.overview.snapshots import current_figures


class Command(LayakCommand):
    help = (
        "Isi data simulasi skala nasional: daftar wilayah lengkap dan satu siklus kla-2024 per "
        "tahun untuk setiap kabupaten/kota (274 jawaban), untuk mengukur halaman provinsi dan "
        "nasional. Ditolak dengan pengaturan produksi kecuali --paksa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        this = timezone.localdate().year
        parser.add_argument(
            "--tahun", type=int, nargs="+", default=[this - 2, this - 1, this], metavar="TAHUN"
        )
        parser.add_argument("--wilayah", help="kode provinsi, mis. 18 (Lampung); tanpa: semua")
        parser.add_argument(
            "--jumlah", type=int, help="hanya N kabupaten/kota pertama menurut kode (pengukuran)"
        )
        parser.add_argument(
            "--paksa", action="store_true", help="jalankan juga dengan LAYAK_ENV=production"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION and not options["paksa"]:
            self.fail(
                _(
                    "data simulasi tidak diisi ke basis data produksi (LAYAK_ENV=production); "
                    "tambahkan --paksa bila memang dimaksudkan"
                )
            )
        province = options["wilayah"]
        if province is not None and ("." in province or not province.isdigit()):
            self.fail(_("--wilayah %(given)r: tulis kode provinsi, mis. 18") % {"given": province})
        summary = seed_nasional(
            sorted(set(options["tahun"])),
            province,
            lambda text: self.stdout.write(text),
            limit=options["jumlah"],
        )
        n = self.number
        self.stdout.write(
            _(
                "%(regions)s kabupaten/kota: %(cycles)s siklus baru (%(skipped)s sudah ada), "
                "%(answers)s jawaban, %(verifications)s verifikasi (%(seconds)s s)."
            )
            % {
                "regions": n(summary.regions),
                "cycles": n(summary.cycles),
                "skipped": n(summary.skipped),
                "answers": n(summary.answers),
                "verifications": n(summary.verifications),
                "seconds": n(summary.seconds, 1),
            }
        )
        # The national page's figures now, here, rather than by the worker after the first
        # visit (the page shows none until they are built).
        for year in sorted(set(options["tahun"])):
            start = time.perf_counter()
            regions = len(current_figures(year))
            self.stdout.write(
                _("Angka nasional %(year)s: %(regions)s kabupaten/kota (%(seconds)s s).")
                % {
                    "year": year,
                    "regions": n(regions),
                    "seconds": n(time.perf_counter() - start, 1),
                }
            )
