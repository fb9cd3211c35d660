"""Concrete URLs of the account pages (layak.accounts) for the access matrix: Budi's account,
which both the administrator and Sari keep, and the administrator's own, which Sari does not."""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt
from django.urls import reverse

from layak.regions.models import Agency
from tests.support.people import ANONYMOUS
from tests.web.websupport import Target


def people_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    if name == "regions:people":
        return Target(reverse(name)) if variant == "own" else None
    if name == "regions:person_new":
        if variant != "own":
            return None
        dinsos = Agency.objects.get(region_id="18.72", short_name="Dinsos")
        data = {"username": "ani", "first_name": "Ani", "role": "opd", "region": "18.72"}
        return Target(reverse(name), {**data, "agency": str(dinsos.pk)})
    if variant == "own":
        account = users["budi"]
    elif username == "sari":
        account = users["admin"]
    else:
        return None
    url = reverse(name, args=[account.pk])
    if name == "regions:person":
        data = {"first_name": "Budi", "last_name": "Santoso", "role": "opd", "region": "18.72"}
        return Target(url, {**data, "agency": str(account.agency_id or "")})
    if name == "regions:person_active":
        return Target(url, {"action": "nonaktifkan"})
    if name == "regions:person_reset":
        return Target(url, {})
    if name == "regions:person_unlock":
        if username != ANONYMOUS:  # five failed log-ins to lift
            AccessAttempt.objects.create(
                username=account.username,
                ip_address="10.20.30.40",
                user_agent="",
                http_accept="",
                path_info="/masuk/",
                get_data="",
                post_data="",
                failures_since_start=5,
            )
        return Target(url, {})
    raise AssertionError(f"no concrete URL for {name!r}: add one to webpeople_targets.py")
