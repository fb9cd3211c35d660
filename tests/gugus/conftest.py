"""Fixtures of the task-force tests: the Kota Metro demo's people by username, a signed-in
client, the cycle, and the demo's task force (decree, meetings, action items, RAD KLA)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

METRO = "18.72"
PEOPLE = ("admin", "sari", "kartika", "budi", "dewi", "rina", "oki", "vina", "nadia", "mitra",
          "forumanak")  # fmt: skip


@pytest.fixture
def users(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=PEOPLE)}


@pytest.fixture
def login(client: Client, users: dict[str, Any]) -> Callable[[str], Client]:
    """`login("budi")` signs the test client in as budi (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != "anon":
            client.force_login(users[username])
        return client

    return sign_in


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
