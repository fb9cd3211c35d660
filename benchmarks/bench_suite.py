"""The test suite's time measured against a fixed reference workload on the same machine.

The machines this project is built on vary by a factor of two to four in what the suite costs
(docs/performance.md, "Eighth pass"), and a tight arithmetic loop does not show it. A wall-clock
target for the suite is therefore checked here as a ratio: the suite's wall and CPU time divided
by the time of a reference that does what the suite does most, in Django but none of Layak's
code (so that a change to Layak does not move it):

- create 100 users and 20 groups in an in-memory SQLite database (django.contrib.auth's own
  models and migrations), then query them through the ORM: filters, joins, counts;
- render a template with a loop, conditions and filters over 60 users 100 times.

Django's version is pinned in uv.lock, so the reference stays the same work. It runs in a fresh
process (`--reference-only` is that process), best of five.

    .venv/bin/python benchmarks/bench_suite.py              # reference, then `make quick`'s run
    .venv/bin/python benchmarks/bench_suite.py --reference-only
    .venv/bin/python benchmarks/bench_suite.py --target 120  # say which target the ratio meets
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
RUNS = 5
# `make quick`'s command (Makefile), without make's own start-up.
QUICK = [str(BIN / "pytest"), "-n", "auto", "--maxschedchunk", "2", "-m", "not browser"]

TEMPLATE = """{% for user in users %}<tr class="{% cycle 'odd' 'even' %}">
<td>{{ user.username|upper }}</td><td>{{ user.email|default:"-" }}</td>
<td>{% if user.is_staff %}staff{% elif user.is_active %}active{% else %}off{% endif %}</td>
<td>{{ user.date_joined|date:"j M Y" }}</td><td>{{ forloop.counter|floatformat:2 }}</td>
{% for group in user.groups.all %}<td>{{ group.name|title }}</td>{% endfor %}</tr>
{% endfor %}"""


def reference_once() -> float:
    """One run of the reference work, in seconds (Django configured by `reference_setup`)."""
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.db.models import Count, Q
    from django.template import Context, Engine

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM auth_user_groups")
        cursor.execute("DELETE FROM auth_user")
        cursor.execute("DELETE FROM auth_group")
    groups = [Group.objects.create(name=f"group {n}") for n in range(20)]
    for n in range(100):
        user = User.objects.create(
            username=f"user{n}", email=f"user{n}@example.org" if n % 3 else "", is_staff=n % 7 == 0
        )
        user.groups.add(groups[n % 20], groups[(n * 7) % 20])
    for n in range(100):
        list(User.objects.filter(Q(username__startswith=f"user{n % 10}") | Q(is_staff=True)))
        User.objects.filter(groups__name=f"group {n % 20}").count()
    list(Group.objects.annotate(members=Count("user")).order_by("-members"))
    engine = Engine(debug=False)
    template = engine.from_string(TEMPLATE)
    users = list(User.objects.prefetch_related("groups")[:60])
    for _ in range(100):
        template.render(Context({"users": users}))
    return time.perf_counter() - started


def reference_setup() -> None:
    import django
    from django.conf import settings

    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
        USE_TZ=True,
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def reference() -> float:
    """The best of RUNS runs, in a fresh process."""
    out = subprocess.run(
        [sys.executable, __file__, "--reference-only", "--quiet"],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference-only", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--target", type=float, help="a wall-time target for the run, seconds")
    options = parser.parse_args()
    if options.reference_only:
        reference_setup()
        times = [reference_once() for _ in range(RUNS)]
        if options.quiet:
            print(f"{min(times):.4f}")
        else:
            print(f"reference: best {min(times):.3f} s, median {statistics.median(times):.3f} s")
        return

    before = reference()
    env = {**os.environ, "LAYAK_QUICK_EXAMPLES": "1", "PYTHONPATH": str(ROOT / "src")}
    env.pop("DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cpu = children_cpu()
    started = time.perf_counter()
    run = subprocess.run(QUICK, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    cpu = children_cpu() - cpu
    after = reference()
    ref = (before + after) / 2
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"reference: {before:.3f} s before, {after:.3f} s after (mean {ref:.3f} s)")
    print(f"make quick's run: exit {run.returncode}, {run.stdout.strip().splitlines()[-1]}")
    print(f"  wall {wall:.1f} s = {wall / ref:.0f} references")
    print(f"  CPU  {cpu:.1f} s = {cpu / ref:.0f} references")
    if options.target:
        print(
            f"target {options.target:.0f} s of wall time on a machine like this one: "
            f"{'met' if wall <= options.target else 'MISSED'}; "
            f"as a ratio, {options.target / ref:.0f} references"
        )


if __name__ == "__main__":
    main()
