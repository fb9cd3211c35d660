from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

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
            self.fail(self.t("--hari tidak boleh negatif", "--hari must not be negative"))
        sent = send_reminders(days)
        for reminder in sent:
            self.stdout.write(
                f"{reminder.officer.email}: {len(reminder.items)} "
                + self.t("tindak lanjut", "action items")
            )
        self.stdout.write(
            self.t(f"{len(sent)} e-mail pengingat dikirim.", f"{len(sent)} reminder e-mails sent.")
        )
