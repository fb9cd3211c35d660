"""The Kota Metro demo's registries (`layak.demo.registries.load_registries`: 101 institutions
through the list import, 4 KHA trainings with 58 participants, 22 staff counts, every row
validated and audited) against the whole demo load (`load_demo`) they are part of.

    .venv/bin/python benchmarks/bench_demo_registries.py [--runs 3]

A fresh SQLite file; the registries are loaded again in a rolled-back transaction per run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

DATA = tempfile.mkdtemp(prefix="layak-bench-demo-registries-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
os.environ.setdefault("LAYAK_DATA_DIR", DATA)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from layak.demo.loader import load_demo  # noqa: E402
from layak.demo.registries import load_registries  # noqa: E402
from layak.regions.models import Region  # noqa: E402
from layak.registries.models import AgencyStaff, Designation, Institution, Participant  # noqa: E402


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    load_demo()
    whole = time.perf_counter() - start
    print(f"load_demo (first, with the registries): {whole:.2f} s")
    region = Region.objects.get(code="18.72")
    times = []
    for _ in range(runs):
        try:
            with transaction.atomic():
                Participant.objects.all().delete()
                AgencyStaff.objects.all().delete()
                Designation.objects.all().delete()
                Institution.objects.all().delete()
                start = time.perf_counter()
                load_registries(region)
                times.append(time.perf_counter() - start)
                raise Rollback
        except Rollback:
            pass
    print(f"load_registries: median {statistics.median(times):.2f} s over {runs} runs")
    start = time.perf_counter()
    load_demo()
    print(f"load_demo again (idempotent): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
