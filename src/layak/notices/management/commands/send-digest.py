from __future__ import annotations

from typing import Any

from django.utils.translation import ngettext

from layak.conf.commands import LayakCommand
from layak.notices.mail import send_digests


class Command(LayakCommand):
    help = (
        "Kirim ringkasan harian pemberitahuan yang belum dibaca kepada setiap orang yang "
        "memilihnya (jalankan sekali sehari, misalnya dari cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests()
        for person, count in sent:
            self.stdout.write(
                ngettext(
                    "%(email)s: %(count)s pemberitahuan",
                    "%(email)s: %(count)s pemberitahuan",
                    count,
                )
                % {"email": person.email, "count": count}
            )
        self.stdout.write(
            ngettext(
                "%(count)s e-mail ringkasan dikirim.",
                "%(count)s e-mail ringkasan dikirim.",
                len(sent),
            )
            % {"count": len(sent)}
        )
