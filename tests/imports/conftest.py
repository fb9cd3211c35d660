"""Fixtures of the import property tests (issue 8, T5): Kota Metro's demo cycle and people, and
a way to see everything an import could have written (answers, datasets, agencies, regions,
audit rows, previews, jobs and stored files) so that "nothing was written" is one comparison.

Hypothesis runs many examples inside one test's transaction; each example runs inside its own
savepoint that is rolled back (`imports_support.rolled_back`), so examples never see each
other's writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in Indonesian whatever CI's LANG is."""
    monkeypatch.setenv("LAYAK_LANGUAGE", "id")


@pytest.fixture
def files_root(isolated_file_storage: Path) -> Path:
    """The folder the default file storage writes to in tests (evidence, uploads)."""
    return isolated_file_storage


@pytest.fixture
def metro(world: Any) -> Any:
    from layak.regions.models import Region

    return Region.objects.get(code="18.72")
