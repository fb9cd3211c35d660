from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from layak.audit.log import record
from layak.conf.commands import LayakCommand
from layak.core.messages import InputError, Problem, msg
from layak.core.wilayah import Level
from layak.regions.models import Agency, Region
from layak.tabular import read_table


class Command(LayakCommand):
    help = (
        "Muat OPD satu kabupaten/kota dari CSV/xlsx (singkatan, nama, nama_lain, dikoordinasi: "
        "singkatan OPD yang mengoordinasi sumber data yang bukan OPD)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--wilayah", required=True, help="kode kabupaten/kota, mis. 18.72")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["wilayah"], level=Level.REGENCY).first()
        if region is None:
            self.fail(_("kabupaten/kota %(code)s tidak ada") % {"code": options["wilayah"]})
        table = read_table(
            options["file"],
            ("singkatan", "nama"),
            {
                "short_name": "singkatan",
                "name": "nama",
                "aliases": "nama_lain",
                "coordinator": "dikoordinasi",
            },
        )
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        rows: list[tuple[str, str, list[str], str]] = []
        coordinating: dict[int, str] = {}
        for row in table.rows:
            short = str(row.values.get("singkatan") or "").strip()
            name = str(row.values.get("nama") or "").strip()
            for column, value in (("singkatan", short), ("nama", name)):
                if not value:
                    problems.append(Problem(msg("cell.required"), row.number, column))
            if short in seen:
                problems.append(
                    Problem(
                        msg("answer.duplicate_code", code=short, first_row=seen[short]),
                        row.number,
                        "singkatan",
                    )
                )
            seen.setdefault(short, row.number)
            aliases = [
                a.strip() for a in str(row.values.get("nama_lain") or "").split(";") if a.strip()
            ]
            coordinator = str(row.values.get("dikoordinasi") or "").strip()
            rows.append((short, name, aliases, coordinator))
            coordinating[row.number] = coordinator
        problems.extend(_coordinator_problems(region, rows, coordinating))
        if problems:
            raise InputError(problems)
        created = updated = 0
        with transaction.atomic():
            # Agencies first, so that a supplier may name one loaded in the same file.
            saved = {
                short: Agency.objects.get_or_create(
                    region=region, short_name=short, defaults={"name": name, "aliases": aliases}
                )
                for short, name, aliases, _coordinator in rows
            }
            for short, name, aliases, coordinator in rows:
                agency, new = saved[short]
                coordinator_id = (
                    Agency.objects.get(region=region, short_name=coordinator).pk
                    if coordinator
                    else None
                )
                wanted = (name, aliases, coordinator_id)
                changed = (agency.name, agency.aliases, agency.coordinator_id) != wanted
                if changed:
                    agency.name, agency.aliases, agency.coordinator_id = wanted
                    agency.save()
                    updated += not new
                created += new
                if not (new or changed):
                    continue
                record(
                    "agency.load",
                    object_type="agency",
                    object_id=agency.pk,
                    region_code=region.code,
                    actor_name="layak load-opd",
                    after={
                        "name": name,
                        "short_name": short,
                        "aliases": aliases,
                        "coordinator": coordinator or None,
                    },
                )
        self.stdout.write(
            ngettext(
                "%(count)s OPD: %(created)s baru, %(updated)s diubah.",
                "%(count)s OPD: %(created)s baru, %(updated)s diubah.",
                len(rows),
            )
            % {"count": len(rows), "created": created, "updated": updated}
        )


def _coordinator_problems(
    region: Region, rows: list[tuple[str, str, list[str], str]], coordinating: dict[int, str]
) -> list[Problem]:
    """A supplier's coordinator is an agency (not a supplier) of the file or of the region."""
    in_file = {short: coordinator for short, _name, _aliases, coordinator in rows}
    stored = {
        a.short_name: a.coordinator_id is not None for a in Agency.objects.filter(region=region)
    }
    problems = []
    for number, coordinator in coordinating.items():
        if not coordinator:
            continue
        if coordinator in in_file:
            supplier = bool(in_file[coordinator])
        elif coordinator in stored:
            supplier = stored[coordinator]
        else:
            problems.append(
                Problem(msg("agency.unknown_coordinator", name=coordinator), number, "dikoordinasi")
            )
            continue
        if supplier:
            problems.append(
                Problem(
                    msg("agency.coordinator_is_supplier", name=coordinator), number, "dikoordinasi"
                )
            )
    return problems
