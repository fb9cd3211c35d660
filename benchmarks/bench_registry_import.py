"""Importing a region's list of institutions (`layak.registries.importing`): the dry run
(`check_list`) and the all-or-nothing write (`apply`) of N schools, half of them already in the
registry, a third with a decree. A large kabupaten has about 1,000 schools of every level.

    .venv/bin/python benchmarks/bench_registry_import.py [--rows 1000] [--runs 3]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/layak_bench \\
        .venv/bin/python benchmarks/bench_registry_import.py

A fresh SQLite file is used unless DATABASE_URL names a PostgreSQL database (migrated, and its
registries emptied).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

DATA = tempfile.mkdtemp(prefix="layak-bench-registry-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
os.environ.setdefault("LAYAK_DATA_DIR", DATA)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from layak.accounts.models import User  # noqa: E402
from layak.regions.loading import load_units, read_units  # noqa: E402
from layak.regions.models import Region  # noqa: E402
from layak.registries import importing  # noqa: E402
from layak.registries.models import Designation, Institution, ListCheck  # noqa: E402

LEVELS = ["TK/RA", "SD/MI", "SMP/MTs", "SMA/MA/SMK", "SLB"]
KELURAHAN = ["Yosomulyo", "Imopuro", "Banjarsari", "Mulyojati", "Yosodadi", "Rejomulyo"]


def rows(count: int) -> list[tuple[int, dict[str, object]]]:
    found = []
    for n in range(count):
        values: dict[str, object] = {
            "jenis": LEVELS[n % len(LEVELS)],
            "nama": f"Sekolah {n}",
            "kelurahan": KELURAHAN[n % len(KELURAHAN)],
            "alamat": f"Jl. Pendidikan {n}",
        }
        if n % 3 == 0:
            values |= {
                "nomor_sk": f"420/{n}/2024",
                "tanggal_sk": "2024-03-15",
                "berlaku_dari": "2024",
            }
        found.append((n + 2, values))
    return found


def timed(function, runs: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """(median, best) wall time over `runs`, and the statements one run sends."""
    times, counted = [], [0]

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counted[0] += 1
        return execute(sql, params, many, context)

    for _ in range(runs):
        counted[0] = 0
        with connection.execute_wrapper(count):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), counted[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Region.objects.filter(code="18.72").exists():
        load_units(read_units(None))
    metro = Region.objects.get(code="18.72")
    sari, _ = User.objects.get_or_create(
        username="sari-bench", defaults={"role": "sekretariat", "region": metro}
    )
    ListCheck.objects.all().delete()
    Designation.objects.all().delete()
    Institution.objects.all().delete()
    listed = rows(args.rows)
    importing.apply(sari, metro, listed[: args.rows // 2])  # half of them already registered
    print(f"{connection.vendor}, {args.rows:,} rows ({args.rows // 2:,} already registered)")

    median, best, queries = timed(lambda: importing.check_list(sari, metro, listed), args.runs)
    print(f"check_list (dry run): median {median:.2f} s, best {best:.2f} s, {queries:,} queries")

    def apply_rolled_back() -> None:
        with transaction.atomic():
            importing.apply(sari, metro, listed)
            transaction.set_rollback(True)

    median, best, queries = timed(apply_rolled_back, args.runs)
    print(
        f"apply (write, rolled back): median {median:.2f} s, best {best:.2f} s, {queries:,} queries"
    )


if __name__ == "__main__":
    main()
