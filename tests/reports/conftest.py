"""Fixtures of the report tests: the demo's people, a signed-in client, the demo cycle (the
text of a PDF, `pdf_text`, is in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

USERNAMES = ("admin", "sari", "kartika", "budi", "dewi", "rina", "oki", "vina", "nadia", "mitra")


@pytest.fixture
def users(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


@pytest.fixture
def login(client: Client, users: dict[str, Any]) -> Callable[[str], Client]:
    """`login("sari")` signs the test client in (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != "anon":
            client.force_login(users[username])
        return client

    return sign_in
