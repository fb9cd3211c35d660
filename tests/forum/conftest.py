"""Fixtures of the Forum Anak tests: the forum's records (the demo's people, `users` and
`login`, come from tests/support/fixtures.py)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def city_forum(world: Any) -> Any:
    from layak.forum.models import ForumGroup

    return ForumGroup.objects.select_related("region", "city").get(region_id="18.72")
