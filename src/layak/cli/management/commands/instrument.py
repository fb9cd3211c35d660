from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.cli.render import number
from layak.conf.commands import LayakCommand
from layak.core.gap import default_effort
from layak.core.instrument import Instrument
from layak.core.instrument_import import describe, instrument_from_sheets
from layak.core.loader import builtin_ids, instrument_to_data
from layak.core.messages import InputError, Problem, msg
from layak.ingest.instruments import load_instrument_file, resolve_instrument
from layak.tabular.recap import read_recap
from layak.tabular.template import safe_text


class Command(LayakCommand):
    help = "Kelola instrumen: daftar, tampilkan, periksa, impor dari lembar kerja, tulis CSV upaya."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="daftar instrumen bawaan")
        show = sub.add_parser("show", help="ringkasan instrumen per bagian dan indikator")
        show.add_argument("instrument", help="id bawaan atau berkas .json")
        show.add_argument("--json", action="store_true", help="cetak instrumen sebagai JSON")
        check = sub.add_parser(
            "check", help="periksa berkas instrumen .json dan laporkan masalahnya"
        )
        check.add_argument("file", type=Path)
        imp = sub.add_parser("import", help="buat instrumen dari lembar kerja daerah (.xlsx/.csv)")
        imp.add_argument("file", type=Path)
        imp.add_argument("--id", required=True, help="id instrumen baru, mis. kla-2025")
        imp.add_argument("--year", type=int, required=True, help="tahun evaluasi")
        imp.add_argument("--name", help="nama instrumen")
        imp.add_argument("--base", help="instrumen tahun lalu untuk jenis jawaban dan predikat")
        imp.add_argument("--out", type=Path, required=True, help="berkas .json yang ditulis")
        efforts = sub.add_parser(
            "export-efforts", help="tulis CSV upaya bawaan per pertanyaan untuk diubah"
        )
        efforts.add_argument("file", type=Path)
        efforts.add_argument("--instrument", default="kla-2024")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "list":
            for instrument_id in builtin_ids():
                instrument = resolve_instrument(instrument_id)
                self.stdout.write(f"{instrument_id}\t{instrument.year}\t{instrument.name}")
        elif action == "show":
            instrument = resolve_instrument(options["instrument"])
            if options["json"]:
                self.stdout.write(
                    json.dumps(instrument_to_data(instrument), ensure_ascii=False, indent=1)
                )
            else:
                self.stdout.write(self._summary(instrument))
        elif action == "check":
            instrument = load_instrument_file(options["file"])
            self.stdout.write(self._summary(instrument))
            self.stdout.write(_("Berkas instrumen sah."))
        elif action == "import":
            self._import(options)
        elif action == "export-efforts":
            self._efforts(options["file"], resolve_instrument(options["instrument"]))

    def _import(self, options: dict[str, Any]) -> None:
        recap = read_recap(options["file"])
        base = resolve_instrument(options["base"]) if options["base"] else None
        result = instrument_from_sheets(
            recap.sheets,
            instrument_id=options["id"],
            name=options["name"] or f"Evaluasi KLA {options['year']}",
            year=options["year"],
            source=f"Diimpor dari {Path(options['file']).name}",
            base=base,
        )
        instrument = result.instrument
        out: Path = options["out"]
        try:
            out.write_text(
                json.dumps(instrument_to_data(instrument), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
        except OSError as exc:
            raise InputError(
                [Problem(msg("file.write_failed", path=str(out), detail=exc.strerror or str(exc)))]
            ) from None
        lines = [describe(instrument, self.lang)]
        names = [s.name for s in recap.sheets if s.name]
        if names:
            lines.append(msg("import.sheets_read", read=", ".join(names)).render(self.lang))
        if recap.skipped:
            skipped = ", ".join(recap.skipped)
            lines.append(msg("import.sheets_skipped", skipped=skipped).render(self.lang))
        for sheet, columns in recap.ignored:
            ignored = msg("import.columns_ignored", sheet=sheet or "-", columns=", ".join(columns))
            lines.append(ignored.render(self.lang))
        warnings = [w.render(self.lang) for w in instrument.warnings]
        warnings += [w.render(self.lang) for w in result.warnings]
        if warnings:
            lines.append(_("Peringatan:"))
            lines.extend(f"  - {w}" for w in warnings)
        lines.append(_("Ditulis %(path)s.") % {"path": out})
        self.stdout.write("\n".join(lines))

    def _efforts(self, path: Path, instrument: Instrument) -> None:
        try:
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["kode", "uraian", "upaya_bukti", "upaya_capaian"])
                for question in instrument.questions:
                    effort = default_effort(question)
                    writer.writerow(
                        [
                            question.code,
                            safe_text(question.label),
                            effort.evidence,
                            effort.achievement,
                        ]
                    )
        except OSError as exc:
            raise InputError(
                [Problem(msg("file.write_failed", path=str(path), detail=exc.strerror or str(exc)))]
            ) from None
        count = len(instrument.questions)
        self.stdout.write(
            ngettext(
                "Ditulis %(path)s: %(count)s pertanyaan.",
                "Ditulis %(path)s: %(count)s pertanyaan.",
                count,
            )
            % {"path": path, "count": count}
        )

    def _summary(self, instrument: Instrument) -> str:
        lines = [
            f"{instrument.id} — {instrument.name} ({instrument.year})",
            _("Sumber: %(source)s") % {"source": instrument.source},
            "",
        ]
        for part in instrument.parts:
            stated = (
                ""
                if part.stated_max is None
                else " " + _("(tertulis %(max)s)") % {"max": number(part.stated_max, self.lang)}
            )
            count = len(list(part.questions))
            line = ngettext(
                "%(name)s: %(count)s pertanyaan, maks %(max)s",
                "%(name)s: %(count)s pertanyaan, maks %(max)s",
                count,
            ) % {"name": part.name, "count": count, "max": number(part.max_points, self.lang)}
            lines.append(f"{part.code:<4}{line}{stated}")
            for indicator in part.indicators:
                line = _("%(name)s (%(count)s, maks %(max)s)") % {
                    "name": indicator.name,
                    "count": len(indicator.questions),
                    "max": number(indicator.max_points, self.lang),
                }
                lines.append(f"      {indicator.code:<5}{line}")
        lines.append("")
        bands = ", ".join(
            f"{b.name} {number(b.min_points, self.lang, 0)}–{number(b.max_points, self.lang, 0)}"
            for b in instrument.bands
        )
        lines.append(_("Predikat: %(bands)s") % {"bands": bands})
        if instrument.warnings:
            lines.append(_("Peringatan:"))
            lines.extend(f"  - {w.render(self.lang)}" for w in instrument.warnings)
        return "\n".join(lines)
