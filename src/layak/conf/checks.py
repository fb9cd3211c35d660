"""Start-up system checks (`layak check`, runserver, migrate): what would fail later."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, register

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
