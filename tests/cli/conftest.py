from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in Indonesian whatever CI's LANG is; a test switches with LAYAK_LANGUAGE=en."""
    monkeypatch.setenv("LAYAK_LANGUAGE", "id")
