"""The header's Dasbor, Pertanyaan and Laporan links on every page of a region's staff, not only
on the pages of a cycle: they lead to the region's latest cycle where the URL names none (the
inbox, Profil Anak, Gugus Tugas…), so the menu does not change from page to page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from layak.accounts.policy import role_of
from layak.accounts.roles import ANSWER_WRITERS, Role
from layak.evaluation.models import Cycle

# The people of one region who work on its answers (verifiers and the administrator see many
# regions: their way in is the province or national page).
MENU_ROLES = ANSWER_WRITERS | {Role.UNIT_OPERATOR}


def cycle_menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.region_id:
        return {}
    match = getattr(request, "resolver_match", None)
    if match is not None and match.kwargs.get("cycle_id"):
        return {}  # the page's own cycle (layak.web.context.navigation)
    if role_of(user) not in MENU_ROLES:
        return {}
    latest = (
        Cycle.objects.filter(region_id=user.region_id)
        .order_by("-year", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {"nav_cycle_id": latest} if latest is not None else {}
