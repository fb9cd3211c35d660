"""The registries' figures over the API: a reader of Kota Metro gets the share of each kind and
the KHA share of each agency (no name); a stakeholder, who has no registry pages, gets 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from layak.regions.models import Agency
from layak.registries.models import (
    AgencyStaff,
    Designation,
    Institution,
    Participant,
    TrainingEvent,
)

# The demo's registries out of the way, so the figures are this test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_registries")]


def test_registry_figures_for_a_reader_and_not_for_a_stakeholder(
    api: Callable[..., Any], users: dict[str, Any]
) -> None:
    for name in ("SD Negeri 1 Metro", "SD Negeri 2 Metro"):
        Institution.objects.create(region_id="18.72", kind="sekolah_sd", name=name)
    Designation.objects.create(
        institution=Institution.objects.get(name="SD Negeri 1 Metro"),
        number="420/1/SRA/2024",
        issued_on=date(2024, 3, 15),
        valid_from=2024,
        valid_until=2026,
        created_by=users["sari"],
    )
    dinkes = Agency.objects.get(region_id="18.72", short_name="Dinkes")
    AgencyStaff.objects.create(agency=dinkes, year=2024, count=8)
    event = TrainingEvent.objects.create(
        region_id="18.72",
        title="Pelatihan KHA",
        held_on=date(2024, 5, 2),
        organiser="DP3AP2KB",
        hours=8,
        created_by=users["sari"],
    )
    Participant.objects.create(event=event, name="Ani Rahmawati", agency=dinkes)

    response = api("nadia", "get", "/api/v1/regions/18.72/registries?year=2024")
    assert response.status_code == 200
    kinds = {k["kind"]: k for k in response.json()["kinds"]}
    assert kinds["sekolah_sd"] | {"questions": None} == {
        "kind": "sekolah_sd",
        "name": "SD/MI",
        "active": 2,
        "with_decree": 1,
        "share_percent": 50.0,
        "standardised": 0,
        "inactive": 0,
        "questions": None,
    }
    assert kinds["sekolah_sd"]["questions"] == ["19.2b", "19.3"]
    assert kinds["puskesmas"]["share_percent"] is None
    later = api("nadia", "get", "/api/v1/regions/18.72/registries?year=2027").json()
    assert next(k for k in later["kinds"] if k["kind"] == "sekolah_sd")["with_decree"] == 0

    response = api("budi", "get", "/api/v1/regions/18.72/kha-training?year=2024")
    assert response.status_code == 200
    line = next(a for a in response.json()["agencies"] if a["agency"] == "Dinkes")
    assert (line["trained"], line["staff"], line["share_percent"]) == (1, 8, 12.5)
    assert "Ani Rahmawati" not in response.content.decode()

    for path in ("registries", "kha-training"):
        refused = api("mitra", "get", f"/api/v1/regions/18.72/{path}?year=2024")
        assert refused.status_code == 404
        assert refused.json()["error"]["code"] == "not_found"
    assert api("sari", "get", "/api/v1/regions/18.72/registries").status_code == 422
