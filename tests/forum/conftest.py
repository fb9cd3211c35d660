"""Fixtures of the Forum Anak tests (copied from tests/web/conftest.py: each folder keeps its
own): the demo's people by username, a signed-in client, the demo cycle, and the forum's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

USERNAMES = (
    "admin",
    "sari",
    "kartika",
    "budi",
    "dewi",
    "rina",
    "oki",
    "yosomulyo",
    "vina",
    "nadia",
    "mitra",
    "forumanak",
)
ANONYMOUS = "anon"


@pytest.fixture
def users(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


@pytest.fixture
def login(client: Client, users: dict[str, Any]) -> Callable[[str], Client]:
    """`login("sari")` signs the test client in as sari (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != ANONYMOUS:
            client.force_login(users[username])
        return client

    return sign_in


@pytest.fixture
def city_forum(world: Any) -> Any:
    from layak.forum.models import ForumGroup

    return ForumGroup.objects.select_related("region", "city").get(region_id="18.72")
