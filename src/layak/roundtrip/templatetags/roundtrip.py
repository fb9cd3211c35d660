"""`{% excel_card cycle %}`: the "Unduh Excel" / "Unggah Excel" card of the question list, for
the people who handle agency workbooks (nothing for anyone else)."""

from __future__ import annotations

from typing import Any

from django import template

from layak.accounts import policy
from layak.accounts.roles import Role
from layak.evaluation.policy import manages_cycle
from layak.roundtrip.export import books_agencies

register = template.Library()


@register.inclusion_tag("roundtrip/_excel_card.html", takes_context=True)
def excel_card(context: dict[str, Any], cycle: Any) -> dict[str, Any]:
    user = context["request"].user
    agencies = books_agencies(user, cycle)
    return {
        "cycle": cycle,
        "agencies": agencies,
        "can_upload": policy.role_of(user) is not Role.ADMIN,
        "can_zip": manages_cycle(user, cycle),
        "csrf_token": context.get("csrf_token"),
    }
