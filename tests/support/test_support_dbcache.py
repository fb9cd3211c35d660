"""The kept test database (tests/support/dbcache.py): named by what it depends on, taken up as
it was kept, and only the newest copies stay."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.support import dbcache


class _SQLite:
    """What `keep` asks of Django's connection, over a plain sqlite3 connection."""

    vendor = "sqlite"

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path)

    def ensure_connection(self) -> None:
        pass


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A repository of its own: sources, the lock file and the fixtures the copy depends on."""
    repo = tmp_path / "repo"
    for name in ("src/layak/demo/loader.py", *dbcache.INPUTS):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f"# {name}\n")
    monkeypatch.setattr(dbcache, "REPO", repo)
    monkeypatch.setattr(dbcache, "CACHE", repo / ".cache" / "testdb")
    dbcache.key.cache_clear()
    yield repo
    dbcache.key.cache_clear()


def _kept(repo: Path, rows: list[tuple[int, str]]) -> dict[str, Any]:
    database = repo / "test.sqlite3"
    database.unlink(missing_ok=True)
    connection = _SQLite(database)
    connection.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
    connection.connection.executemany("INSERT INTO t VALUES (?, ?)", rows)
    connection.connection.commit()
    data, files = repo / "data", repo / "files"
    (data).mkdir(exist_ok=True)
    (files / "bukti").mkdir(parents=True, exist_ok=True)
    (data / "demo-password.txt").write_text("rahasia-uji")
    (files / "bukti" / "1.1.pdf").write_bytes(b"%PDF-1.7")
    dbcache.keep(connection, data, files, {"cycle_id": 7, "password": "rahasia-uji"})
    connection.connection.close()
    return {"data": data, "files": files}


def test_the_name_changes_with_any_source_the_lock_file_or_the_fixtures(tree: Path) -> None:
    first = dbcache.key()
    for name in ("src/layak/demo/loader.py", "uv.lock", "tests/conftest.py"):
        (tree / name).write_text("# changed\n")
        dbcache.key.cache_clear()
        assert dbcache.key() != first
        first = dbcache.key()
    (tree / "README.md").write_text("not an input")
    dbcache.key.cache_clear()
    assert dbcache.key() == first


def test_a_kept_database_and_its_files_come_back_as_they_were(tree: Path, tmp_path: Path) -> None:
    assert not dbcache.restore_sqlite(tmp_path / "nothing-kept.sqlite3")
    _kept(tree, [(1, "Kota Metro"), (2, "Metro Pusat")])

    restored = tmp_path / "worker" / "test_default.sqlite3"
    restored.parent.mkdir()
    assert dbcache.restore_sqlite(restored)
    rows = sqlite3.connect(restored).execute("SELECT id, name FROM t ORDER BY id").fetchall()
    assert rows == [(1, "Kota Metro"), (2, "Metro Pusat")]
    data, files = tmp_path / "worker-data", tmp_path / "worker-files"
    meta = dbcache.restore_files("sqlite", data, files)
    assert meta == {"cycle_id": 7, "password": "rahasia-uji"}
    assert (data / "demo-password.txt").read_text() == "rahasia-uji"
    assert (files / "bukti" / "1.1.pdf").read_bytes() == b"%PDF-1.7"


def test_when_another_worker_keeps_the_copy_first_this_one_is_dropped_quietly(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers that load the demo together both find no copy and both make one; the one
    that renames second keeps nothing and goes on (on SQLite there is no template to drop)."""
    copy = dbcache._copy_sqlite

    def other_worker_finishes_first(connection: Any, path: Path) -> None:
        copy(connection, path)
        other = dbcache._entry("sqlite")
        for folder in ("data", "files"):
            (other / folder).mkdir(parents=True)
        (other / "meta.json").write_text(json.dumps({"cycle_id": 1, "password": "lain"}))

    monkeypatch.setattr(dbcache, "_copy_sqlite", other_worker_finishes_first)
    _kept(tree, [(1, "Kota Metro")])
    assert [p.name for p in dbcache.CACHE.iterdir()] == [f"{dbcache.key()}-sqlite"]
    assert dbcache.restore_files("sqlite", tree / "w-data", tree / "w-files")["password"] == "lain"


