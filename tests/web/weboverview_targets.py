"""Concrete URLs of the province and national pages for the authorisation matrix
(test_web_access): the `target` fixture hands every "overview:" name to `overview_target`.
"own" is Lampung (18), the demo's province; "other" is Jawa Barat (32), which only Lampung's
provincial verifier may not see."""

from __future__ import annotations

from django.urls import reverse

from tests.web.websupport import Target

LAMPUNG, JAWA_BARAT = "18", "32"


def overview_target(name: str, username: str, variant: str) -> Target | None:
    own = variant == "own"
    if name == "overview:national":
        return Target(reverse(name)) if own else None
    if name == "overview:province":
        if own:
            return Target(reverse(name, args=[LAMPUNG]))
        return Target(reverse(name, args=[JAWA_BARAT])) if username == "vina" else None
    raise AssertionError(f"no concrete URL for {name!r}: add one to weboverview_targets.py")
