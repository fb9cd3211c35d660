"""Fixtures of the Profil Anak import tests: files written in the tests (aggregated tables and
small registry extracts with made-up NIKs), Kota Metro from the demo world, and its people.

The demo brings Kota Metro's 2025 dataset; tests that import use 2024 (or say why not).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.profil.profil_import_support import (
    AGGREGATE_HEADER,
    CLEAN_ROWS,
    DIRTY_ROWS,
    EXTRACT_HEADER,
    METRO_VILLAGES,
)


@pytest.fixture(autouse=True)
def indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in Indonesian whatever CI's LANG is; a test switches with LAYAK_LANGUAGE=en."""
    monkeypatch.setenv("LAYAK_LANGUAGE", "id")


@pytest.fixture
def metro_villages() -> dict[str, str]:
    """Kota Metro's 22 kelurahan → kecamatan, from the shipped Kemendagri list."""
    return dict(METRO_VILLAGES)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """`write_csv(rows, header=..., name=...)`: a comma-separated file in a temporary folder."""

    def write(
        rows: Sequence[Sequence[object]],
        header: Sequence[str] = AGGREGATE_HEADER,
        name: str = "tabel.csv",
        encoding: str = "utf-8",
        delimiter: str = ",",
    ) -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    """`write_xlsx({"anak": [header, *rows], "disabilitas": [...]})`: sheets in this order."""

    def write(sheets: dict[str, list[list[Any]]], name: str = "tabel.xlsx") -> Path:
        workbook = openpyxl.Workbook()
        first = workbook.active
        assert first is not None
        workbook.remove(first)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture
def clean_extract(write_csv: Callable[..., Path]) -> Path:
    return write_csv(CLEAN_ROWS, header=EXTRACT_HEADER, name="ekstrak.csv")


@pytest.fixture
def dirty_extract(write_csv: Callable[..., Path]) -> Path:
    return write_csv(DIRTY_ROWS, header=EXTRACT_HEADER, name="ekstrak-kotor.csv")


@pytest.fixture
def aggregate_table(write_csv: Callable[..., Path]) -> Path:
    """Two kelurahan of two kecamatan, single ages and a group; 60 children in all."""
    return write_csv(
        [
            ("18.72.01.1001", "L", "0", "10", "9", "4"),
            ("18.72.01.1001", "P", "0", "12", "12", "6"),
            ("18.72.01.1001", "L", "5-9", "20", "15", "10"),
            ("18.72.02.1001", "P", "16", "18", "9", "9"),
        ]
    )


@pytest.fixture
def metro(world: Any) -> Any:
    from layak.regions.models import Region

    return Region.objects.get(code="18.72")
