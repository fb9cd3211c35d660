"""The fixtures that bring the demo's people into a test (a pytest plugin, registered by
`pytest_plugins` in tests/conftest.py, so every folder has the same ones).

- `users["budi"]`: the demo's accounts by username (every one of `people.USERNAMES`).
- `login("budi")`: the test client signed in as budi; `login("anon")` signs it out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from layak.accounts.models import User
from tests.support.people import ANONYMOUS, USERNAMES


@pytest.fixture
def users(world: Any) -> dict[str, User]:
    """`users["budi"]`: every demo account of tests/support/people.py, by username."""
    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


@pytest.fixture
def login(client: Client, users: dict[str, User]) -> Callable[[str], Client]:
    """`login("budi")` signs the test client in as budi (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != ANONYMOUS:
            client.force_login(users[username])
        return client

    return sign_in
