"""The registry pages cost a fixed number of queries whatever the number of institutions,
decrees, trainings and participants (no N+1); and the kinds the pages show are the core's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layak.core.registries import KINDS
from layak.registries.models import (
    Designation,
    Institution,
    Kind,
    Participant,
    TrainingEvent,
)


def fill(users: dict[str, Any], agency: Callable[[str], Any], start: int, count: int) -> None:
    """`count` more puskesmas and schools, each with a decree, and a training with people."""
    for n in range(start, start + count):
        for kind in ("puskesmas", "sekolah_sd"):
            institution = Institution.objects.create(
                region_id="18.72", kind=kind, name=f"{kind} {n}", unit_id="18.72.01.1005"
            )
            Designation.objects.create(
                institution=institution,
                number=f"SK {n}",
                issued_on="2024-01-02",
                valid_from=2024,
                created_by=users["sari"],
            )
        event = TrainingEvent.objects.create(
            region_id="18.72",
            title=f"Pelatihan {n}",
            held_on="2024-05-20",
            organiser="Dinkes",
            hours=8,
            created_by=users["budi"],
        )
        for short in ("Dinkes", "Disdikbud"):
            Participant.objects.create(event=event, name=f"Peserta {n}", agency=agency(short))


def counts(client: Client) -> dict[str, int]:
    found = {}
    for url in (
        reverse("registries:index") + "?tahun=2024",
        reverse("registries:kind", args=["puskesmas"]) + "?tahun=2024",
        reverse("registries:trainings") + "?tahun=2024",
        reverse("registries:event", args=[TrainingEvent.objects.order_by("pk").first().pk]),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        found[url.split("?")[0]] = len(queries)
    return found


@pytest.mark.django_db
def test_registry_pages_cost_the_same_for_3_or_43_institutions(
    login: Callable[[str], Client], users: dict[str, Any], agency: Callable[[str], Any]
) -> None:
    fill(users, agency, 0, 3)
    sari = login("sari")
    counts(sari)  # the first request warms the session and the instrument
    few = counts(sari)
    fill(users, agency, 3, 40)
    many = counts(sari)
    assert many == few
    # Measured on SQLite: index 10, kind 10, trainings 14, event 11 (session, user, the
    # header's notices and the session save included); a margin of two.
    assert max(few.values()) <= 16, few


def test_the_kinds_on_the_pages_are_the_cores() -> None:
    assert [k.code.value for k in KINDS] == list(Kind.values)
