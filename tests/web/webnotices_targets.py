"""Concrete URLs of the inbox (layak.notices) for the access matrix: a person's own notice,
and another person's (which is not there for them: 404)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.support.people import ANONYMOUS
from tests.web.websupport import Target


def notices_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    from layak.notices.models import Kind, Notice

    if name == "notices:inbox":
        return Target(reverse(name)) if variant == "own" else None
    if name == "notices:all_read":
        return Target(reverse(name), {}) if variant == "own" else None
    if name == "notices:preferences":
        return Target(reverse(name), {"email": "harian"}) if variant == "own" else None
    if name == "notices:open":
        if variant == "own":
            owner = users["sari" if username == ANONYMOUS else username]
        else:
            owner = users["dewi" if username == "budi" else "budi"]
        notice = Notice.objects.create(
            recipient=owner,
            kind=Kind.ACTION_DUE,
            params={"what": "uji matriks", "on": "2026-12-06"},
            url="/",
            created_at=timezone.now(),
        )
        return Target(reverse(name, args=[notice.pk]))
    raise AssertionError(f"no concrete URL for {name!r}: add one to webnotices_targets.py")