def test_a_change_makes_a_new_copy_and_only_the_two_newest_stay(tree: Path) -> None:
    names = []
    for change in range(3):
        (tree / "uv.lock").write_text(f"# lock {change}\n")
        dbcache.key.cache_clear()
        _kept(tree, [(1, f"run {change}")])
        names.append(f"{dbcache.key()}-sqlite")
        # Copies made a second apart, as runs are (the newest are the ones kept).
        os.utime(dbcache.CACHE / names[-1], (1_000_000 + change, 1_000_000 + change))
    kept = sorted(p.name for p in dbcache.CACHE.iterdir())
    assert kept == sorted(names[1:])


def test_the_browser_apps_data_folder_comes_back_without_its_logs(
    tree: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first-run"
    (first / "bukti").mkdir(parents=True)
    (first / "layak.sqlite3").write_bytes(b"SQLite format 3\0")
    (first / "demo-password.txt").write_text("rahasia-uji")
    (first / "bukti" / "1.1.pdf").write_bytes(b"%PDF-1.7")
    (first / "demo.log").write_text("run-demo said this")
    later = tmp_path / "later-run"
    later.mkdir()
    assert not dbcache.restore_app_folder(later)  # nothing kept yet: migrate and run-demo

    dbcache.keep_app_folder(first)
    assert dbcache.restore_app_folder(later)
    assert sorted(str(p.relative_to(later)) for p in later.rglob("*")) == [
        "bukti",
        "bukti/1.1.pdf",
        "demo-password.txt",
        "layak.sqlite3",
    ]
    assert (later / "bukti" / "1.1.pdf").read_bytes() == b"%PDF-1.7"
    (tree / "tests/browser/conftest.py").write_text("# changed\n")
    dbcache.key.cache_clear()
    assert not dbcache.restore_app_folder(tmp_path / "after-a-change")


class _Postgres:
    """What `keep` and `restore_postgres` ask of Django's PostgreSQL connection: the databases
    the server holds, and the statements it was sent."""

    vendor = "postgresql"
    settings_dict = {"NAME": "test_layak"}

    def __init__(self, server: set[str]) -> None:
        self.server = server
        self.sent: list[str] = []
        self.ops = self
        self.creation = self

    def quote_name(self, name: str) -> str:
        return f'"{name}"'

    def _get_test_db_name(self) -> str:
        return "test_layak"

    def close(self) -> None:
        pass

    @contextmanager
    def _nodb_cursor(self) -> Iterator[Any]:
        yield self

    def execute(self, sql: str, params: list[str] | None = None) -> None:
        self.sent.append(sql)
        self.found = [(n,) for n in sorted(self.server) if n.startswith("layak_testcache_")]
        self.one = (1,) if params and params[0] in self.server else None
        if sql.startswith("CREATE DATABASE"):
            self.server.add(sql.split('"')[1])
        elif sql.startswith("DROP DATABASE"):
            self.server.discard(sql.split('"')[1])

    def fetchone(self) -> Any:
        return self.one

    def fetchall(self) -> list[tuple[str]]:
        return self.found


def test_on_postgresql_the_kept_files_come_with_the_template_of_the_same_process(
    tree: Path, tmp_path: Path
) -> None:
    """Two processes that load the demo at once both make a template; the copy kept names the
    one its own files belong to (the demo names its files at random), the other is dropped.
    This checkout's older templates go; another checkout's stay (the server is shared)."""
    older = dbcache._template_prefix().replace(dbcache.key(), "0" * 20) + "abcdef"
    elsewhere = f"layak_testcache_{dbcache.key()}_0a1b2c3d_abcdef"
    legacy = "layak_testcache_" + "1" * 20  # named as before templates named their checkout
    server = {"test_layak", older, elsewhere, legacy}
    data, files = tmp_path / "data", tmp_path / "files"
    data.mkdir()
    files.mkdir()
    first, second = _Postgres(server), _Postgres(server)
    dbcache.keep(first, data, files, {"cycle_id": 7})
    dbcache.keep(second, data, files, {"cycle_id": 7})  # kept already: it makes nothing
    meta = json.loads((dbcache.CACHE / f"{dbcache.key()}-postgresql" / "meta.json").read_text())
    template = meta["template"]
    assert template.startswith(f"layak_testcache_{dbcache.key()}_")
    assert server == {"test_layak", template, elsewhere}
    assert second.sent == []

    later = _Postgres(server)
    assert dbcache.restore_postgres(later)
    assert later.sent[-1] == f'CREATE DATABASE "test_layak" TEMPLATE "{template}"'
    meta["template"] = "layak_testcache_of_another_checkout"
    (dbcache.CACHE / f"{dbcache.key()}-postgresql" / "meta.json").write_text(json.dumps(meta))
    assert not dbcache.restore_postgres(_Postgres(server))
