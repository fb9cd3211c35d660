"""Fixtures of the API tests: the demo's people (tests/support) with a personal token each, and
a client that sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def token_of(users: dict[str, Any]) -> Callable[[str], str]:
    """`token_of("budi")`: a fresh personal token of budi's (the text, shown once)."""
    from layak.api.tokens import create_token

    def make(username: str) -> str:
        return create_token(users[username], "uji")[1]

    return make


@pytest.fixture
def api(client: Client, token_of: Callable[[str], str]) -> Callable[..., Any]:
    """`api("budi", "get", "/api/v1/cycles")`, or with username None: no token at all."""
    tokens: dict[str, str] = {}

    def call(username: str | None, method: str, url: str, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if username is not None:
            if username not in tokens:
                tokens[username] = token_of(username)
            headers["Authorization"] = f"Bearer {tokens[username]}"
        return getattr(client, method)(url, headers=headers, **kwargs)

    return call
