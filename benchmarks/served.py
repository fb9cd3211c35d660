"""The national and province pages, the region dashboard and the log-in as production serves
them: gunicorn with deploy/gunicorn.conf.py and production settings, over HTTP on loopback,
beside the same pages in-process (Django's test client) and, with --devserver, on `layak
runserver`.

The data set is the one benchmarks/overview.py seeds for 514 regions (`layak seed-national
--jumlah 514`, three years, SQLite in /tmp/layak-bench-overview-514, kept between runs; or
DATABASE_URL when set). The snapshot is brought up to date before timing, as the background
worker keeps it. A client like a browser (cookies, CSRF token from the log-in form, the
`X-Forwarded-Proto: https` nginx sends) signs in as a national verifier and reads the pages;
a secretariat signs in again and again for the log-in → dashboard path. --profile wraps the
application in cProfile (benchmarks/served_profile.py) and prints where a served request's
time goes. --source serves another checkout's src with its deploy/gunicorn.conf.py (e.g. `git
archive` of an earlier commit), for a before/after on one machine.

    .venv/bin/python benchmarks/served.py [--requests 30] [--logins 10] [--devserver] [--profile]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LAYAK = [sys.executable, "-m", "layak.cli.main"]
PASSWORD = "Bench-served-kata-sandi-2026"  # noqa: S105 (the bench accounts, on a scratch database)
NATIONAL, SECRETARIAT, REGION = "bench.nasional", "bench.sekretariat", "11.01"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(times: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
        "n": len(times),
    }


# --- set-up (child processes with the project's settings) -----------------------------------


def prepare_inside() -> dict[str, Any]:
    """Bench users with a known password, the snapshot up to date; the URLs to read."""
    import django

    django.setup()
    from django.utils import timezone

    from layak.accounts.models import User
    from layak.accounts.roles import Role
    from layak.audit.models import AuditEvent
    from layak.evaluation.models import Cycle
    from layak.overview.snapshots import LOOKBACK, current_figures

    for username, role, region in (
        (NATIONAL, Role.NATIONAL_VERIFIER, None),
        (SECRETARIAT, Role.SECRETARIAT, REGION),
    ):
        user, _ = User.objects.get_or_create(username=username, defaults={"role": role})
        user.role, user.region_id = role, region
        user.set_password(PASSWORD, by_owner=True)
        user.save()
    # Audit events younger than the snapshot's look-back (the seed's own) make every request
    # recompute their regions: wait until they are older, as on a quiet evening.
    newest = AuditEvent.objects.order_by("-at").values_list("at", flat=True).first()
    if newest is not None:
        time.sleep(max(0.0, (newest + LOOKBACK - timezone.now()).total_seconds() + 1))
    year = timezone.localdate().year
    start = time.perf_counter()
    current_figures(year)
    return {
        "cycle": Cycle.objects.get(region_id=REGION, year=year).pk,
        "snapshot_s": round(time.perf_counter() - start, 2),
    }


def in_process(pages: dict[str, str], requests: int, logins: int) -> dict[str, Any]:
    """The same pages with Django's test client in this process, and one password check."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import get_hasher
    from django.test import Client

    from layak.accounts.models import User

    result: dict[str, Any] = {}
    anonymous, times = Client(HTTP_HOST="localhost"), []
    for _ in range(requests + 3):
        start = time.perf_counter()
        assert anonymous.get("/masuk/", secure=True).status_code == 200
        times.append(time.perf_counter() - start)
    result["log-in form (fixed cost of a request)"] = figures(times[3:])
    reader = Client(HTTP_HOST="localhost")
    reader.force_login(User.objects.get(username=NATIONAL))
    for label, url in pages.items():
        for _ in range(3):
            reader.get(url, secure=True)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            response = reader.get(url, secure=True)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        result[label] = figures(times)
    # The national verifier signs in here: a secretariat's log-in is an audit event of its
    # region, which Layak before this benchmark counted as a change to recompute for a minute.
    posts = []
    for _ in range(logins):
        client = Client(HTTP_HOST="localhost")
        start = time.perf_counter()
        response = client.post("/masuk/", {"username": NATIONAL, "password": PASSWORD}, secure=True)
        posts.append(time.perf_counter() - start)
        assert response.status_code == 302, response.status_code
    result["log-in POST"] = figures(posts)
    hasher = get_hasher()
    encoded = User.objects.get(username=SECRETARIAT).password
    checks = []
    for _ in range(5):
        start = time.perf_counter()
        assert hasher.verify(PASSWORD, encoded)
        checks.append(time.perf_counter() - start)
    result["password check"] = {
        "hasher": settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1],
        "iterations": getattr(hasher, "iterations", None),
        **figures(checks),
    }
    return result


# --- a browser over HTTP ------------------------------------------------------------------


