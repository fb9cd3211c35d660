from __future__ import annotations

from django.utils.translation import ngettext

from layak.conf.commands import DaysAheadCommand
from layak.gugus.reminders import send_reminders


class Command(DaysAheadCommand):
    help = (
        "Kirim e-mail pengingat tindak lanjut Gugus Tugas kepada petugas OPD: tindak lanjut yang "
        "jatuh tempo dalam N hari atau sudah terlambat, satu e-mail per petugas."
    )

    days_default = 3
    days_help = "jatuh tempo dalam sekian hari (bawaan: 3)"

    def handle_days(self, days: int) -> None:
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
