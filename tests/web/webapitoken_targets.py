"""Concrete URLs of the *Token API* page for the authorisation matrix (test_web_access): the
`target` fixture hands every "apitoken:" name to `apitoken_target`. "own" is a token of the
person's own; "other" is one of Budi's (Dewi's for Budi himself). The API itself (/api/v1/,
namespace "api") has its own complete matrix in tests/api/test_api_matrix.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tests.support.people import ANONYMOUS
from tests.web.websupport import Target


def apitoken_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    from layak.api.tokens import create_token
    from layak.demo.accounts import demo_password

    if name == "apitoken:list":
        # Signed in without the log-in form, so the page asks for the password again.
        data = {"name": "uji matriks", "password": demo_password()}
        return Target(reverse(name), data) if variant == "own" else None
    if name == "apitoken:revoke":
        if variant == "own":
            owner = users["sari" if username == ANONYMOUS else username]
        else:
            owner = users["dewi" if username == "budi" else "budi"]
        token, _text = create_token(owner, "uji matriks")
        return Target(reverse(name, args=[token.pk]))
    raise AssertionError(f"no concrete URL for {name!r}: add one to webapitoken_targets.py")