class Browser:
    """Cookies and keep-alive by hand, so `__Host-` and Secure cookies behave as behind TLS."""

    def __init__(self, port: int, behind_proxy: bool) -> None:
        self.port, self.behind_proxy = port, behind_proxy
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.origin = f"{'https' if behind_proxy else 'http'}://127.0.0.1:{port}"

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes, float]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Encoding": "gzip"}
        if self.behind_proxy:  # what deploy/nginx.conf.example sets
            headers |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = "&".join(f"{k}={v}" for k, v in form.items()).encode()
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": f"{self.origin}/masuk/",
            }
        start = time.perf_counter()
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - start
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, dict(response.getheaders()), content, seconds

    def sign_in(self, username: str) -> tuple[float, float]:
        """The log-in form, then its POST; returns (POST seconds, next page seconds)."""
        self.cookies.clear()
        status, _, page, _ = self.request("GET", "/masuk/")
        assert status == 200, status
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token in the log-in form"
        form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": username}
        status, headers, _, post = self.request("POST", "/masuk/", form | {"password": PASSWORD})
        assert status == 302, f"log-in answered {status}"
        location = headers["Location"].removeprefix(self.origin)
        status, _, _, after = self.request("GET", location)
        assert status == 200, (location, status)
        return post, after


def over_http(
    port: int, behind_proxy: bool, pages: dict[str, str], requests: int, logins: int
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    anonymous = Browser(port, behind_proxy)
    times = [anonymous.request("GET", "/masuk/")[3] for _ in range(requests + 10)]
    result["log-in form (fixed cost of a request)"] = figures(times[10:])
    reader = Browser(port, behind_proxy)
    reader.sign_in(NATIONAL)
    for label, url in pages.items():
        for _ in range(10):  # every worker process renders it once before timing
            reader.request("GET", url)
        times = []
        for _ in range(requests):
            status, _, _, seconds = reader.request("GET", url)
            assert status == 200, (url, status)
            times.append(seconds)
        result[label] = figures(times)
    posts, homes, dashboards = [], [], []
    person = Browser(port, behind_proxy)
    for _ in range(logins):
        post, home = person.sign_in(SECRETARIAT)
        posts.append(post)
        homes.append(home)
        status, _, _, seconds = person.request("GET", pages["dashboard (11.01)"])
        assert status == 200, status
        dashboards.append(seconds)
    result["log-in POST"] = figures(posts)
    result["home after log-in"] = figures(homes)
    result["dashboard after log-in"] = figures(dashboards)
    totals = [p + h + d for p, h, d in zip(posts, homes, dashboards, strict=True)]
    result["log-in → dashboard, total"] = figures(totals)
    # The secretariat's log-ins are audit events of region 11.01, a minute old at most.
    times = []
    for _ in range(requests):
        status, _, _, seconds = reader.request("GET", pages["national"])
        assert status == 200, status
        times.append(seconds)
    result["national, within a minute of a regional log-in"] = figures(times)
    return result


@contextmanager
def server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[None]:
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/masuk/", headers={"X-Forwarded-Proto": "https"})
                connection.getresponse().read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"{command[0]} did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.3)
        yield
    finally:
        process.terminate()
        process.wait(30)


def child(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=514)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--logins", type=int, default=10)
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", help="LAYAK_WEB_WORKERS (default: deploy/gunicorn.conf.py's)")
    parser.add_argument("--devserver", action="store_true", help="also `layak runserver`")
    parser.add_argument("--profile", action="store_true", help="cProfile inside gunicorn")
    parser.add_argument(
        "--source", type=Path, default=ROOT / "src", help="the layak package's src to serve"
    )
    parser.add_argument("--inside", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
        inside = json.loads(args.inside)
        if inside["do"] == "prepare":
            print(json.dumps(prepare_inside()))
        else:
            print(json.dumps(in_process(inside["pages"], args.requests, args.logins)))
        return

    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "LAYAK_ENV")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["PYTHONPATH"] = str(args.source.resolve())
    if not env.get("DATABASE_URL"):
        data = Path(tempfile.gettempdir()) / f"layak-bench-overview-{args.size}"
        env["LAYAK_DATA_DIR"] = str(data)
    data = Path(env.get("LAYAK_DATA_DIR", ROOT / "data"))
    subprocess.run([*LAYAK, "migrate", "-v0"], env=env, check=True)
    this = time.localtime().tm_year
    seed = [*LAYAK, "seed-national", "--jumlah", str(args.size), "--tahun"]
    subprocess.run([*seed, str(this - 2), str(this - 1), str(this)], env=env, check=True)
    prepared = child(env, "--inside", json.dumps({"do": "prepare"}))
    pages = {
        "national": "/nasional/",
        "province (Aceh, 11)": "/provinsi/11/",
        "dashboard (11.01)": f"/siklus/{prepared['cycle']}/",
    }
    production = env | {
        "LAYAK_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LAYAK_BIND": f"127.0.0.1:{args.port}",
        "LAYAK_EMAIL": "console",
    }
    if args.workers:
        production["LAYAK_WEB_WORKERS"] = args.workers
    subprocess.run([*LAYAK, "collectstatic", "--noinput", "-v0"], env=production, check=True)
    load = os.getloadavg()
    report: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "database": "PostgreSQL" if env.get("DATABASE_URL") else "SQLite",
        "snapshot brought up to date (s)": prepared["snapshot_s"],
        "load average before": [round(x, 2) for x in load],
    }
    quick = json.dumps({"do": "measure", "pages": pages})
    report["in-process"] = child(
        production,
        "--inside",
        quick,
        "--requests",
        str(args.requests),
        "--logins",
        str(args.logins),
    )
    config = args.source.resolve().parent / "deploy" / "gunicorn.conf.py"  # that checkout's
    gunicorn = [str(BIN / "gunicorn"), "-c", str(config)]
    gunicorn += ["--no-control-socket"]
    if args.profile:
        for old in data.glob("served-profile-*.prof"):
            old.unlink()
        production["LAYAK_PROFILE_OUT"] = str(data / "served-profile")
        production["PYTHONPATH"] += os.pathsep + str(ROOT / "benchmarks")
        gunicorn += ["served_profile:application"]
    with server(gunicorn, production, args.port, data / "served-gunicorn.log"):
        report["gunicorn"] = over_http(args.port, True, pages, args.requests, args.logins)
    if args.devserver:
        time.sleep(61)  # the secretariat's log-ins older than the snapshot's look-back
        runserver = [*LAYAK, "runserver", f"127.0.0.1:{args.port}", "--noreload"]
        with server(runserver, env, args.port, data / "served-runserver.log"):
            report["runserver"] = over_http(args.port, False, pages, args.requests, args.logins)
    report["load average after"] = [round(x, 2) for x in os.getloadavg()]
    if args.profile:
        report["profile"] = profile_summary(data)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    table(report)


# Where a served request's time goes: label and the (file suffix, function name) it sums.
SQLITE = [("backends/sqlite3/base.py", "execute")] + [
    ("~", f"<method '{m}' of 'sqlite3.Cursor' objects>") for m in ("fetchmany", "fetchone")
]
PARTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("whole request", [("layak/conf/proxy.py", "__call__")]),
    ("database: open a connection", [("backends/base/base.py", "connect")]),
    ("database: SQLite executing and reading rows", SQLITE),
    ("session: load", [("contrib/sessions/backends/db.py", "load")]),
    ("session: save", [("contrib/sessions/middleware.py", "process_response")]),
    ("templates: render", [("template/backends/django.py", "render")]),
    ("national: read the snapshot", [("overview/snapshots.py", "read_snapshot")]),
    ("national: figures of each region", [("overview/queries/figures.py", "_figure")]),
    ("province: live sums", [("overview/queries/figures.py", "region_figures")]),
    ("dashboard: scores and plan", [("evaluation/queries/scores.py", "cycle_scores")]),
    ("password hash", [("~", "<built-in method _hashlib.pbkdf2_hmac>")]),
    ("notices count (header)", [("notices/context.py", "unread")]),
]


