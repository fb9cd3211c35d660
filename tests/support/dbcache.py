"""The SQLite test database as the demo leaves it, kept between runs in .cache/testdb/,
and the browser tests' data folder with it.

Each test process would otherwise migrate an empty database and load the demo into it (about
9 s of CPU: the 31 migrations, Indonesia's 91,000 administrative units, the demo's records
and files) before its first database test, on every run. The first process that does so keeps
a copy: the database (SQLite's backup API, so a consistent file), the files the demo stored and
its password. A later process whose copy matches takes it up in a fraction of a second;
Django then runs `migrate` on it with nothing to apply (pytest-django's keep-database mode).

The copy is named by a hash of everything that could change it: the sources and data under
src/layak, the locked dependencies and this folder's fixtures. A change to any of them makes a
new copy on the next run; the two newest are kept. On PostgreSQL the database is kept as a
template database that CREATE DATABASE ... TEMPLATE copies, named in the copy's meta.json
(`layak_testcache_<hash>_<checkout>_<n>`: the server is shared by every checkout of the machine,
and a checkout's template goes with its own kept files; the templates of a checkout that is
removed stay until dropped). The test databases of a run that started from it stay after the
run (pytest-django's keep mode) and the next run replaces them. A fresh machine has no copy,
so CI's first run is the ordinary one.

The browser tests' app is kept the same way: its data folder after `layak migrate` and `layak
run-demo --no-serve` (about 12 s of CPU in each test process that runs a browser test).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / ".cache" / "testdb"
KEEP = 2  # copies kept: the newest and the one before it (switching branches back and forth)
# What the copy depends on besides src/layak: the dependencies' versions and the fixtures that
# build the test database and load the demo into it.
INPUTS = ("uv.lock", "tests/conftest.py", "tests/support/dbcache.py", "tests/browser/conftest.py")
# The kinds of copy: the test database on each of the two databases Layak runs on, and the data
# folder of the browser tests' app (`layak migrate` and `layak run-demo` on SQLite).
KINDS = ("sqlite", "postgresql", "browser")


@cache
def key() -> str:
    digest = hashlib.sha256()
    files = [p for p in (REPO / "src" / "layak").rglob("*") if "__pycache__" not in p.parts]
    files += [REPO / name for name in INPUTS]
    for path in sorted(f for f in files if f.is_file()):
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _entry(vendor: str) -> Path:
    return CACHE / f"{key()}-{vendor}"


def _checkout() -> str:
    """This checkout among the others of the machine: the PostgreSQL server is shared by all of
    them, the kept files are not."""
    return hashlib.sha256(str(REPO).encode()).hexdigest()[:8]


def _template_prefix() -> str:
    """The kept templates of this checkout and these sources."""
    return f"layak_testcache_{key()}_{_checkout()}_"


def _ours(template: str) -> bool:
    """A template this checkout made, or one named as before templates named their checkout
    (`layak_testcache_<hash>`), which no run takes up any more."""
    return f"_{_checkout()}_" in template or template.count("_") == 2


def restore_sqlite(test_db: Path) -> bool:
    """Put the kept database where the test database goes; False when there is no copy."""
    entry = _entry("sqlite")
    if not (entry / "meta.json").is_file():
        return False
    shutil.copyfile(entry / "db.sqlite3", test_db)
    return True


def restore_postgres(connection: Any) -> bool:
    """Make the test database a copy of the kept template; False when there is none (or the
    old test database cannot be dropped: Django then makes it as ever)."""
    from django.db import DatabaseError

    meta = _entry("postgresql") / "meta.json"
    if not meta.is_file():
        return False
    template = json.loads(meta.read_text()).get("template")
    if not isinstance(template, str) or not template.startswith(_template_prefix()):
        return False
    test_name = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                return False
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
    except DatabaseError:
        return False
    return True


def restore_files(vendor: str, data_dir: Path, storage: Path) -> dict[str, Any]:
    """The demo's stored files and data folder as the copy kept them; returns the demo's
    facts the copy recorded (its cycle id and password)."""
    entry = _entry(vendor)
    shutil.copytree(entry / "files", storage, dirs_exist_ok=True)
    shutil.copytree(entry / "data", data_dir, dirs_exist_ok=True)
    meta: dict[str, Any] = json.loads((entry / "meta.json").read_text())
    return meta


def keep(connection: Any, data_dir: Path, storage: Path, meta: dict[str, Any]) -> None:
    """Keep a copy of the database behind `connection` (Django's) and of the folders. Written
    under a temporary name and renamed, so a process reading the cache never sees half a copy;
    when another process kept the same copy first, this one is dropped. On PostgreSQL the
    template is this process's own (its name is in meta.json): the database and the files of
    one copy always come from the same process, whose demo named the files."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return  # the two databases Layak runs on; any other is made anew every run
    target = _entry(connection.vendor)
    if target.exists():
        return
    building = CACHE / f".{target.name}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    building.mkdir(parents=True)
    template = None
    try:
        if connection.vendor == "sqlite":
            _copy_sqlite(connection, building / "db.sqlite3")
        else:
            template = _copy_postgres(connection)
            if template is None:
                return
        shutil.copytree(storage, building / "files")
        shutil.copytree(data_dir, building / "data")
        named = {"template": template} if template else {}
        (building / "meta.json").write_text(json.dumps({**meta, **named}))
        try:
            building.rename(target)
        except OSError:
            _drop_templates(connection, [template] if template else [])
            return  # another process kept the same copy first
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _prune(connection)


def _copy_sqlite(connection: Any, path: Path) -> None:
    copy = sqlite3.connect(path)
    try:
        connection.ensure_connection()
        connection.connection.backup(copy)
    finally:
        copy.close()


def _copy_postgres(connection: Any) -> str | None:
    """A template of the test database under a name of this process's own; PostgreSQL copies a
    database only while nobody is connected to it, so this process's connection is closed first
    (it reopens on next use). None when the copy could not be made."""
    from django.db import DatabaseError

    quote = connection.ops.quote_name
    source = connection.settings_dict["NAME"]
    template = _template_prefix() + uuid.uuid4().hex[:6]
    connection.close()
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(source)}")
    except DatabaseError:
        return None
    return template


