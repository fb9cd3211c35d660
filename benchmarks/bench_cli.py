"""How long `layak` takes to start: `layak --help` and `layak score` on the empty kla-2024
workbook, each run N times as a person runs them (a fresh process each time), beside the floor
a Django command line cannot go under: `django-admin help` of bare Django (no project, no
apps). Best, median and worst wall times; the target is under 1 s (issue 17).

    .venv/bin/python benchmarks/bench_cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


def timed(args: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "LAYAK_DATA_DIR": folder}
        env.pop("DATABASE_URL", None)
        workbook = Path(folder) / "penilaian.xlsx"
        layak = str(BIN / "layak")
        subprocess.run(
            [layak, "write-template", "--instrument", "kla-2024", str(workbook)],
            env=env,
            check=True,
            capture_output=True,
        )
        bare = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
        cases = {
            "layak --help": ([layak, "--help"], env),
            "layak score (empty kla-2024 workbook)": ([layak, "score", str(workbook)], env),
            "django-admin help (bare Django, the floor)": (
                [str(BIN / "django-admin"), "help"],
                bare,
            ),
        }
        load = os.getloadavg()[0]
        print(f"Command start-up, {runs} runs each; load average {load:.1f}")
        print(f"{'command':<45}{'best s':>9}{'median s':>10}{'worst s':>9}")
        for name, (args, case_env) in cases.items():
            times = timed(args, case_env, runs)
            print(
                f"{name:<45}{min(times):>9.2f}{statistics.median(times):>10.2f}{max(times):>9.2f}"
            )


if __name__ == "__main__":
    main()
