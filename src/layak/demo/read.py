"""The demo's data files (`layak/demo/data/`): CSV tables and JSON documents, read as text."""

from __future__ import annotations

import csv
import json
from importlib import resources
from typing import Any


def _text(name: str) -> str:
    return (resources.files("layak.demo") / "data" / name).read_text("utf-8")


def csv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a CSV file, each a dict by header."""
    return list(csv.DictReader(_text(name).splitlines()))


def json_data(name: str) -> Any:
    """A JSON document as Python values."""
    return json.loads(_text(name))
