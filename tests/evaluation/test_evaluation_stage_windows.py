"""Stage dates in the region's own time: Sari enters them in WIB (Kota Metro is in Lampung), the
database keeps UTC, and the pages show WIB again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.evaluation.models import StageWindow

pytestmark = pytest.mark.django_db


def test_a_window_entered_as_eight_wib_is_stored_as_one_utc_and_shown_as_eight_wib(
    login: Callable[[str], Client], cycle: Any
) -> None:
    sari = login("sari")
    url = reverse("evaluation:window_edit", args=[cycle.pk, "verifikasi_lapangan"])
    response = sari.post(
        url,
        {
            "opens_at": f"{cycle.year}-09-01T08:00",
            "closes_at": f"{cycle.year}-09-30T16:00",
            "documents_until": f"{cycle.year}-10-02T16:00",
        },
    )
    assert response.status_code == 302

    window = StageWindow.objects.get(cycle=cycle, stage="verifikasi_lapangan")
    assert window.opens_at == datetime(cycle.year, 9, 1, 1, 0, tzinfo=UTC)
    assert window.closes_at == datetime(cycle.year, 9, 30, 9, 0, tzinfo=UTC)
    event = AuditEvent.objects.filter(action="stage.schedule").get()
    assert event.actor_name == "sari"
    assert event.after["opens_at"] == f"{cycle.year}-09-01T01:00:00+00:00"
    assert event.after["zone"] == "WIB"

    form = sari.get(url).content.decode()
    assert f'value="{cycle.year}-09-01T08:00"' in form
    stages = sari.get(reverse("evaluation:stages", args=[cycle.pk])).content.decode()
    assert f"1 Sep {cycle.year} 08:00 WIB" in stages


def test_a_window_that_closes_before_it_opens_is_refused_at_its_field(
    login: Callable[[str], Client], cycle: Any
) -> None:
    sari = login("sari")
    before = list(StageWindow.objects.filter(cycle=cycle).values())
    url = reverse("evaluation:window_edit", args=[cycle.pk, "mandiri"])
    response = sari.post(
        url, {"opens_at": f"{cycle.year}-03-31T08:00", "closes_at": f"{cycle.year}-03-01T08:00"}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("closes_at", "stage.closes_before_opening")
    assert list(StageWindow.objects.filter(cycle=cycle).values()) == before
    assert not AuditEvent.objects.filter(action="stage.schedule").exists()
