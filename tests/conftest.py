"""Fixtures shared by every test: a fast password hasher, the `layak` command in-process and as
a console script, and the Kota Metro demo answers filled into the kla-2024 workbook. The demo's
people and the signed-in client (`users`, `login`) are in tests/support/fixtures.py.

Django's settings are imported by pytest-django before this file runs, so the data folder of
the test process is the default one; subprocesses get their own folder from `layak_env`.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import hypothesis
import openpyxl
import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from pytest_django.fixtures import validate_django_db

from tests.support import dbcache
from tests.support.constraints import checked_sparingly

pytest_plugins = ["tests.support.fixtures"]

# No test fails for being slow on a busy machine: Hypothesis's per-example deadline and its
# too-slow health check are timings, so they are off for the whole suite (benchmarks/ measure
# time). A test's own @settings still choose its number of examples.
hypothesis.settings.register_profile(
    "layak", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("layak")

# The tests make many short-lived objects (requests, rendered templates, ORM rows), and with
# Python's default thresholds (700, 10, 10) the collector ran about 4,000 times in a worker of
# the access matrix, a tenth of its CPU. Collecting less often frees the same cycles later, in
# the same process; no test's outcome depends on when (docs/performance.md, "Seventh pass").
gc.set_threshold(50_000, 50, 100)

REPO = Path(__file__).resolve().parents[1]
LAYAK = Path(sys.executable).with_name("layak")
DEMO_CSV = REPO / "src" / "layak" / "demo" / "data" / "kota-metro-2024.csv"


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher() -> Iterator[None]:
    """MD5 instead of PBKDF2: creating users in tests must not cost a second each."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def tasks_run_at_once() -> Iterator[None]:
    """Background tasks run inside the test that enqueues them (no worker process)."""
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=immediate):
        yield


@pytest.fixture(autouse=True, scope="session")
def own_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Each test process has a data folder of its own (tmp_path_factory's folder is per xdist
    worker): two workers loading the demo at once would otherwise both write the demo password
    into the one LAYAK_DATA_DIR, and one would sign in with the other's."""
    folder = tmp_path_factory.mktemp("data")
    with override_settings(DATA_DIR=folder):
        yield folder


@pytest.fixture(autouse=True, scope="session")
def isolated_file_storage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Evidence files written by tests go to a temporary folder, never the data folder."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("files")
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }
    with override_settings(STORAGES=storages):
        yield folder


@pytest.fixture(scope="session")
def _sqlite_test_db_on_disk(tmp_path_factory: pytest.TempPathFactory) -> None:
    """On SQLite the test database is a file, so that WAL mode applies as it does in use
    (an in-memory database reports journal_mode=memory)."""
    from django.conf import settings

    for alias, db in settings.DATABASES.items():
        if db["ENGINE"] == "django.db.backends.sqlite3":
            folder = tmp_path_factory.mktemp("db")
            db.setdefault("TEST", {})["NAME"] = str(folder / f"test_{alias}.sqlite3")


@pytest.fixture(scope="session")
def _kept_database(  # type: ignore[no-untyped-def]
    request: pytest.FixtureRequest, django_db_modify_db_settings: None, django_db_blocker
) -> bool:
    """True when the test database starts as the copy an earlier run kept of it with the demo
    loaded (tests/support/dbcache.py); False when this run makes it and loads the demo."""
    from django.conf import settings
    from django.db import connection

    if request.config.getvalue("reuse_db") or set(settings.DATABASES) != {"default"}:
        return False
    if connection.vendor == "sqlite":
        return dbcache.restore_sqlite(Path(settings.DATABASES["default"]["TEST"]["NAME"]))
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            return dbcache.restore_postgres(connection)
    return False


@pytest.fixture(scope="session")
def django_db_keepdb(request: pytest.FixtureRequest, _kept_database: bool) -> bool:
    """pytest-django's keep-database flag (--reuse-db), also on when the test database starts
    as a kept copy: Django then migrates it (nothing to apply) instead of making it anew."""
    return bool(request.config.getvalue("reuse_db")) or _kept_database


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    """pytest-django's test databases, where Django's teardown may empty the append-only audit
    log (SQLite's maintenance flag; PostgreSQL's teardown truncates): docs/audit.md."""
    from layak.audit.maintenance import allow_purge

    with django_db_blocker.unblock():
        allow_purge("test database")


@pytest.fixture(autouse=True, scope="session")
def foreign_keys_checked_sparingly() -> Iterator[None]:
    """Each database test's end-of-test foreign-key check leaves out the administrative units
    while no statement has written them (tests/support/constraints.py: 30 s of the suite)."""
    with checked_sparingly():
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, _sqlite_test_db_on_disk: None
) -> None:
    """pytest-django's hook, extended with `_sqlite_test_db_on_disk`."""


@pytest.fixture(autouse=True)
def transactional_tests_start_empty(request: pytest.FixtureRequest) -> None:
    """A transactional test starts from empty tables, as it does after another transactional
    test (whose teardown flushes them). pytest-django runs the database tests first, so under
    pytest-xdist a worker's first transactional test would otherwise meet the demo world that
    worker committed for them (test_deploy_worker_recovery then failed adding its own regions)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or (
        marker is not None and validate_django_db(marker)[0]  # (transaction, reset_sequences, ...)
    )
    if not transactional:
        return
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        call_command("flush", interactive=False, verbosity=0)


class CountingStream:
    """A request body (`wsgi.input`) of `size` bytes that counts how much of it is read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.consumed = 0

    def read(self, amount: int | None = -1) -> bytes:
        left = self.size - self.consumed
        amount = left if amount is None or amount < 0 else min(amount, left)
        self.consumed += amount
        return b"x" * amount

    def readline(self, limit: int = -1) -> bytes:
        return self.read(limit if limit > 0 else 64 * 1024)


