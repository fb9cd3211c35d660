"""Fixtures of the operations tests: the demo world's committed database and files, reached by
the real `layak` script in subprocesses, and empty places (a fresh LAYAK_DATA_DIR, or on
PostgreSQL a new database created and dropped here) to restore into."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

LAYAK = Path(sys.executable).with_name("layak")


@dataclass(frozen=True)
class Place:
    """Where a `layak` subprocess works: its data folder and database."""

    data_dir: Path
    database_url: str | None

    @property
    def files(self) -> Path:
        return self.data_dir / "files"

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LAYAK_", "DJANGO_"))}
        env.pop("DATABASE_URL", None)
        env.update(LAYAK_DATA_DIR=str(self.data_dir), LAYAK_LANGUAGE="id", **extra)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def tables(self) -> list[str]:
        """The place's database tables, read without Django (empty when there is none)."""
        if self.database_url is None:
            path = self.data_dir / "layak.sqlite3"
            if not path.exists():
                return []
            with closing(sqlite3.connect(path)) as db:
                rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                return sorted(r[0] for r in rows)
        import psycopg

        with psycopg.connect(self.database_url.replace("postgres://", "postgresql://", 1)) as db:
            rows = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            return sorted(r[0] for r in rows)

    def run(self, *args: object, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(LAYAK), *(str(a) for a in args)],
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    def python(self, code: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code],
            env=self.env(DJANGO_SETTINGS_MODULE="layak.settings", **extra),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )


def _url_with_name(name: str) -> str:
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def source(
    demo_world: object, isolated_file_storage: Path, tmp_path_factory: pytest.TempPathFactory
) -> Place:
    """The test database with the committed demo world and the session's stored files, as a
    running installation would have them (files/ is a link to the tests' storage folder)."""
    from django.db import connection

    data_dir = tmp_path_factory.mktemp("source")
    (data_dir / "files").symlink_to(isolated_file_storage, target_is_directory=True)
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        return Place(data_dir, f"sqlite:///{Path(name).resolve()}")
    return Place(data_dir, _url_with_name(name))


@pytest.fixture
def empty_place(tmp_path: Path) -> Iterator[Callable[[], Place]]:
    """`empty_place()` makes a new empty place: a data folder, and on PostgreSQL a database."""
    from django.db import connection

    made: list[str] = []

    def make() -> Place:
        data_dir = tmp_path / f"copy-{len(made)}-{uuid.uuid4().hex[:6]}"
        data_dir.mkdir()
        if connection.vendor == "sqlite":
            made.append("")
            return Place(data_dir, None)
        name = f"{connection.settings_dict['NAME']}_ops_{uuid.uuid4().hex[:8]}"
        _admin(f'CREATE DATABASE "{name}"')
        made.append(name)
        return Place(data_dir, _url_with_name(name))

    yield make
    for name in made:
        if name:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(sql: str) -> None:
    """CREATE/DROP DATABASE from the server's maintenance database (outside a transaction)."""
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=parts.hostname or "",
        port=parts.port or 5432,
        user=parts.username or "",
        password=parts.password or "",
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(sql)  # type: ignore[arg-type]
