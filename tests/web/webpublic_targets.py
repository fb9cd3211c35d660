"""Concrete URLs of the public pages for the authorisation matrix (test_web_access): the
`target` fixture hands every "public:" name to `public_target`. The pages are the same for
everyone, so there is only the "own" variant: Kota Metro (18.72), the demo's region."""

from __future__ import annotations

from django.urls import reverse

from tests.web.websupport import Target

METRO = "18.72"


def public_target(name: str, username: str, variant: str) -> Target | None:
    if variant != "own":
        return None
    if name == "public:index":
        return Target(reverse(name))
    if name == "public:region":
        return Target(reverse(name, args=[METRO]))
    raise AssertionError(f"no concrete URL for {name!r}: add one to webpublic_targets.py")
