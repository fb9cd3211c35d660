from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.evaluation.notify import remind_windows


class Command(LayakCommand):
    help = (
        "Beri tahu staf daerah tahap penilaian yang dibuka atau ditutup dalam N hari (sekali "
        "per tahap, tanggal dan orang; jalankan sekali sehari, misalnya dari cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hari", type=int, default=7, help="dibuka atau ditutup dalam sekian hari (bawaan: 7)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["hari"]
        if days < 0:
            self.fail(_("--hari tidak boleh negatif"))
        made = remind_windows(days)
        self.stdout.write(
            ngettext("%(count)s pemberitahuan dibuat.", "%(count)s pemberitahuan dibuat.", made)
            % {"count": made}
        )