@pytest.fixture
def counting_body() -> Callable[[int], CountingStream]:
    """`counting_body(30 * 1024 * 1024)`: pass as `**{"wsgi.input": body}` with its
    CONTENT_LENGTH to a test client call, then check `body.consumed`."""
    return CountingStream


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def layak(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run a management command in-process: `layak("score", path, "--json")`.

    LayakCommand writes refusals to sys.stderr and raises SystemExit(2); both are captured.
    """

    def run(*args: object) -> Result:
        out = io.StringIO()
        capsys.readouterr()  # drop anything printed before
        try:
            call_command(*(str(a) for a in args), stdout=out)
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, out.getvalue() + captured.out, captured.err)

    return run


@pytest.fixture
def layak_env(tmp_path: Path) -> dict[str, str]:
    """Environment for the real `layak` script: its own data folder, Indonesian messages."""
    env = dict(os.environ)
    env["LAYAK_DATA_DIR"] = str(tmp_path / "layak-data")
    env["LAYAK_LANGUAGE"] = "id"
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@pytest.fixture
def layak_script(layak_env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `.venv/bin/layak ARGS` in a subprocess (slow: keep to a few end-to-end checks)."""

    def run(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(LAYAK), *(str(a) for a in args)],
            env={**layak_env, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def _demo_rows() -> list[dict[str, str]]:
    with DEMO_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _typed(text: str) -> int | float | str:
    """A number typed into a cell is stored as a number, anything else as text."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _fill_workbook(template: Path, target: Path, rows: list[dict[str, str]]) -> Path:
    """Write `rows` into the nilai/bukti/catatan cells of the template, as a user would."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["Penilaian"]
    header = [cell.value for cell in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("kode", "nilai", "bukti", "catatan")}
    by_code = {r["kode"]: r for r in rows}
    for row in range(2, sheet.max_row + 1):
        answer = by_code.get(sheet.cell(row, col["kode"]).value)
        if answer is None:
            continue
        for name in ("nilai", "bukti", "catatan"):
            if answer.get(name):
                sheet.cell(row, col[name], _typed(answer[name]))
    workbook.save(target)
    return target


@pytest.fixture(scope="session")
def template_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The kla-2024 workbook as `layak write-template` writes it (do not modify; copy it)."""
    path = tmp_path_factory.mktemp("template") / "penilaian.xlsx"
    call_command("write-template", "--instrument", "kla-2024", str(path), stdout=io.StringIO())
    return path


@pytest.fixture(scope="session")
def demo_xlsx(template_xlsx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template filled with the Kota Metro demo answers (do not modify; copy it)."""
    target = tmp_path_factory.mktemp("demo") / "kota-metro.xlsx"
    return _fill_workbook(template_xlsx, target, _demo_rows())


@pytest.fixture(scope="session")
def demo_csv() -> Path:
    return DEMO_CSV


@pytest.fixture
def demo_rows() -> list[dict[str, str]]:
    """The demo answers as text, one dict (kode, nilai, bukti, catatan) per question."""
    return _demo_rows()


@pytest.fixture(scope="session")
def fill_workbook() -> Callable[[Path, Path, list[dict[str, str]]], Path]:
    """`fill_workbook(template, target, rows)` types rows into a copy of the template."""
    return _fill_workbook


@dataclass(frozen=True)
class DemoWorld:
    """The Kota Metro demo loaded once into the test database (see layak.demo.loader)."""

    cycle_id: int
    password: str


@pytest.fixture(scope="session")
def demo_world(  # type: ignore[no-untyped-def]
    django_db_setup: None,
    django_db_blocker,
    _kept_database: bool,
    own_data_folder: Path,
    isolated_file_storage: Path,
) -> DemoWorld:
    """Loaded once per test session, outside any test's transaction, so every database test
    can start from Kota Metro with its agencies, one account per role and a part-filled
    self-assessment. Tests change it only inside their own rolled-back transaction. The loaded
    world is kept for the next run, and taken up from there when it was
    (tests/support/dbcache.py)."""
    from django.db import connection

    from layak.demo.accounts import demo_password
    from layak.demo.loader import load_demo

    if _kept_database:
        kept = dbcache.restore_files(connection.vendor, own_data_folder, isolated_file_storage)
        return DemoWorld(kept["cycle_id"], kept["password"])
    with django_db_blocker.unblock():
        world = DemoWorld(load_demo().pk, demo_password())
        dbcache.keep(connection, own_data_folder, isolated_file_storage, asdict(world))
    return world


@pytest.fixture
def world(demo_world: DemoWorld, db: None) -> DemoWorld:
    """The demo world inside a test's transaction."""
    return demo_world


@pytest.fixture
def cycle(world: DemoWorld) -> Any:
    """Kota Metro's current cycle, fetched fresh (stage windows are read from the database)."""
    from layak.evaluation.models import Cycle

    return Cycle.objects.with_instrument().get(pk=world.cycle_id)


@pytest.fixture
def person(world: DemoWorld) -> Callable[[str], Any]:
    """`person("sari")`: a demo account by username."""
    from layak.accounts.models import User

    return lambda username: User.objects.get(username=username)


@pytest.fixture
def agency(cycle: Any) -> Callable[[str], Any]:
    """`agency("Dinkes")`: one of Kota Metro's agencies by short name."""
    from layak.regions.models import Agency

    return lambda short: Agency.objects.get(region=cycle.region, short_name=short)


@pytest.fixture
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    """The text layer of a PDF, page by page as pdftotext lays it out."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def read(document: bytes) -> str:
        path = tmp_path / "report.pdf"
        path.write_bytes(document)
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode("utf-8")

    return read
