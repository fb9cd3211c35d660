from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from layak.audit.log import record
from layak.cli.base import LayakCommand
from layak.core.messages import InputError, Problem, msg
from layak.core.wilayah import Level
from layak.regions.models import Agency, Region
from layak.tabular import read_table


class Command(LayakCommand):
    help = "Muat OPD satu kabupaten/kota dari CSV/xlsx (singkatan, nama, nama_lain)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--wilayah", required=True, help="kode kabupaten/kota, mis. 18.72")

    def handle(self, *args: Any, **options: Any) -> None:
        region = Region.objects.filter(code=options["wilayah"], level=Level.REGENCY).first()
        if region is None:
            self.fail(
                self.t(
                    f"kabupaten/kota {options['wilayah']} tidak ada",
                    f"regency {options['wilayah']} does not exist",
                )
            )
        table = read_table(
            options["file"],
            ("singkatan", "nama"),
            {"short_name": "singkatan", "name": "nama", "aliases": "nama_lain"},
        )
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        rows = []
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
            rows.append((short, name, aliases))
        if problems:
            raise InputError(problems)
        created = updated = 0
        with transaction.atomic():
            for short, name, aliases in rows:
                agency, new = Agency.objects.get_or_create(
                    region=region, short_name=short, defaults={"name": name, "aliases": aliases}
                )
                changed = not new and (agency.name, agency.aliases) != (name, aliases)
                if changed:
                    agency.name, agency.aliases = name, aliases
                    agency.save()
                    updated += 1
                created += new
                if not (new or changed):
                    continue
                record(
                    "agency.load",
                    object_type="agency",
                    object_id=agency.pk,
                    region_code=region.code,
                    actor_name="layak load-agencies",
                    after={"name": name, "short_name": short, "aliases": aliases},
                )
        self.stdout.write(
            self.t(
                f"{len(rows)} OPD: {created} baru, {updated} diubah.",
                f"{len(rows)} agencies: {created} new, {updated} changed.",
            )
        )
