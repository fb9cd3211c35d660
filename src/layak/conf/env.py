"""Typed readers of environment variables that refuse bad values instead of guessing.

Every setting of Layak comes from the environment (see docs/settings.md). A secret can also be
given as a file path in NAME_FILE, for container and systemd secrets.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

TRUE = frozenset({"1", "true", "yes", "on", "ya"})
FALSE = frozenset({"0", "false", "no", "off", "tidak", ""})


class SettingsError(Exception):
    """A setting has a value that Layak refuses to start with."""


def _raw(name: str, environ: Mapping[str, str] | None) -> str | None:
    env = os.environ if environ is None else environ
    return env.get(name)


def env_str(name: str, default: str, environ: Mapping[str, str] | None = None) -> str:
    value = _raw(name, environ)
    return default if value is None else value


def env_bool(name: str, default: bool, environ: Mapping[str, str] | None = None) -> bool:
    value = _raw(name, environ)
    if value is None:
        return default
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise SettingsError(f"{name}={value!r}: use one of 1/0, true/false, yes/no, on/off")


def env_int(
    name: str,
    default: int,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    value = _raw(name, environ)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingsError(f"{name}={value!r}: a whole number is required") from None
    if minimum is not None and number < minimum:
        raise SettingsError(f"{name}={number}: must be at least {minimum}")
    if maximum is not None and number > maximum:
        raise SettingsError(f"{name}={number}: must be at most {maximum}")
    return number


def env_list(name: str, default: list[str], environ: Mapping[str, str] | None = None) -> list[str]:
    value = _raw(name, environ)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path, environ: Mapping[str, str] | None = None) -> Path:
    value = _raw(name, environ)
    return (Path(value) if value else default).expanduser().resolve()


def env_secret(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """NAME, or the contents of the file named by NAME_FILE (not both)."""
    value = _raw(name, environ)
    file_name = _raw(f"{name}_FILE", environ)
    if value and file_name:
        raise SettingsError(f"set either {name} or {name}_FILE, not both")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"{name}_FILE={file_name!r}: cannot be read ({exc})") from None
    return value or None


def database_from_url(url: str) -> dict[str, Any]:
    """Django DATABASES entry from `postgres://user:pass@host:port/name` or `sqlite:///path`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        path = unquote(parts.path)
        if not path or path == "/":
            raise SettingsError(
                "DATABASE_URL: sqlite needs a file path, e.g. sqlite:////srv/layak/db.sqlite3"
            )
        return sqlite_database(Path(path[1:] if path.startswith("//") else path))
    if scheme in ("postgres", "postgresql", "pgsql"):
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise SettingsError("DATABASE_URL: the PostgreSQL database name is missing")
        try:
            port = parts.port
        except ValueError:
            raise SettingsError("DATABASE_URL: the port is not a number") from None
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise SettingsError(f"DATABASE_URL: scheme {scheme!r} is not supported (postgres or sqlite)")


def sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        # Kept between requests as for PostgreSQL: a new connection per request re-reads the
        # schema, runs the PRAGMAs below and starts with an empty page cache (docs/performance.md).
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # Writers take the lock at BEGIN, so two writers queue instead of failing mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
            ),
        },
    }
