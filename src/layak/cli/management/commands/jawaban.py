"""`layak jawaban export|import`: an agency's answer workbook on the command line.

Exit status: 0 when the workbook was written, applied, or (with --dry-run) can be applied or
changes nothing; 2 when the file or any row is refused, and then nothing is saved.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.accounts.models import User
from layak.conf.commands import EXIT_INPUT, LayakCommand
from layak.core.agencies import normalise_agency
from layak.core.answers import parse_number
from layak.core.messages import InputError, Problem, msg
from layak.evaluation.models import Cycle
from layak.regions.models import Agency
from layak.roundtrip import checking, export


def _refuse(key: str, **params: object) -> InputError:
    return InputError([Problem(msg(key, **params))])


class Command(LayakCommand):
    help = "Buku kerja jawaban per OPD: unduh (export) dan unggah kembali (import)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="tulis buku kerja jawaban satu OPD (.xlsx)")
        into = sub.add_parser("import", help="periksa lalu terapkan buku kerja yang sudah diisi")
        for command in (out, into):
            command.add_argument("file", type=Path, help="berkas .xlsx")
            command.add_argument("--siklus", type=int, required=True, help="id siklus evaluasi")
            command.add_argument("--opd", required=True, help="singkatan, nama, atau alias OPD")
        out.add_argument("--force", action="store_true", help="timpa berkas yang sudah ada")
        into.add_argument(
            "--pengguna",
            required=True,
            help="akun yang mengimpor: aturannya yang berlaku dan namanya di jejak audit",
        )
        into.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        into.add_argument("--json", action="store_true", help="cetak ringkasan sebagai JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = Cycle.objects.select_related("region").filter(pk=options["siklus"]).first()
        if cycle is None:
            raise _refuse("book.cycle_unknown", cycle=options["siklus"])
        agency = self._agency(cycle, options["opd"])
        if options["action"] == "export":
            self._export(cycle, agency, options)
        else:
            self._import(cycle, agency, options)

    def _agency(self, cycle: Cycle, name: str) -> Agency:
        agencies = list(Agency.objects.filter(region=cycle.region))
        wanted = normalise_agency(name)
        for agency in agencies:
            if any(normalise_agency(n) == wanted for n in agency.names()):
                return agency
        raise _refuse(
            "book.agency_unknown",
            name=name,
            region=cycle.region.name,
            available=", ".join(sorted(a.short_name for a in agencies)),
        )

    def _export(self, cycle: Cycle, agency: Agency, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if path.exists() and not options["force"]:
            self.fail(_("%(path)s sudah ada; pakai --force untuk menimpanya") % {"path": path})
        content = export.agency_book(None, cycle, agency, console=True)
        try:
            path.write_bytes(content)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise _refuse("file.write_failed", path=str(path), detail=detail) from None
        rows = len(export.export_rows(None, cycle, agency))
        self.stdout.write(
            ngettext(
                "Ditulis %(path)s: %(count)s baris jawaban %(opd)s (%(cycle)s).",
                "Ditulis %(path)s: %(count)s baris jawaban %(opd)s (%(cycle)s).",
                rows,
            )
            % {"path": path, "count": rows, "opd": agency.short_name, "cycle": cycle}
        )

    def _import(self, cycle: Cycle, agency: Agency, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["pengguna"], is_active=True).first()
        if user is None:
            raise _refuse("book.user_unknown", name=options["pengguna"])
        path: Path = options["file"]
        plan = checking.import_file(user, cycle, agency, path, dry_run=options["dry_run"])
        counts = plan.counts()
        rejected = counts[checking.REJECTED]
        saved = not options["dry_run"] and not rejected and bool(plan.writes)
        if options["json"]:
            self.stdout.write(
                json.dumps(self._json(plan, cycle, agency, path, saved, options["dry_run"]))
            )
        else:
            self.stdout.write(self._text(plan, agency, path, saved))
        if rejected:
            heading = _("Galat:")
            refusal = msg("book.has_rejections", count=rejected).render(self.lang)
            sys.stderr.write(f"{heading} {refusal}\n")
            raise SystemExit(EXIT_INPUT)

    def _json(
        self,
        plan: checking.Plan,
        cycle: Cycle,
        agency: Agency,
        path: Path,
        saved: bool,
        dry_run: bool,
    ) -> dict[str, Any]:
        return {
            "siklus": cycle.pk,
            "opd": agency.short_name,
            "file": path.name,
            "dry_run": dry_run,
            "saved": saved,
            "counts": plan.counts(),
            "changes": [
                {
                    "row": o.row,
                    "kode": o.code,
                    "unit": o.unit,
                    "kind": o.kind,
                    "before": {
                        "jawaban": o.before_value,
                        "poin_diklaim": o.before_points,
                        "catatan": o.before_note,
                    },
                    "after": {"jawaban": o.value, "poin_diklaim": o.points, "catatan": o.note},
                }
                for o in plan.writes
            ],
            "rejected": [
                {
                    "row": p.row,
                    "column": p.column,
                    "kode": o.code,
                    "unit": o.unit,
                    "rule": p.message.key,
                    "message": p.message.render(self.lang),
                }
                for o in plan.of(checking.REJECTED)
                for p in o.problems
            ],
        }

    def _shown(self, stored: str) -> str:
        """A stored value or points ("2.5") as the reader writes it (2,5); other text as is."""
        number = parse_number(stored)
        return stored if number is None else self.number(number)

    def _text(
        self,
        plan: checking.Plan,
        agency: Agency,
        path: Path,
        saved: bool,
    ) -> str:
        c = plan.counts()
        lines = [
            f"{path.name} — {agency.short_name}",
            _("Baru %(baru)s, berubah %(berubah)s, tetap %(tetap)s, ditolak %(ditolak)s") % c,
        ]
        for o in plan.writes:
            where = f" ({o.unit})" if o.unit else ""
            before = " ".join(
                filter(
                    None,
                    (
                        self._shown(o.before_value),
                        o.before_points and f"[{self._shown(o.before_points)}]",
                    ),
                )
            )
            after = " ".join(
                filter(None, (self._shown(o.value), o.points and f"[{self._shown(o.points)}]"))
            )
            change = _("baris %(row)s: %(code)s%(where)s: %(before)s → %(after)s") % {
                "row": o.row,
                "code": o.code,
                "where": where,
                "before": before or "—",
                "after": after or "—",
            }
            lines.append(f"  {change}")
        for o in plan.of(checking.REJECTED):
            lines.extend(f"  {p.render(self.lang)}" for p in o.problems)
        if c["ditolak"]:
            return "\n".join(lines)
        if saved:
            lines.append(_("Disimpan."))
        elif not plan.writes:
            lines.append(_("Tidak ada yang berubah."))
        else:
            lines.append(
                _("Uji coba (--dry-run): berkas dapat diterapkan; tidak ada yang disimpan.")
            )
        return "\n".join(lines)
