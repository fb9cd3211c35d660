from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.reports.bundles import purge_bundles
from layak.reports.jobs import purge_reports


class Command(LayakCommand):
    help = (
        "Hapus bundel bukti dukung dan laporan PDF yang sudah lebih dari sehari (baris "
        "riwayatnya tetap) dan tandai gagal pekerjaan yang kehilangan worker-nya."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = purge_bundles() + purge_reports()
        self.stdout.write(
            ngettext(
                "%(count)s bundel atau laporan dibersihkan.",
                "%(count)s bundel atau laporan dibersihkan.",
                changed,
            )
            % {"count": changed}
        )
