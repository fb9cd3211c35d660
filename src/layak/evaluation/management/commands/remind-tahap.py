from __future__ import annotations

from django.utils.translation import ngettext

from layak.conf.commands import DaysAheadCommand
from layak.evaluation.notify import remind_windows


class Command(DaysAheadCommand):
    help = (
        "Beri tahu staf daerah tahap penilaian yang dibuka atau ditutup dalam N hari (sekali "
        "per tahap, tanggal dan orang; jalankan sekali sehari, misalnya dari cron)."
    )

    days_default = 7
    days_help = "dibuka atau ditutup dalam sekian hari (bawaan: 7)"

    def handle_days(self, days: int) -> None:
        made = remind_windows(days)
        self.stdout.write(
            ngettext("%(count)s pemberitahuan dibuat.", "%(count)s pemberitahuan dibuat.", made)
            % {"count": made}
        )
