"""The province and national pages and a region's dashboard on a national-scale data set.

For each size (15, 100, 514 kabupaten/kota; three years of kla-2024 cycles, 274 answers each,
past years verified) the data set is seeded once into its own database by `layak
seed-national --jumlah N` and kept for the next run (/tmp/layak-bench-overview-N, SQLite), or
written into DATABASE_URL when it is set (PostgreSQL: use a scratch database; it is filled with
the largest size). Each page is then requested in-process with Django's test client, N times,
as a national verifier: median and 95th percentile, queries, size. Also measured: the national
figures summed live (what the snapshot avoids), the first national request (which queues the
snapshot's build for the worker), the build itself, and the request after one saved answer
(which recomputes that region).

    .venv/bin/python benchmarks/overview.py [--sizes 15 100 514] [--requests 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYAK = ROOT / ".venv" / "bin" / "layak"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(requests: int) -> dict[str, object]:
    """Runs inside a process whose settings point at the seeded database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from layak.accounts.models import User
    from layak.accounts.roles import Role
    from layak.evaluation.models import Answer, Cycle
    from layak.evaluation.services import save_answer
    from layak.overview.models import CycleScore
    from layak.overview.queries.figures import region_figures
    from layak.overview.snapshots import LOOKBACK, current_figures

    year = timezone.localdate().year
    user, _ = User.objects.get_or_create(
        username="bench.nasional", defaults={"role": Role.NATIONAL_VERIFIER}
    )
    secretariat, _ = User.objects.get_or_create(
        username="bench.sekretariat", defaults={"role": Role.SECRETARIAT, "region_id": "11.01"}
    )
    client = Client()
    client.force_login(user)
    cycle = Cycle.objects.get(region_id="11.01", year=year)
    regions = Cycle.objects.filter(year=year).count()
    result: dict[str, object] = {"regions": regions, "answers": Answer.objects.count()}

    # Recent audit events (the seed's own) make the snapshot recompute their regions; wait
    # until they are older than the look-back, as on a quiet evening.
    from layak.audit.models import AuditEvent

    newest = AuditEvent.objects.order_by("-at").values_list("at", flat=True).first()
    if newest is not None:
        wait = (newest + LOOKBACK - timezone.now()).total_seconds()
        if wait > 0:
            time.sleep(wait + 1)

    live = []
    for _ in range(5):
        start = time.perf_counter()
        region_figures(year)
        live.append(time.perf_counter() - start)
    result["national live sum"] = {"median_ms": round(statistics.median(live) * 1000)}

    # The first request finds no snapshot: it queues the build and says the figures are being
    # prepared; the worker's build is timed apart (here, in this process).
    client.get("/provinsi/11/", HTTP_HOST="localhost")  # views imported, templates compiled
    CycleScore.objects.all().delete()
    start = time.perf_counter()
    first = client.get("/nasional/", HTTP_HOST="localhost")
    result["national, first (queues the build)"] = {
        "ms": round((time.perf_counter() - start) * 1000),
        "says it is preparing": "sedang disiapkan" in first.content.decode(),
    }
    start = time.perf_counter()
    current_figures(year)
    result["snapshot built by the worker"] = {"ms": round((time.perf_counter() - start) * 1000)}

    pages = {
        "national": "/nasional/",
        "national, filtered and sorted, page 2": "/nasional/?provinsi=11&urut=-jarak&hal=2",
        "province (Aceh)": "/provinsi/11/",
        "dashboard (11.01)": f"/siklus/{cycle.pk}/",
    }
    for label, url in pages.items():
        client.get(url, HTTP_HOST="localhost")  # warm-up
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="localhost")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        result[label] = {
            "median_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(percentile(times, 0.95) * 1000),
            "queries": len(queries.captured_queries),
            "kb": round(len(response.content) / 1024),
        }

    # One saved answer: the next national request recomputes that region only (and keeps
    # doing so for the look-back).
    question = cycle.instrument.question("1.1")
    times = []
    for i in range(requests):
        value = "ya" if i % 2 else "tidak"
        try:
            save_answer(
                secretariat,
                cycle,
                question,
                value=value,
                note="",
                expected_version=None,
                submit=False,
            )
        except Exception as error:  # a closed window: report rather than fail the run
            result["after a saved answer"] = {"skipped": str(error)}
            break
        start = time.perf_counter()
        client.get("/nasional/", HTTP_HOST="localhost")
        times.append(time.perf_counter() - start)
    else:
        result["national, right after a saved answer"] = {
            "median_ms": round(statistics.median(times) * 1000),
            "p95_ms": round(percentile(times, 0.95) * 1000),
        }
    return result


def run_size(size: int, requests: int) -> dict[str, object]:
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        env["LAYAK_DATA_DIR"] = str(Path(tempfile.gettempdir()) / f"layak-bench-overview-{size}")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([str(LAYAK), "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    this = time.localtime().tm_year
    seeded = subprocess.run(
        [str(LAYAK), "seed-national", "--jumlah", str(size), "--tahun"]
        + [str(y) for y in (this - 2, this - 1, this)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    seed_line = next(line for line in seeded.stdout.splitlines() if "siklus baru" in line)
    seconds = time.perf_counter() - start
    measured = subprocess.run(
        [sys.executable, __file__, "--measure", str(requests)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(measured.stdout.strip().splitlines()[-1])
    return {"size": size, "seed": seed_line, "seed_s": round(seconds, 1), **figures}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 100, 514])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    database = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    print(f"database: {database}")
    for size in args.sizes:
        print(json.dumps(run_size(size, args.requests), indent=1, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
