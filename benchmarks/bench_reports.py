"""How long a person waits for the reports: the 274-question self-assessment report and the gap
report, as PDF (and the gap workbook), on the Kota Metro demo; the PDFs by both pipelines side
by side: Typst (`layak.reports.documents.report_pdf`, what the worker makes) and the WeasyPrint
version it replaced (`report_pdf_weasyprint`).

The demo is loaded once into its own data folder (/tmp/layak-bench-reports, SQLite) and kept for
the next run. Each document is then made in-process N times as Sari, the queries included: the
PDFs as the worker makes them (the page only queues them), the gap workbook through its view
(Django's test client, signed in): best, median and worst, the median CPU seconds (which a busy
machine changes less), and the time of the first one (a fresh process: the engine not yet
imported, fonts and templates not yet read; Typst goes first). The data alone
(`self_assessment_report`, its queries) is timed too. Last, both pipelines' PDFs are read back
with pdftotext and their words compared: only the time of making, the table headers repeated
on a new page and the wrapping of lines may differ. Timings belong here, not in the tests: a
busy machine makes a timed assertion fail (docs/performance.md).

    .venv/bin/python benchmarks/bench_reports.py [--runs 5]
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LAYAK = ROOT / ".venv" / "bin" / "layak"
DATA = Path("/tmp/layak-bench-reports")  # noqa: S108 - a fixed scratch place, kept between runs


def prepare() -> None:
    """The demo, loaded once; a kept folder is migrated to the code's tables first."""
    loaded = (DATA / "layak.sqlite3").exists()
    DATA.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LAYAK_DATA_DIR": str(DATA)}
    env.pop("DATABASE_URL", None)
    subprocess.run([LAYAK, "migrate", "--noinput", "-v0"], check=True, env=env)
    if not loaded:
        subprocess.run([LAYAK, "run-demo", "--no-serve"], check=True, env=env, capture_output=True)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Typst typesets in a fork)."""
    user, system, children_user, children_system, _elapsed = os.times()
    return user + system + children_user + children_system


def _timed(make: Callable[[], bytes], runs: int) -> tuple[dict[str, float], bytes]:
    times, cpu = [], []
    for _ in range(runs + 1):
        started, started_cpu = time.perf_counter(), _cpu()
        document = make()
        times.append(time.perf_counter() - started)
        cpu.append(_cpu() - started_cpu)
    first, rest = times[0], times[1:]
    return {
        "first_s": round(first, 3),
        "best_s": round(min(rest), 3),
        "median_s": round(statistics.median(rest), 3),
        "worst_s": round(max(rest), 3),
        "cpu_s": round(statistics.median(cpu[1:]), 3),
        "bytes": len(document),
    }, document


def _words(document: bytes) -> Counter[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(document)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", handle.name, "-"],  # noqa: S607 - poppler from the PATH, as the tests
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return Counter(text.split())


def measure(runs: int) -> dict[str, Any]:
    """Runs inside a process whose settings point at the demo's data folder."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    django.setup()
    from django.test import Client
    from django.urls import reverse

    from layak.accounts.models import User
    from layak.evaluation.models import Cycle
    from layak.reports.documents import report_pdf, report_pdf_weasyprint
    from layak.reports.models import ReportKind
    from layak.reports.queries.content import self_assessment_report

    client = Client(HTTP_HOST="localhost")  # ALLOWED_HOSTS outside tests has no "testserver"
    sari = User.objects.get(username="sari")
    client.force_login(sari)
    cycle = Cycle.objects.get(region_id="18.72")

    def xlsx() -> bytes:
        response = client.get(reverse("reports:gap_xlsx", args=[cycle.pk]))
        assert response.status_code == 200, response.status_code
        return bytes(response.content)

    results: dict[str, Any] = {}
    words: dict[str, str] = {}
    for label, kind in (("self-assessment", ReportKind.SELF_ASSESSMENT), ("gap", ReportKind.GAP)):
        typst, new = _timed(lambda kind=kind: report_pdf(kind, sari, cycle), runs)
        weasy, old = _timed(lambda kind=kind: report_pdf_weasyprint(kind, sari, cycle), runs)
        results[f"{label} PDF, Typst"] = typst
        results[f"{label} PDF, WeasyPrint"] = weasy
        # The made-at minute and the repeated table headers may differ; nothing else should.
        only_old, only_new = _words(old) - _words(new), _words(new) - _words(old)
        words[label] = f"{sum(only_old.values())} words only in WeasyPrint's, " + (
            f"{sum(only_new.values())} only in Typst's: {dict(only_new.most_common(8))}"
        )
    results["self-assessment data (queries)"] = _timed(
        lambda: (self_assessment_report(sari, cycle), b"")[1], runs
    )[0]
    results["gap xlsx"] = _timed(xlsx, runs)[0]
    return {"timings": results, "words": words}


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
    print(
        f"{'document':<33}{'first s':>9}{'best s':>9}{'median s':>10}{'worst s':>9}"
        f"{'CPU s':>8}{'KB':>7}"
    )
    for name, row in results["timings"].items():
        print(
            f"{name:<33}{row['first_s']:>9.3f}{row['best_s']:>9.3f}{row['median_s']:>10.3f}"
            f"{row['worst_s']:>9.3f}{row['cpu_s']:>8.3f}{row['bytes'] / 1024:>7.0f}"
        )
    for name, line in results["words"].items():
        print(f"{name}: {line}")


if __name__ == "__main__":
    main()
