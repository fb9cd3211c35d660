from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from layak.cli.profil_render import count, import_text, profile_text
from layak.conf.commands import EXIT_INPUT, LayakCommand
from layak.core.messages import InputError, Problem, msg
from layak.core.profil_anak.audit import audit
from layak.core.profil_anak.cells import table
from layak.core.profil_anak.disclosure import WIDTH
from layak.profil.queries import publishing
from layak.profil.services import (
    Imported,
    current_dataset,
    import_file,
    load_profile,
    prepare_publication,
    regency,
)

JSON_FIELDS = ("rows_read", "rows_valid", "rows_rejected", "adults", "children", "rejections")


class ProgressBar:
    """A one-line bar on a terminal: `[#######-------------]  35%`, redrawn on each whole
    percent."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream, self.width, self.shown = stream, width, -1

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * percent // 100
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {percent:3d}%")
        self.stream.flush()

    def close(self) -> None:
        if self.shown >= 0:
            self.stream.write("\r" + " " * (self.width + 8) + "\r")
            self.stream.flush()


class Command(LayakCommand):
    help = "Profil Anak: impor ekstrak registri atau tabel agregat, tampilkan profil per tahun."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import", help="impor ekstrak registri (CSV/Parquet/xlsx) atau tabel agregat"
        )
        imp.add_argument("file", type=Path)
        imp.add_argument("--tahun", type=int, required=True, help="tahun profil, mis. 2025")
        imp.add_argument("--wilayah", required=True, help="kode kabupaten/kota, mis. 18.72")
        imp.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        imp.add_argument(
            "--skip-invalid",
            action="store_true",
            help="impor baris yang sah dan laporkan yang ditolak (bawaan: tolak seluruh berkas)",
        )
        imp.add_argument(
            "--disabilitas",
            type=Path,
            help="tabel agregat: berkas kedua dengan kode_wilayah, jenis_kelamin, disabilitas, "
            "jumlah",
        )
        imp.add_argument("--json", action="store_true", help="cetak ringkasan sebagai JSON")
        show = sub.add_parser("show", help="tampilkan Profil Anak satu kabupaten/kota per tahun")
        show.add_argument("--tahun", type=int, required=True)
        show.add_argument("--wilayah", required=True)
        show.add_argument("--json", action="store_true", help="cetak profil sebagai JSON")
        check = sub.add_parser(
            "audit", help="penyamaran angka kecil: apa yang disamarkan dan pemeriksaannya"
        )
        check.add_argument("--tahun", type=int, required=True)
        check.add_argument("--wilayah", required=True)
        check.add_argument("--ulang", action="store_true", help="hitung ulang, simpan hasilnya")
        check.add_argument(
            "--tepat",
            action="store_true",
            help="hitung nilai terkecil dan terbesar setiap angka tersamar (HiGHS)",
        )
        check.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        elif options["action"] == "audit":
            self._audit(options)
        else:
            self._show(options)

    def _import(self, options: dict[str, Any]) -> None:
        region = regency(options["wilayah"])
        path: Path = options["file"]
        bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            imported = import_file(
                path=path,
                region=region,
                year=options["tahun"],
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                progress=bar,
                disability_path=options["disabilitas"],
                actor_name="layak profil-anak",
            )
        finally:
            if bar is not None:
                bar.close()
        if imported.saved and imported.dataset is not None:
            prepare_publication(imported.dataset)  # so the first public reader need not wait
        result = imported.result
        refused = result.rows_rejected > 0 and not options["skip_invalid"]
        if options["json"]:
            summary = result.summary_json()
            data = {field: summary[field] for field in JSON_FIELDS}
            self.stdout.write(json.dumps({**data, "saved": imported.saved}, ensure_ascii=False))
        else:
            self.stdout.write(
                _("%(file)s — %(region)s (%(code)s), tahun %(year)s")
                % {
                    "file": path.name,
                    "region": region.name,
                    "code": region.code,
                    "year": options["tahun"],
                }
            )
            self.stdout.write("\n".join(import_text(result, self.lang)))
            self.stdout.write("")
            if not refused:
                self.stdout.write(
                    self._outcome(imported, region.name, options["tahun"], options["dry_run"])
                )
        if refused:
            refusal = msg(
                "profil.refused",
                rejected=count(result.rows_rejected, self.lang),
                read=count(result.rows_read, self.lang),
            )
            hint = _(
                "Perbaiki baris-baris itu, atau jalankan lagi dengan --skip-invalid untuk "
                "mengimpor baris yang sah saja."
            )
            heading = _("Galat:")
            sys.stderr.write(f"{heading} {refusal.render(self.lang)}. {hint}\n")
            raise SystemExit(EXIT_INPUT)

    def _outcome(self, imported: Imported, region_name: str, year: int, dry_run: bool) -> str:
        dataset = imported.dataset
        if dry_run or dataset is None:  # nothing saved (a refused file never comes here)
            return _("Uji coba (--dry-run): berkas dapat diimpor; tidak ada yang disimpan.")
        names = {"region": region_name, "year": year, "number": dataset.pk}
        if imported.unchanged:
            return (
                _(
                    "Berkas yang sama sudah menjadi data Profil Anak %(region)s %(year)s yang "
                    "berlaku (#%(number)s); tidak ada yang diubah."
                )
                % names
            )
        return (
            _("Disimpan: data Profil Anak %(region)s %(year)s yang berlaku sekarang (#%(number)s).")
            % names
        )

    def _show(self, options: dict[str, Any]) -> None:
        region = regency(options["wilayah"])
        profile = load_profile(region, options["tahun"])
        if profile is None:
            raise InputError(
                [Problem(msg("profil.no_data", region=region.name, year=options["tahun"]))]
            )
        if options["json"]:
            self.stdout.write(json.dumps(profile.to_json(), ensure_ascii=False, indent=1))
        else:
            self.stdout.write(profile_text(profile, self.lang))

    def _audit(self, options: dict[str, Any]) -> None:
        """The dataset's disclosure step as kept (or run now), and with --tepat the exact
        range of every withheld cell computed again from what is published."""
        region = regency(options["wilayah"])
        dataset = current_dataset(region, options["tahun"])
        profile = load_profile(region, options["tahun"])
        if dataset is None or profile is None:
            raise InputError(
                [Problem(msg("profil.no_data", region=region.name, year=options["tahun"]))]
            )
        record = dict(publishing.publication(dataset, profile, again=options["ulang"]).record)
        if options["tepat"]:
            cells = table(profile)
            hidden = publishing.publication(dataset, profile).hidden
            exact = audit(cells, hidden, WIDTH)
            record["exact"] = {
                "passed": exact.passed,
                "narrowest": exact.narrowest,
                "ranges": [[*key, r.low, r.high] for key, r in sorted(exact.ranges.items())],
            }
        if options["json"]:
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        else:
            self.stdout.write(self._audit_text(record))
        passed = record.get("passed") and record.get("exact", {}).get("passed", True)
        if not passed:
            raise SystemExit(1)

    def _audit_text(self, record: dict[str, Any]) -> str:
        verdict = (
            pgettext("disclosure audit", "lulus")
            if record.get("passed")
            else pgettext("disclosure audit", "GAGAL")
        )
        lines = [
            _("Metode: %(method)s (ambang %(threshold)s, lebar rentang %(width)s)")
            % {
                "method": record.get("method"),
                "threshold": record.get("threshold"),
                "width": record.get("width"),
            },
            _("Pemeriksaan: %(verdict)s") % {"verdict": verdict},
            _("Angka tersamar: %(count)s (primer %(primary)s)")
            % {"count": len(record.get("hidden", [])), "primary": record.get("primary", "—")},
        ]
        if record.get("error"):
            heading = _("Galat:")
            lines.append(f"{heading} {record['error']}")
        for *key, low, high in record.get("exact", {}).get("ranges", []):
            upper = "∞" if high is None else str(high)
            lines.append(f"  {' '.join(k for k in key if k)}: {low}–{upper}")
        return "\n".join(lines)
