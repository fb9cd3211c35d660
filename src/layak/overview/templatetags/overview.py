"""Links of the national table that keep the other filters: order and page."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_query(context: dict[str, Any], key: str) -> str:
    """The query for ordering by `key`: descending first for figures, ascending for names;
    a second click reverses. Back to page one."""
    query = context["request"].GET.copy()
    table = context["table"]
    if table.sort == key:
        order = key if table.descending else f"-{key}"
    else:
        order = key if key == "nama" else f"-{key}"
    query["urut"] = order
    query.pop("hal", None)
    return str(query.urlencode())


@register.simple_tag(takes_context=True)
def page_query(context: dict[str, Any], number: int) -> str:
    query = context["request"].GET.copy()
    query["hal"] = str(number)
    return str(query.urlencode())


@register.filter
def get_name(names: dict[str, str], code: str) -> str:
    return names.get(code, code)
