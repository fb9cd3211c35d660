"""`{% data_sources cycle question %}`: the question's suppliers as the region knows them, each
coordinated supplier with its coordinating agency (layak.regions.suppliers)."""

from __future__ import annotations

from typing import Any

from django import template

from layak.regions.suppliers import DataSources

register = template.Library()


@register.simple_tag
def data_sources(cycle: Any, question: Any) -> str:
    return DataSources.of(cycle.region_id).text(question.agencies)
