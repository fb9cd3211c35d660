"""How long Sari waits when she opens next year's cycle with last year's answers carried over
(`evaluation.setup.open_cycle(..., carry_answers_over=True)`), on the Kota Metro demo: 595
answers (the city's and its units'), each with its audit row, and the evidence still valid.
Beside it: the same opening without carry-over, and the way it was done before (a row and an
audit `record()` per answer) against the way it is done now (one INSERT for the copies and one
for their audit rows, `audit.log.record_each`). Last, the years page's read (`compare_years`)
over both years.

The demo is loaded once into its own data folder (/tmp/layak-bench-carryover, SQLite) and kept
for the next run; every opening runs in a transaction rolled back afterwards. Timings belong
here, not in the tests (docs/performance.md).

    .venv/bin/python benchmarks/bench_carryover.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYAK = ROOT / ".venv" / "bin" / "layak"
DATA = Path("/tmp/layak-bench-carryover")  # noqa: S108 - a fixed scratch place, kept between runs


def prepare() -> None:
    if (DATA / "layak.sqlite3").exists():
        return
    DATA.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LAYAK_DATA_DIR": str(DATA)}
    env.pop("DATABASE_URL", None)
    subprocess.run([LAYAK, "migrate", "--noinput", "-v0"], check=True, env=env)
    subprocess.run([LAYAK, "run-demo", "--no-serve"], check=True, env=env, capture_output=True)


def timed(run: Callable[[], object], runs: int) -> dict[str, float]:
    from django.db import transaction

    times = []
    for _ in range(runs):
        with transaction.atomic():
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    return {
        "best_ms": round(min(times) * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "worst_ms": round(max(times) * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    prepare()
    os.environ["LAYAK_DATA_DIR"] = str(DATA)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.utils import timezone

    from layak.audit.log import record
    from layak.core.loader import load_builtin
    from layak.core.stages import Stage
    from layak.evaluation.carryover import carried_questions
    from layak.evaluation.models import Answer, AnswerStatus, Cycle
    from layak.evaluation.queries.years import compare_years
    from layak.evaluation.setup import open_cycle

    source = Cycle.objects.select_related("region").get(region_id="18.72")
    region, year = source.region, source.year + 1
    instrument = load_builtin("kla-2024")
    now = timezone.now()
    windows = {Stage.SELF_ASSESSMENT: (now, now + timedelta(days=30), None)}

    def opening(carry: bool) -> Callable[[], object]:
        return lambda: open_cycle(region, year, instrument, windows, carry_answers_over=carry)

    def per_row_before() -> None:
        """The way before: a row and an audit `record()` per answer (two INSERTs each)."""
        cycle, _ = open_cycle(region, year, instrument, windows)
        codes = carried_questions(source, cycle)
        earlier = Answer.objects.answered().filter(cycle=source, question_code__in=codes)
        for old in earlier:
            copy = Answer.objects.create(
                cycle=cycle,
                question_code=old.question_code,
                unit_id=old.unit_id,
                value=old.value,
                points=old.points,
                note=old.note,
                status=AnswerStatus.DRAFT,
                version=1,
                carried_from_year=source.year,
            )
            record(
                "answer.carry",
                actor_name="sistem",
                object_type="answer",
                object_id=copy.pk,
                region_code=region.code,
                after=copy.snapshot(),
            )

    def years_read() -> object:
        open_cycle(region, year, instrument, windows, carry_answers_over=True)
        started = time.perf_counter()
        compare_years(Cycle.objects.with_instrument().filter(region=region))
        return time.perf_counter() - started

    carried = Answer.objects.answered().filter(cycle=source).count()
    result = {
        "answers_carried": carried,
        "open_without_carry": timed(opening(False), args.runs),
        "open_with_carry": timed(opening(True), args.runs),
        "before_per_row_answers_and_audit": timed(per_row_before, args.runs),
    }
    reads = []
    for _ in range(args.runs):
        from django.db import transaction

        with transaction.atomic():
            reads.append(years_read())
            transaction.set_rollback(True)
    result["compare_years_two_years_ms"] = round(statistics.median(reads) * 1000, 1)  # type: ignore[call-overload]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
