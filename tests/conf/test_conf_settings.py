"""Settings at start-up (in subprocesses, as they are read once per process) and the database."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SHOW = (
    "import layak.settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.DEBUG, "
    "len(s.SECRET_KEY))"
)


def import_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "DEBUG")
    }
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, "LAYAK_DATA_DIR": str(tmp_path / "data"), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50 characters long"),
        ({"DEBUG": "maybe"}, "DEBUG='maybe'"),
        ({"DATABASE_URL": "mysql://u:p@h/db"}, "scheme 'mysql' is not supported"),
        ({"LAYAK_API_TOKEN_DAYS": "0"}, "LAYAK_API_TOKEN_DAYS=0: must be at least 1"),
        ({"LAYAK_API_TOKEN_DAYS": "9999"}, "LAYAK_API_TOKEN_DAYS=9999: must be at most 366"),
        ({"LAYAK_SESSION_HOURS": "dua belas"}, "LAYAK_SESSION_HOURS='dua belas'"),
        ({"LAYAK_SESSION_HOURS": "0"}, "LAYAK_SESSION_HOURS=0: must be at least 1"),
    ],
)
def test_bad_settings_stop_the_start(tmp_path: Path, env: dict[str, str], message: str) -> None:
    result = import_settings(tmp_path, **env)
    assert result.returncode != 0
    assert "SettingsError" in result.stderr
    assert message in result.stderr


def test_a_generated_secret_key_is_kept_private_and_reused(tmp_path: Path) -> None:
    first = import_settings(tmp_path)
    assert first.returncode == 0, first.stderr
    engine, name, debug, length = first.stdout.split()
    assert (engine, name, debug) == (
        "django.db.backends.sqlite3",
        str(tmp_path / "data" / "layak.sqlite3"),
        "False",
    )
    key_file = tmp_path / "data" / "secret_key"
    assert int(length) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text(encoding="utf-8")
    second = import_settings(tmp_path, DATABASE_URL="postgres://u@h:5433/layak", DEBUG="yes")
    assert second.returncode == 0, second.stderr
    assert second.stdout.split() == ["django.db.backends.postgresql", "layak", "True", length]
    assert key_file.read_text(encoding="utf-8") == key  # not regenerated


def test_a_secret_key_file_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "kunci"
    secret.write_text("k" * 64 + "\n", encoding="utf-8")
    result = import_settings(tmp_path, SECRET_KEY_FILE=str(secret))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "64"
    assert not (tmp_path / "data" / "secret_key").exists()


def reachable(tmp_path: Path, url: str) -> int:
    env = {**os.environ, "DATABASE_URL": url, "LAYAK_DATA_DIR": str(tmp_path / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-W", "ignore", "-m", "layak.conf.reachable"]
    return subprocess.run(command, env=env, capture_output=True, timeout=60, check=False).returncode


def test_an_unreachable_postgres_server_is_reported(tmp_path: Path) -> None:
    assert reachable(tmp_path, "postgres://postgres@127.0.0.1:1/layak") == 1


@pytest.mark.django_db  # so that CI's PostgreSQL run (pytest -m django_db) includes it
def test_a_reachable_server_counts_even_before_its_database_exists(tmp_path: Path) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres:", "postgresql:")):
        pytest.skip("needs DATABASE_URL naming a PostgreSQL server")
    head, _, _ = url.partition("?")
    missing = head.rsplit("/", 1)[0] + "/layak_belum_ada_sama_sekali"
    assert reachable(tmp_path, url) == 0
    assert reachable(tmp_path, missing) == 0  # the tests create test_NAME themselves


@pytest.mark.django_db
def test_migrations_are_applied() -> None:
    tables = set(connection.introspection.table_names())
    assert {
        "accounts_user",
        "auth_group",
        "django_content_type",
        "django_session",
        "evaluation_answer",
        "audit_auditevent",
    } <= tables
    assert "django_migrations" in tables
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = %s", ["auth"])
        (applied,) = cursor.fetchone()
    assert applied >= 10


@pytest.mark.django_db
def test_the_database_is_the_one_database_url_names() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres:", "postgresql:", "pgsql:")) else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_foreign_keys() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite pragmas; this run is on " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL


@pytest.mark.django_db
def test_users_are_created_with_the_fast_hasher(django_user_model) -> None:
    user = django_user_model.objects.create_user("petugas", password="kata-sandi-yang-panjang")
    assert user.password.startswith("md5$")
    assert user.check_password("kata-sandi-yang-panjang")
