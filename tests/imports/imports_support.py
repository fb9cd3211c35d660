"""Helpers of the import property tests: a rolled-back example, a snapshot of every table an
import may write to, and typing into an exported workbook as a person would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
from django.db import transaction

from layak.audit.models import AuditEvent
from layak.evaluation.models import Answer
from layak.profil.models import ProfilCell, ProfilDataset, ProfilDisability, ProfilImport
from layak.regions.models import Agency, Region
from layak.roundtrip.models import ImportPreview

REFUSALS = ("unggahan_ditolak", "profil.refused")


@contextmanager
def rolled_back() -> Iterator[None]:
    """One hypothesis example: everything it writes is undone when it ends."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def world_state(root: Path) -> dict[str, Any]:
    """Everything an import may write: compare two of these to show nothing was written."""
    return {
        "answers": sorted(
            Answer.objects.values_list(
                "cycle_id",
                "question_code",
                "unit_id",
                "value",
                "note",
                "points",
                "status",
                "version",
            ),
            key=str,
        ),
        # A refusal is recorded (T4: one event per refused file); nothing else may be.
        "audit": AuditEvent.objects.exclude(action__in=REFUSALS).count(),
        "previews": ImportPreview.objects.count(),
        "datasets": sorted(
            ProfilDataset.objects.values_list("pk", "region_id", "year", "is_current", "sha256")
        ),
        "cells": ProfilCell.objects.count(),
        "disabilities": ProfilDisability.objects.count(),
        "jobs": ProfilImport.objects.count(),
        "agencies": sorted(
            Agency.objects.values_list("region_id", "short_name", "name", "aliases"), key=str
        ),
        "regions": Region.objects.count(),
        "files": stored_files(root),
    }


class Sheet:
    """An exported agency workbook, opened once, edited cell by cell, saved."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.workbook = openpyxl.load_workbook(path)
        self.sheet = self.workbook["Jawaban"]
        self.header = {str(c.value): c.column for c in self.sheet[1]}

    def rows(self) -> dict[tuple[str, str], int]:
        """(code, unit code) → row number, for every data row."""
        found: dict[tuple[str, str], int] = {}
        for row in range(2, self.sheet.max_row + 1):
            code = self.get(row, "kode")
            unit = str(self.get(row, "unit") or "").split(" ")[0]
            found[(str(code), unit)] = row
        return found

    def get(self, row: int, column: str) -> Any:
        return self.sheet.cell(row, self.header[column]).value

    def type(self, row: int, column: str, value: Any) -> None:
        """As typed in a spreadsheet: text stays text even when it starts with '=' (a
        spreadsheet keeps the apostrophe typed before it as a cell format, not in the text)."""
        cell = self.sheet.cell(row, self.header[column])
        cell.value = value
        if isinstance(value, str) and value:
            cell.data_type = "s"
            cell.quotePrefix = value.startswith(("=", "+", "-", "@"))

    def save(self) -> Path:
        self.workbook.save(self.path)
        return self.path
