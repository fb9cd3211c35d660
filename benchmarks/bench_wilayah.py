"""Loading Indonesia's 91,599 administrative units into an empty database, as every new
installation, `layak run-demo` and every test worker do: `layak.regions.loading.load_units`
(COPY on PostgreSQL, multi-row INSERTs on SQLite) beside Django's `bulk_create`, which it
replaced. Each method starts from an empty table, N runs: best and median.

    .venv/bin/python benchmarks/bench_wilayah.py [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/layak_bench \
        .venv/bin/python benchmarks/bench_wilayah.py

The PostgreSQL database named in DATABASE_URL is migrated and its regions table emptied.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
os.environ.setdefault("LAYAK_DATA_DIR", tempfile.mkdtemp(prefix="layak-bench-wilayah-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from layak.core.wilayah import level_of, parent_of  # noqa: E402
from layak.regions.loading import load_units, read_units  # noqa: E402
from layak.regions.models import Region  # noqa: E402


def with_bulk_create(rows: list[tuple[int, str, str]]) -> None:
    """The method before: model instances through `bulk_create` (same order, same batches)."""
    new = [
        Region(code=code, name=name, level=level_of(code), parent_id=parent_of(code))
        for _, code, name in sorted(rows, key=lambda r: (r[1].count("."), r[1]))
    ]
    with transaction.atomic():
        Region.objects.bulk_create(new, batch_size=5000)


def empty_regions() -> None:
    """One statement (the parent links are protected one by one in the ORM)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(Region._meta.db_table)}")  # nosec B608


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    call_command("migrate", verbosity=0)
    rows = read_units(None)
    methods = {"load_units (Layak)": load_units, "bulk_create (before)": with_bulk_create}
    print(f"{connection.vendor}, {len(rows):,} units, {runs} runs each")
    for label, method in methods.items():
        times = []
        for _ in range(runs):
            empty_regions()
            started = time.perf_counter()
            method(rows)
            times.append(time.perf_counter() - started)
            assert Region.objects.count() == len(rows)
        print(f"  {label:22} best {min(times):.2f} s  median {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
