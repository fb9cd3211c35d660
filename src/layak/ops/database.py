"""The database side of a backup: SQLite through Python's online backup API, PostgreSQL through
its own pg_dump and pg_restore (the ones matching the server's major version).

Row counts come from the same state as the dump: the SQLite copy itself, or the PostgreSQL
transaction whose snapshot pg_dump reads (`--snapshot`), so a running app cannot make them differ.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections, transaction

from layak.ops.errors import OpsRefused

SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"
# libpq reads these from the environment: the password never appears on a command line.
_PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def vendor() -> str:
    return str(connection.vendor)


def _settings() -> dict[str, Any]:
    return dict(settings.DATABASES["default"])


# SQLite ------------------------------------------------------------------------------------


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    quoted = {name: '"' + name.replace('"', '""') + '"' for name in names}
    return {
        name: int(db.execute(f"SELECT COUNT(*) FROM {quoted[name]}").fetchone()[0])  # noqa: S608
        for name in names
    }


def sqlite_backup(folder: Path) -> tuple[str, dict[str, int], str]:
    """Copy the live database page by page (readers and writers go on) into one plain file."""
    out = folder / SQLITE_DUMP
    source = sqlite3.connect(_settings()["NAME"], timeout=20)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
        # One self-contained file: no -wal beside it.
        target.execute("PRAGMA journal_mode=DELETE")
        check = target.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise OpsRefused(
                f"salinan basis data SQLite rusak ({check}); cadangan dibatalkan",
                f"the SQLite copy is damaged ({check}); backup abandoned",
            )
        counts = _sqlite_counts(target)
        version = str(target.execute("SELECT sqlite_version()").fetchone()[0])
    finally:
        target.close()
        source.close()
    return SQLITE_DUMP, counts, version


def _sqlite_target() -> Path:
    return Path(_settings()["NAME"])


def sqlite_tables() -> list[str]:
    path = _sqlite_target()
    if not path.exists():
        return []
    db = sqlite3.connect(path)
    try:
        return list(_sqlite_counts(db))
    finally:
        db.close()


def sqlite_restore(dump: Path) -> None:
    connections.close_all()
    path = _sqlite_target()
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(path)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
    finally:
        target.close()
        source.close()


def sqlite_counts() -> dict[str, int]:
    db = sqlite3.connect(_sqlite_target())
    try:
        return _sqlite_counts(db)
    finally:
        db.close()


# PostgreSQL --------------------------------------------------------------------------------


def pg_environment() -> dict[str, str]:
    db = _settings()
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    for option, name in _PG_OPTIONS.items():
        if option in db.get("OPTIONS", {}):
            env[name] = str(db["OPTIONS"][option])
    return env


def _server_major(cursor: Any) -> int:
    cursor.execute("SHOW server_version_num")
    return int(cursor.fetchone()[0]) // 10000


def pg_tool(name: str, server_major: int) -> str:
    """The server's own major version of pg_dump/pg_restore (Debian keeps one per version)."""
    own = Path(f"/usr/lib/postgresql/{server_major}/bin/{name}")
    path = str(own) if own.exists() else shutil.which(name)
    if path is None:
        raise OpsRefused(
            f"{name} tidak ditemukan: pasang postgresql-client-{server_major}",
            f"{name} not found: install postgresql-client-{server_major}",
        )
    shown = subprocess.run(  # noqa: S603 - a fixed program with a fixed argument
        [path, "--version"], capture_output=True, text=True, check=False
    ).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", shown)
    major = int(found.group(1)) if found else 0
    if major < server_major:
        raise OpsRefused(
            f"{path} versi {major} lebih lama dari server PostgreSQL {server_major}: pasang "
            f"postgresql-client-{server_major}",
            f"{path} is version {major}, older than the PostgreSQL {server_major} server: "
            f"install postgresql-client-{server_major}",
        )
    return path


def _pg_counts(cursor: Any) -> dict[str, int]:
    names = sorted(connection.introspection.table_names(cursor))
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
        counts[name] = int(cursor.fetchone()[0])
    return counts


def postgres_backup(folder: Path) -> tuple[str, dict[str, int], str]:
    out = folder / POSTGRES_DUMP
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_dump reads this transaction's snapshot, so the counts describe the dump exactly.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        major = _server_major(cursor)
        cursor.execute("SHOW server_version")
        version = str(cursor.fetchone()[0])
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        command = [
            pg_tool("pg_dump", major),
            "--format=custom",
            "--no-password",
            f"--snapshot={snapshot}",
            f"--file={out}",
        ]
        done = subprocess.run(  # noqa: S603 - our own arguments; the password is in the env
            command, env=pg_environment(), capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise OpsRefused(
                f"pg_dump gagal: {done.stderr.strip()}", f"pg_dump failed: {done.stderr.strip()}"
            )
        counts = _pg_counts(cursor)
    return POSTGRES_DUMP, counts, version


def postgres_tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def postgres_restore(dump: Path) -> None:
    with connection.cursor() as cursor:
        major = _server_major(cursor)
    connections.close_all()
    command = [
        pg_tool("pg_restore", major),
        "--no-password",
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={_settings()['NAME']}",
        str(dump),
    ]
    done = subprocess.run(  # noqa: S603 - our own arguments; the password is in the env
        command, env=pg_environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise OpsRefused(
            f"pg_restore gagal (tidak ada yang tersimpan: satu transaksi): {done.stderr.strip()}",
            f"pg_restore failed (nothing kept: one transaction): {done.stderr.strip()}",
        )


def postgres_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _pg_counts(cursor)


# Either ------------------------------------------------------------------------------------


def dump(folder: Path) -> tuple[str, dict[str, int], str]:
    """Write the database dump into `folder`: (file name, rows per table, server version)."""
    if vendor() == "sqlite":
        return sqlite_backup(folder)
    if vendor() == "postgresql":
        return postgres_backup(folder)
    raise OpsRefused(f"basis data {vendor()} tidak didukung", f"database {vendor()} unsupported")


def tables() -> list[str]:
    return sqlite_tables() if vendor() == "sqlite" else postgres_tables()


def load(dump_file: Path) -> None:
    if vendor() == "sqlite":
        sqlite_restore(dump_file)
    else:
        postgres_restore(dump_file)


def counts() -> dict[str, int]:
    return sqlite_counts() if vendor() == "sqlite" else postgres_counts()