def _drop_templates(connection: Any, names: list[str]) -> None:
    if not names:
        return  # nothing to connect for (SQLite has no server to connect to without a database)
    with connection._nodb_cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


def restore_app_folder(data_dir: Path) -> bool:
    """Fill the browser tests' empty data folder with the kept one; False when none is kept."""
    entry = _entry("browser")
    if not (entry / "meta.json").is_file():
        return False
    shutil.copytree(entry / "data", data_dir, dirs_exist_ok=True)
    return True


def keep_app_folder(data_dir: Path) -> None:
    """Keep the browser tests' data folder as `layak run-demo` left it (no process has its
    database open then, so a plain copy is consistent); the logs stay behind."""
    target = _entry("browser")
    if target.exists():
        return
    building = CACHE / f".{target.name}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    building.mkdir(parents=True)
    try:
        shutil.copytree(data_dir, building / "data", ignore=shutil.ignore_patterns("*.log"))
        (building / "meta.json").write_text("{}")
        try:
            building.rename(target)
        except OSError:
            return  # another process kept the same copy first
    finally:
        shutil.rmtree(building, ignore_errors=True)
    _prune_copies()


def _prune_copies() -> None:
    """The newest KEEP copies of each kind stay."""
    for kind in KINDS:
        entries = [p for p in CACHE.glob(f"*-{kind}") if p.is_dir()]
        for old in sorted(entries, key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)


def _prune(connection: Any) -> None:
    """The newest KEEP copies of each kind stay; on PostgreSQL, so do their templates (of this
    checkout: other checkouts keep theirs)."""
    _prune_copies()
    if connection.vendor != "postgresql":
        return
    kept = set()
    for meta in CACHE.glob("*-postgresql/meta.json"):
        kept.add(json.loads(meta.read_text()).get("template"))
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'layak_testcache_%%'")
        names = [name for (name,) in cursor.fetchall()]
    _drop_templates(connection, [name for name in names if _ours(name) and name not in kept])
