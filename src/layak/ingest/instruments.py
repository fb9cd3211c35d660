"""Instrument files someone names on the command line: opened here, checked by the core's loader."""

from __future__ import annotations

import json
from pathlib import Path

from layak.core.instrument import Instrument
from layak.core.loader import InstrumentError, builtin_ids, instrument_from_data, load_builtin
from layak.core.messages import Problem, msg


def load_instrument_file(path: Path) -> Instrument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InstrumentError([Problem(msg("file.missing", path=str(path)))]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InstrumentError([Problem(msg("instrument.unreadable", detail=str(exc)))]) from None
    return instrument_from_data(data)


def resolve_instrument(name_or_path: str) -> Instrument:
    """A built-in instrument by id, or an instrument file by path."""
    if name_or_path in builtin_ids():
        return load_builtin(name_or_path)
    path = Path(name_or_path)
    if path.suffix.lower() == ".json" or path.exists():
        return load_instrument_file(path)
    raise InstrumentError(
        [Problem(msg("instrument.unknown", name=name_or_path, available=", ".join(builtin_ids())))]
    )
