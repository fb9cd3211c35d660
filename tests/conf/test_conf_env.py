"""Typed environment readers: bad values are refused with the variable's name, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from layak.conf.env import (
    SettingsError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("ya", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("tidak", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_documented_spellings(value: str, expected: bool) -> None:
    assert env_bool("DEBUG", not expected, {"DEBUG": value}) is expected


def test_env_bool_refuses_anything_else_and_defaults_when_unset() -> None:
    with pytest.raises(SettingsError, match=r"DEBUG='maybe'.*true/false"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})
    assert env_bool("DEBUG", True, {}) is True


def test_env_int() -> None:
    assert env_int("N", 5, environ={"N": " 12 "}) == 12
    assert env_int("N", 5, environ={}) == 5
    assert env_int("N", 5, environ={"N": "  "}) == 5
    assert env_int("N", 5, minimum=1, maximum=10, environ={"N": "10"}) == 10
    with pytest.raises(SettingsError, match=r"N='abc': a whole number is required"):
        env_int("N", 5, environ={"N": "abc"})
    with pytest.raises(SettingsError, match="whole number"):
        env_int("N", 5, environ={"N": "2.5"})
    with pytest.raises(SettingsError, match="N=0: must be at least 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})
    with pytest.raises(SettingsError, match="N=11: must be at most 10"):
        env_int("N", 5, maximum=10, environ={"N": "11"})


def test_env_str_list_and_path(tmp_path: Path) -> None:
    assert env_str("X", "bawaan", {}) == "bawaan"
    assert env_str("X", "bawaan", {"X": ""}) == ""
    assert env_list("H", ["a"], {"H": " layak.go.id, ,localhost "}) == ["layak.go.id", "localhost"]
    assert env_list("H", ["a"], {}) == ["a"]
    assert env_path("D", tmp_path, {}) == tmp_path.resolve()
    assert env_path("D", Path("/x"), {"D": str(tmp_path / "a" / ".." / "b")}) == tmp_path / "b"


def test_env_secret_reads_the_value_or_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("  rahasia-dari-berkas\n", encoding="utf-8")
    assert env_secret("SECRET_KEY", {"SECRET_KEY": "langsung"}) == "langsung"
    assert env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(secret)}) == "rahasia-dari-berkas"
    assert env_secret("SECRET_KEY", {}) is None
    assert env_secret("SECRET_KEY", {"SECRET_KEY": ""}) is None


def test_env_secret_refuses_both_and_an_unreadable_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("x", encoding="utf-8")
    both = {"SECRET_KEY": "a", "SECRET_KEY_FILE": str(secret)}
    with pytest.raises(SettingsError, match="either SECRET_KEY or SECRET_KEY_FILE, not both"):
        env_secret("SECRET_KEY", both)
    with pytest.raises(SettingsError, match=r"SECRET_KEY_FILE=.*cannot be read"):
        env_secret("SECRET_KEY", {"SECRET_KEY_FILE": str(tmp_path / "tidak-ada")})


def test_database_from_a_postgres_url() -> None:
    db = database_from_url("postgres://layak:p%40ss@db.internal:5433/layak_prod?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("layak_prod", "layak", "p@ss")
    assert (db["HOST"], db["PORT"]) == ("db.internal", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}
    assert database_from_url("postgresql://u:pw@host:5433/db")["NAME"] == "db"
    plain = database_from_url("postgres://user:pw@host:5433/db")
    assert (plain["USER"], plain["PASSWORD"], plain["PORT"]) == ("user", "pw", "5433")
    assert database_from_url("postgres://h/db")["PORT"] == ""


def test_database_from_a_sqlite_url() -> None:
    db = database_from_url("sqlite:////abs/path/layak.sqlite3")
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == "/abs/path/layak.sqlite3"
    # docs/settings.md writes sqlite:///absolute/path: three slashes give the same file.
    assert database_from_url("sqlite:///abs/path/layak.sqlite3")["NAME"] == db["NAME"]
    init = db["OPTIONS"]["init_command"]
    assert "journal_mode=WAL" in init
    assert "foreign_keys=ON" in init
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@host/db", "scheme 'mysql' is not supported"),
        ("postgres://user:pw@host:5433/", "database name is missing"),
        ("postgres://user:pw@host:5433", "database name is missing"),
        ("postgres://user:pw@host:port/db", "port is not a number"),
        ("sqlite:///", "sqlite needs a file path"),
        ("layak.sqlite3", "scheme '' is not supported"),
    ],
)
def test_database_urls_that_are_refused(url: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        database_from_url(url)
