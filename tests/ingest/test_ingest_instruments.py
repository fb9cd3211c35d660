"""An instrument file named on the command line: read, refused when broken or absent, and a
built-in's id still means the built-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layak.core.loader import InstrumentError, instrument_to_data, load_builtin
from layak.ingest.instruments import load_instrument_file, resolve_instrument


def test_a_file_that_is_not_json_or_absent_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "rusak.json"
    broken.write_text("{ not json", encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument_file(broken)
    assert caught.value.problems[0].message.key == "instrument.unreadable"
    with pytest.raises(InstrumentError) as caught:
        load_instrument_file(tmp_path / "tidak-ada.json")
    assert caught.value.problems[0].message.key == "file.missing"


def test_a_good_file_loads_as_the_instrument_it_holds(tmp_path: Path) -> None:
    data = instrument_to_data(load_builtin("kla-2024"))
    data["id"] = "uji"
    good = tmp_path / "baik.json"
    good.write_text(json.dumps(data), encoding="utf-8")
    assert resolve_instrument(str(good)).id == "uji"


def test_a_builtin_id_is_the_builtin() -> None:
    assert resolve_instrument("kla-2024") is load_builtin("kla-2024")


def test_a_name_that_is_neither_is_refused_with_the_builtins() -> None:
    with pytest.raises(InstrumentError) as caught:
        resolve_instrument("kla-1999")
    message = caught.value.problems[0].message
    assert message.key == "instrument.unknown"
    assert "kla-2024" in str(message.params["available"])
