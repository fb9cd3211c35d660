"""Loading the Kemendagri list of administrative units: check everything, then write at once."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.db import connection, transaction

from layak.core.messages import InputError, Problem, msg
from layak.core.wilayah import is_valid_code, level_of, parent_of
from layak.regions.models import Region

SHIPPED = "wilayah-kemendagri-2025.csv.gz"


@dataclass(frozen=True)
class LoadSummary:
    created: int
    updated: int
    unchanged: int


def read_units(path: Path | None) -> list[tuple[int, str, str]]:
    """(row, code, name) from a `kode,nama` CSV; the shipped list when no path is given."""
    if path is None:
        data = (resources.files("layak.regions") / "data" / SHIPPED).read_bytes()
        text = gzip.decompress(data).decode("utf-8")
    else:
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().casefold() for h in next(reader, [])]
    if header[:2] != ["kode", "nama"]:
        raise InputError(
            [Problem(msg("file.missing_columns", columns="kode, nama", found=", ".join(header)))]
        )
    return [(reader.line_num, row[0].strip(), row[1].strip()) for row in reader if row]


def check_units(rows: list[tuple[int, str, str]]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    known = set(Region.objects.values_list("code", flat=True))
    for number, code, name in rows:
        if not is_valid_code(code):
            problems.append(Problem(msg("region.bad_code", code=code), number, "kode"))
            continue
        if code in seen:
            problems.append(
                Problem(
                    msg("answer.duplicate_code", code=code, first_row=seen[code]), number, "kode"
                )
            )
            continue
        seen[code] = number
        if not name:
            problems.append(Problem(msg("region.missing_name"), number, "nama"))
    for number, code, _ in rows:
        parent = parent_of(code) if is_valid_code(code) else None
        if parent and parent not in seen and parent not in known:
            problems.append(
                Problem(msg("region.unknown_parent", code=code, parent=parent), number, "kode")
            )
    return problems


def load_units(rows: list[tuple[int, str, str]]) -> LoadSummary:
    """Create new units and rename changed ones, parents first, in one transaction."""
    problems = check_units(rows)
    if problems:
        raise InputError(problems)
    existing = dict(Region.objects.values_list("code", "name"))
    new = [
        (code, name, int(level_of(code)), parent_of(code))
        for _, code, name in sorted(rows, key=lambda r: (r[1].count("."), r[1]))
        if code not in existing
    ]
    changed = [
        Region(code=code, name=name)
        for _, code, name in rows
        if code in existing and existing[code] != name
    ]
    with transaction.atomic():
        _insert(new)
        Region.objects.bulk_update(changed, ["name"], batch_size=2000)
    return LoadSummary(len(new), len(changed), len(rows) - len(new) - len(changed))


def _insert(new: list[tuple[str, str, int, str | None]]) -> None:
    """The new units in as few statements as the database allows: the whole country (91,599
    units) is loaded by every new installation and by the demo, and `bulk_create` spends most
    of its 6 s building model instances and SQL (docs/performance.md). PostgreSQL takes them
    through COPY; SQLite through multi-row INSERTs."""
    meta = Region._meta
    column_of = {f.name: f.column for f in meta.concrete_fields}
    columns = [column_of[n] for n in ("code", "name", "level", "parent", "aliases")]
    quote = connection.ops.quote_name
    # Only the model's own table and column names go into the SQL; the units are parameters.
    table = f"{quote(meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for unit in new:
                    copy.write_row((*unit, "[]"))
            return
        no_aliases = meta.get_field("aliases").get_db_prep_save([], connection)
        row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        batch_size = 1000  # 5,000 parameters: inside SQLite's limit
        for start in range(0, len(new), batch_size):
            batch = new[start : start + batch_size]
            params = [value for unit in batch for value in (*unit, no_aliases)]
            values = ", ".join([row] * len(batch))
            cursor.execute(f"INSERT INTO {table} VALUES {values}", params)  # noqa: S608  # nosec B608
