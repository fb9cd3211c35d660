"""Start-up system checks (`layak check`, runserver, migrate): what would fail later."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from layak.core.loader import InstrumentError, builtin_ids, load_builtin


@register()
def data_dir_writable(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    data_dir = settings.DATA_DIR
    if not data_dir.is_dir() or not os.access(data_dir, os.W_OK):
        return [
            Error(
                f"LAYAK_DATA_DIR {data_dir} is not a writable folder",
                hint="Create it or point LAYAK_DATA_DIR at a writable folder.",
                id="layak.E001",
            )
        ]
    return []


@register()
def builtin_instruments_valid(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for instrument_id in builtin_ids():
        try:
            load_builtin(instrument_id)
        except InstrumentError as error:
            errors.append(
                Error(
                    f"built-in instrument {instrument_id} is invalid: {error.render('en')}",
                    id="layak.E002",
                )
            )
    return errors


def _on_this_machine(host: str) -> bool:
    """A Unix socket, localhost or a loopback address: the connection never leaves the machine."""
    if not host or host.startswith("/") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# libpq's modes that check the server's certificate against a trusted CA (sslrootcert).
VERIFYING_SSLMODES = ("verify-ca", "verify-full")


@register(Tags.security, deploy=True)
def connections_leave_the_machine_encrypted(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """`check --deploy`: the database, the SMTP server and object storage, when they are on
    another machine, are reached over TLS that checks the server's certificate (ASVS 12.3)."""
    found: list[CheckMessage] = []
    for database in settings.DATABASES.values():
        host = str(database.get("HOST") or "")
        if database["ENGINE"] != "django.db.backends.postgresql" or _on_this_machine(host):
            continue
        if database.get("OPTIONS", {}).get("sslmode") not in VERIFYING_SSLMODES:
            found.append(
                Warning(
                    f"DATABASE_URL: PostgreSQL on {host} without a verified TLS connection",
                    hint="Add ?sslmode=verify-full (with sslrootcert=/path/ca.crt for an "
                    "internal CA) to DATABASE_URL.",
                    id="layak.W001",
                )
            )
    smtp = settings.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    encrypted = settings.EMAIL_USE_TLS or getattr(settings, "EMAIL_USE_SSL", False)
    if smtp and not encrypted and not _on_this_machine(settings.EMAIL_HOST):
        found.append(
            Warning(
                f"EMAIL_HOST {settings.EMAIL_HOST}: e-mail would be sent without TLS",
                hint="Leave EMAIL_USE_TLS on (the default); Django then checks the server's "
                "certificate.",
                id="layak.W002",
            )
        )
    endpoint = str(settings.STORAGES["default"].get("OPTIONS", {}).get("endpoint_url") or "")
    if endpoint.startswith("http://") and not _on_this_machine(urlsplit(endpoint).hostname or ""):
        found.append(
            Warning(
                f"LAYAK_S3_ENDPOINT_URL {endpoint}: evidence files would travel unencrypted",
                hint="Use the store's https:// address.",
                id="layak.W003",
            )
        )
    return found
