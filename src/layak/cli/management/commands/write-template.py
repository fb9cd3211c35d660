from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.cli.inputs import add_instrument_option
from layak.conf.commands import LayakCommand
from layak.core.messages import InputError, Problem, msg
from layak.ingest.instruments import resolve_instrument
from layak.tabular.template import write_template


class Command(LayakCommand):
    help = "Tulis buku kerja penilaian mandiri (.xlsx) satu baris per pertanyaan untuk diisi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="berkas .xlsx yang ditulis")
        add_instrument_option(parser)
        parser.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        instrument = resolve_instrument(options["instrument"])
        if path.exists() and not options["force"]:
            self.fail(_("%(path)s sudah ada; pakai --force untuk menimpanya") % {"path": path})
        try:
            count = write_template(instrument, path)
        except OSError as exc:
            raise InputError(
                [Problem(msg("file.write_failed", path=str(path), detail=exc.strerror or str(exc)))]
            ) from None
        self.stdout.write(
            ngettext(
                "Ditulis %(path)s: %(count)s pertanyaan (%(instrument)s).",
                "Ditulis %(path)s: %(count)s pertanyaan (%(instrument)s).",
                count,
            )
            % {"path": path, "count": count, "instrument": instrument.id}
        )