def profile_summary(data: Path) -> dict[str, dict[str, float]]:
    """Milliseconds per request in each part, per first path segment, over all workers."""
    import pstats

    summary: dict[str, dict[str, float]] = {}
    segments = {p.name.split("-")[-2] for p in data.glob("served-profile-*.prof")}
    for segment in sorted(segments):
        stats = pstats.Stats(*map(str, data.glob(f"served-profile-{segment}-*.prof")))
        rows = stats.stats.items()  # type: ignore[attr-defined]
        table: dict[str, float] = {}
        calls = 0
        for label, places in PARTS:
            seconds = 0.0
            for (file, _line, function), row in rows:
                if any(function == name and file.endswith(suffix) for suffix, name in places):
                    seconds += row[3]
                    if label == "whole request":
                        calls += row[1]
            table[label] = seconds
        if calls:
            summary[segment] = {k: round(v * 1000 / calls, 1) for k, v in table.items() if v}
            summary[segment]["requests"] = calls
    return summary


def table(report: dict[str, Any]) -> None:
    columns = [c for c in ("in-process", "gunicorn", "runserver") if c in report]
    print("\n| request | " + " | ".join(f"{c} median / p95 ms" for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    labels = dict.fromkeys(k for c in columns for k in report[c] if k != "password check")
    for label in labels:
        cells = []
        for c in columns:
            f = report[c].get(label)
            cells.append(f"{f['median_ms']:g} / {f['p95_ms']:g}" if f else "–")
        print(f"| {label} | " + " | ".join(cells) + " |")
    for segment, parts in report.get("profile", {}).items():
        print(f"\nprofile of /{segment}/ in gunicorn (ms per request, with cProfile's overhead):")
        for label, ms in parts.items():
            print(f"  {label}: {ms:g}")
    check = report["in-process"]["password check"]
    print(f"\npassword check: {check['hasher']}, {check['iterations']} iterations, ", end="")
    print(f"{check['median_ms']:g} ms median")


if __name__ == "__main__":
    main()
