from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.gugus.reminders import send_reminders


class Command(LayakCommand):
    help = (
        "Kirim e-mail pengingat tindak lanjut Gugus Tugas kepada petugas OPD: tindak lanjut yang "
        "jatuh tempo dalam N hari atau sudah terlambat, satu e-mail per petugas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hari", type=int, default=3, help="jatuh tempo dalam sekian hari (bawaan: 3)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["hari"]
        if days < 0:
            self.fail(_("--hari tidak boleh negatif"))
        sent = send_reminders(days)
        for reminder in sent:
            count = len(reminder.items)
            self.stdout.write(
                ngettext(
                    "%(email)s: %(count)s tindak lanjut",
                    "%(email)s: %(count)s tindak lanjut",
                    count,
                )
                % {"email": reminder.officer.email, "count": count}
            )
        self.stdout.write(
            ngettext(
                "%(count)s e-mail pengingat dikirim.",
                "%(count)s e-mail pengingat dikirim.",
                len(sent),
            )
            % {"count": len(sent)}
        )
