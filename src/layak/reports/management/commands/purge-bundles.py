from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.reports.bundles import purge_bundles


class Command(LayakCommand):
    help = (
        "Hapus bundel bukti dukung yang sudah lebih dari sehari (baris riwayatnya tetap) dan "
        "tandai gagal pekerjaan bundel yang kehilangan worker-nya."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = purge_bundles()
        self.stdout.write(
            ngettext("%(count)s bundel dibersihkan.", "%(count)s bundel dibersihkan.", changed)
            % {"count": changed}
        )
