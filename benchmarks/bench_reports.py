"""How long a person waits for the reports: the 274-question self-assessment report and the gap
report, as PDF (and the gap workbook), on the Kota Metro demo.

The demo is loaded once into its own data folder (/tmp/layak-bench-reports, SQLite) and kept for
the next run. Each document is then made in-process N times as Sari: the PDFs as the worker
makes them (`layak.reports.documents.report_pdf`, since the page only queues them), the gap
workbook through its view (Django's test client, signed in): best, median and worst, and the
time of the first one (templates and fonts not yet warm). Timings belong here, not in the
tests: a busy machine makes a timed assertion fail (docs/performance.md).

    .venv/bin/python benchmarks/bench_reports.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYAK = ROOT / ".venv" / "bin" / "layak"
DATA = Path("/tmp/layak-bench-reports")  # noqa: S108 - a fixed scratch place, kept between runs


def prepare() -> None:
    if (DATA / "layak.sqlite3").exists():
        return
    DATA.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LAYAK_DATA_DIR": str(DATA)}
    env.pop("DATABASE_URL", None)
    subprocess.run([LAYAK, "migrate", "--noinput", "-v0"], check=True, env=env)
    subprocess.run([LAYAK, "run-demo", "--no-serve"], check=True, env=env, capture_output=True)


def measure(runs: int) -> dict[str, dict[str, float]]:
    """Runs inside a process whose settings point at the demo's data folder."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    django.setup()
    from django.test import Client
    from django.urls import reverse

    from layak.accounts.models import User
    from layak.evaluation.models import Cycle
    from layak.reports.documents import report_pdf
    from layak.reports.models import ReportKind

    client = Client(HTTP_HOST="localhost")  # ALLOWED_HOSTS outside tests has no "testserver"
    sari = User.objects.get(username="sari")
    client.force_login(sari)
    cycle = Cycle.objects.get(region_id="18.72")

    def fetch(name: str) -> bytes:
        if name in ReportKind.values:
            return report_pdf(name, sari, cycle)
        response = client.get(reverse(f"reports:{name}", args=[cycle.pk]))
        assert response.status_code == 200, response.status_code
        return response.content

    results: dict[str, dict[str, float]] = {}
    for name, url in (
        ("self-assessment PDF", ReportKind.SELF_ASSESSMENT.value),
        ("gap PDF", ReportKind.GAP.value),
        ("gap xlsx", "gap_xlsx"),
    ):
        times = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            document = fetch(url)
            times.append(time.perf_counter() - started)
        first, rest = times[0], times[1:]
        results[name] = {
            "first_s": round(first, 3),
            "best_s": round(min(rest), 3),
            "median_s": round(statistics.median(rest), 3),
            "worst_s": round(max(rest), 3),
            "bytes": len(document),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.inner:
        print(json.dumps(measure(options.runs)))
        return
    prepare()
    env = {**os.environ, "LAYAK_DATA_DIR": str(DATA)}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, __file__, "--inner", "--runs", str(options.runs)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    results = json.loads(done.stdout.strip().splitlines()[-1])
    load = os.getloadavg()[0]
    print(f"Reports on the Kota Metro demo ({options.runs} runs each; load average {load:.1f})")
    print(f"{'document':<22}{'first s':>9}{'best s':>9}{'median s':>10}{'worst s':>9}{'KB':>8}")
    for name, row in results.items():
        print(
            f"{name:<22}{row['first_s']:>9.3f}{row['best_s']:>9.3f}{row['median_s']:>10.3f}"
            f"{row['worst_s']:>9.3f}{row['bytes'] / 1024:>8.0f}"
        )


if __name__ == "__main__":
    main()
