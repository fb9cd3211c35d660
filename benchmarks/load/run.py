"""Load test of the web application on loopback (reliability plan T3), stopping by itself.

Prepares a fresh database with the Kota Metro demo, serves it with gunicorn (several workers),
runs locust headless for a bounded time with the demo's people (locustfile.py), stops
everything and writes summary.json and summary.md: latency by kind of request, status codes,
server errors, "database is locked" in the server's log, and the machine's load average.

    .tools/bin/uv sync --frozen --group bench
    .venv/bin/python benchmarks/load/run.py --db postgres --users 50 --duration 10m   # T3a
    .venv/bin/python benchmarks/load/run.py --db sqlite --users 20 --duration 10m     # T3b
    .venv/bin/python benchmarks/load/run.py --db postgres --profile spike --users 60 --duration 2m

Exit status 0 when the run meets the plan's figures, 1 when it does not.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
# Pass figures of ../shared/docs/reliability.md, in milliseconds.
READ_P95_MS, WRITE_P95_MS = 500, 1000


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--profile", choices=["mix", "spike"], default="mix")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument(
        "--spawn-rate", type=float, default=0, help="users/s (0: 2/s, spike: all at once)"
    )
    parser.add_argument("--duration", default="10m", help="locust's --run-time, e.g. 90s or 10m")
    parser.add_argument("--write-share", type=float, default=0.10, help="saves + uploads")
    parser.add_argument(
        "--upload-kb", type=int, default=0, help="evidence PDF size (0: 1, spike 300)"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pg-name", default="layak_load")
    parser.add_argument("--source", type=Path, default=ROOT / "src", help="the layak package's src")
    parser.add_argument("--out", type=Path, default=None, help="folder for results and data")
    return parser.parse_args()


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(args: argparse.Namespace, data: Path) -> dict[str, str]:
    """A fresh database with the demo; the environment the app runs with."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "LAYAK_ENV")}
    env |= {"LAYAK_DATA_DIR": str(data), "PYTHONPATH": str(args.source.resolve())}
    if args.db == "postgres":
        import psycopg

        with psycopg.connect(f"{args.pg_url}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{args.pg_name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{args.pg_name}"')
        env["DATABASE_URL"] = f"{args.pg_url}/{args.pg_name}"
    layak = [sys.executable, "-m", "layak.cli.main"]
    run([*layak, "migrate", "--noinput", "--verbosity", "0"], env)
    run([*layak, "run-demo", "--no-serve"], env)
    # Statistics as a database has them after a day of autovacuum (or `layak dbshell`).
    analyze = "from django.db import connection; connection.cursor().execute('ANALYZE')"
    show_cycle = (
        "from layak.evaluation.models import Cycle; "
        "print(Cycle.objects.filter(region__code='18.72').order_by('-year').first().pk)"
    )
    setup = "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'layak.settings'); "
    run([sys.executable, "-c", setup + "django.setup(); " + analyze], env)
    env["LOAD_CYCLE"] = run([sys.executable, "-c", setup + "django.setup(); " + show_cycle], env)
    env["LOAD_CYCLE"] = env["LOAD_CYCLE"].strip()
    env["LOAD_PASSWORD"] = (data / "demo-password.txt").read_text(encoding="utf-8").strip()
    return env


def serve(args: argparse.Namespace, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [str(BIN / "gunicorn"), "layak.wsgi", "--bind", f"127.0.0.1:{args.port}"]
    command += ["--workers", str(args.workers), "--threads", str(args.threads)]
    command += ["--worker-class", "gthread", "--timeout", "60", "--graceful-timeout", "10"]
    # Idle connections outlive the users' 1-3 s pauses (gunicorn's default of 2 s would close
    # them just as a user sends the next request: a reset); no control socket, so two runs or
    # another gunicorn on the machine do not clash over ~/.gunicorn.
    command += ["--keep-alive", "10", "--no-control-socket"]
    server = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/masuk/", timeout=5):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped at start:\n{log.read_text(errors='replace')}")
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not answer within 90 s")


class LoadSampler(threading.Thread):
    """The 1-minute load average every 5 s: the figures are only as good as the machine was idle."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.samples: list[float] = [os.getloadavg()[0]]
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(5):
            self.samples.append(os.getloadavg()[0])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarise(
    args: argparse.Namespace, raw: dict[str, Any], log: str, sampler: LoadSampler
) -> dict[str, Any]:
    kinds = {}
    for kind, statuses in sorted(raw["statuses"].items()):
        times = raw["times_ms"].get(kind, [])
        ramp = raw["ramp_up_times_ms"].get(kind, [])
        kinds[kind] = {
            "requests": sum(statuses.values()),
            "ramp_up_p95_ms": round(percentile(ramp, 0.95)),
            "median_ms": round(statistics.median(times)) if times else 0,
            "p95_ms": round(percentile(times, 0.95)),
            "max_ms": round(max(times)) if times else 0,
            "statuses": statuses,
        }
    server_errors = sum(
        n for k in kinds.values() for s, n in k["statuses"].items() if int(s) >= 500
    )
    locked = log.count("database is locked") + raw["locked_in_responses"]
    failures = sum(raw["failures"].values())
    checks = {"0 server errors (5xx)": server_errors == 0}
    checks['0 "database is locked"'] = locked == 0
    if args.profile == "mix":
        checks["0 failed requests"] = failures == 0
        if args.db == "postgres":
            checks[f"p95 reads <= {READ_P95_MS} ms"] = all(
                kinds[k]["p95_ms"] <= READ_P95_MS for k in ("read", "indicator") if k in kinds
            )
            checks[f"p95 writes <= {WRITE_P95_MS} ms"] = (
                kinds.get("write", {}).get("p95_ms", 0) <= WRITE_P95_MS
            )
    total = sum(k["requests"] for k in kinds.values())
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {k: str(v) for k, v in vars(args).items()},
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "load_average_1m": {
            "before": round(sampler.samples[0], 2),
            "mean": round(statistics.mean(sampler.samples), 2),
            "max": round(max(sampler.samples), 2),
        },
        "requests": total,
        "share": {k: round(v["requests"] / total, 3) for k, v in kinds.items()} if total else {},
        "kinds": kinds,
        "failures": raw["failures"],
        "server_errors": server_errors,
        "database_locked": locked,
        "tracebacks_in_server_log": len(re.findall(r"^Traceback", log, re.MULTILINE)),
        "checks": checks,
        "passed": all(checks.values()),
    }


def markdown(summary: dict[str, Any]) -> str:
    s, load = summary["settings"], summary["load_average_1m"]
    lines = [
        f"# Load test {s['profile']} on {s['db']}: {s['users']} users, {s['duration']}",
        "",
        f"{summary['when']}; {summary['machine']['cpus']} CPUs; gunicorn {s['workers']} workers x "
        f"{s['threads']} threads; load average (1 min) before {load['before']}, "
        f"mean {load['mean']}, max {load['max']}.",
        "",
        "Latency once every user has signed in; the ramp-up apart (each log-in hashes a password).",
        "",
        "| kind | requests | share | median | p95 | max | ramp-up p95 | statuses |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, k in summary["kinds"].items():
        statuses = ", ".join(f"{c}: {n}" for c, n in sorted(k["statuses"].items()))
        lines.append(
            f"| {kind} | {k['requests']} | {summary['share'][kind]:.1%} | {k['median_ms']} ms | "
            f"{k['p95_ms']} ms | {k['max_ms']} ms | {k['ramp_up_p95_ms']} ms | {statuses} |"
        )
    lines += [
        "",
        *(f"- {'pass' if ok else 'FAIL'}: {name}" for name, ok in summary["checks"].items()),
    ]
    for failure, count in summary["failures"].items():
        lines.append(f"- failure x{count}: {failure}")
    return "\n".join(lines) + "\n"


def main() -> int:
    args = parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = (args.out or ROOT / "data" / "load" / f"{stamp}-{args.db}-{args.profile}").resolve()
    (out / "data").mkdir(parents=True, exist_ok=True)
    print(f"preparing the demo on {args.db} in {out}", flush=True)
    env = prepare(args, out / "data")
    log = out / "gunicorn.log"
    server = serve(args, env, log)
    spike = args.profile == "spike"
    spawn = args.spawn_rate or (args.users if spike else 2)
    env |= {
        "LOAD_PROFILE": args.profile,
        "LOAD_WRITE_SHARE": str(args.write_share),
        "LOAD_UPLOAD_KB": str(args.upload_kb or (300 if spike else 1)),
        "LOAD_RESULT": str(out / "raw.json"),
        "LOAD_USERS": str(args.users),
    }
    command = [str(BIN / "locust"), "-f", str(HERE / "locustfile.py"), "--headless"]
    command += ["--users", str(args.users), "--spawn-rate", str(spawn)]
    command += ["--run-time", args.duration, "--stop-timeout", "10", "--only-summary"]
    command += ["--host", f"http://127.0.0.1:{args.port}", "--csv", str(out / "locust")]
    command += ["--loglevel", "WARNING"]
    sampler = LoadSampler()
    sampler.start()
    print(f"running locust: {args.users} users for {args.duration}", flush=True)
    try:
        with (out / "locust.log").open("wb") as locust_log:
            subprocess.run(
                command, env=env, stdout=locust_log, stderr=subprocess.STDOUT, check=False
            )
    finally:
        sampler.done.set()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    raw = json.loads((out / "raw.json").read_text(encoding="utf-8"))
    summary = summarise(args, raw, log.read_text(encoding="utf-8", errors="replace"), sampler)
    (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    text = markdown(summary)
    (out / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
