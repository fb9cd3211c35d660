"""Fixtures of the task-force tests: the demo's task force (decree, meetings, action items,
RAD KLA) and Kota Metro's agencies (the demo's people, `users` and `login`, come from
tests/support/fixtures.py)."""

from __future__ import annotations

from typing import Any

import pytest

METRO = "18.72"


@pytest.fixture
def decree(world: Any) -> Any:
    from layak.gugus.services import current_decree

    found = current_decree(METRO)
    assert found is not None, "the demo loads Kota Metro's task-force decree"
    return found


@pytest.fixture
def agencies(world: Any) -> dict[str, Any]:
    from layak.regions.models import Agency

    return {a.short_name: a for a in Agency.objects.filter(region_id=METRO)}
