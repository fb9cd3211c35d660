"""Opening next year's cycle on the web: Sari opens Kota Metro's in WIB, the database keeps UTC,
every question goes to the agencies its suppliers name as `layak open-cycle` does; she cannot
open another region's nor a second one of the same year; the administrator opens one for any
kabupaten/kota."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.evaluation.models import Assignment, Cycle, StageWindow

pytestmark = pytest.mark.django_db

OPEN = reverse("cycle_new")


def _form(year: int, **extra: str) -> dict[str, str]:
    """The self-assessment from 1 February to 31 March, in the region's own time."""
    return {
        "year": str(year),
        "instrument": "kla-2024",
        "target_predicate": "Nindya",
        "mandiri_opens_at": f"{year}-02-01T00:00",
        "mandiri_closes_at": f"{year}-03-31T23:59",
        **extra,
    }


def _assignments(cycle: Cycle) -> set[tuple[str, str, bool]]:
    return set(
        Assignment.objects.filter(cycle=cycle).values_list(
            "question_code", "agency__short_name", "lead"
        )
    )


def test_sari_opens_next_years_cycle_in_wib_and_its_questions_go_to_the_agencies(
    login: Callable[[str], Client], cycle: Any
) -> None:
    sari = login("sari")
    year = cycle.year + 1  # 2027 when the demo's cycle is 2026's
    form = sari.get(f"{OPEN}?wilayah={cycle.region_id}").content.decode()
    assert "Kota Metro" in form
    assert "(WIB)" in form
    assert f'value="{year}"' in form  # the year after the latest is offered

    response = sari.post(
        OPEN,
        _form(
            year,
            verifikasi_lapangan_opens_at=f"{year}-05-01T08:00",
            verifikasi_lapangan_closes_at=f"{year}-06-15T16:00",
            verifikasi_lapangan_documents_until=f"{year}-05-03T16:00",
        ),
    )

    opened = Cycle.objects.get(region_id=cycle.region_id, year=year)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:stages", args=[opened.pk])
    assert (opened.instrument_record.slug, opened.target_predicate) == ("kla-2024", "Nindya")
    own = StageWindow.objects.get(cycle=opened, stage="mandiri")
    # Midnight WIB is 17:00 UTC the day before; 23:59 WIB is 16:59 UTC the same day.
    assert own.opens_at == datetime(year, 1, 31, 17, 0, tzinfo=UTC)
    assert own.closes_at == datetime(year, 3, 31, 16, 59, tzinfo=UTC)
    field = StageWindow.objects.get(cycle=opened, stage="verifikasi_lapangan")
    assert field.documents_until == datetime(year, 5, 3, 9, 0, tzinfo=UTC)
    assert not StageWindow.objects.filter(cycle=opened, stage="final").exists()
    # All 274 questions: each has its agencies, but KELANA/DEKELA's, answered by every unit.
    assigned = {code for code, _agency, _lead in _assignments(opened)}
    questions = opened.instrument.questions
    assert len(questions) == 274
    assert [q.code for q in questions if q.code not in assigned and not q.per_unit] == []

    event = AuditEvent.objects.get(action="cycle.open", object_id=str(opened.pk))
    assert (event.actor_name, event.region_code) == ("sari", cycle.region_id)
    assert event.after["windows"]["mandiri"]["opens_at"] == f"{year}-01-31T17:00:00+00:00"
    assert event.after["zone"] == "WIB"

    # The command opens the year after through the same service: the same assignments.
    call_command(
        "open-cycle",
        "--wilayah",
        cycle.region_id,
        "--tahun",
        str(year + 1),
        "--mandiri",
        f"{year + 1}-02-01:{year + 1}-03-31",
    )
    by_command = Cycle.objects.get(region_id=cycle.region_id, year=year + 1)
    assert _assignments(by_command) == _assignments(opened)
    system = AuditEvent.objects.get(action="cycle.open", object_id=str(by_command.pk))
    assert (system.actor, system.actor_name) == (None, "sistem")

    stages = sari.get(response["Location"]).content.decode()
    assert f"1 Feb {year} 00:00 WIB" in stages


def test_sari_cannot_open_a_second_cycle_of_a_year_nor_another_regions(
    login: Callable[[str], Client], cycle: Any
) -> None:
    sari = login("sari")
    year = cycle.year + 1
    assert sari.post(OPEN, _form(year)).status_code == 302
    events = AuditEvent.objects.filter(action="cycle.open").count()

    again = sari.post(OPEN, _form(year))
    assert again.status_code == 400
    assert again.context["form"].has_error("year", "cycle.exists")
    assert f"siklus Kota Metro {year} sudah ada" in again.content.decode()

    # Bandar Lampung is not hers: the page is not there, and nothing is opened.
    assert sari.get(f"{OPEN}?wilayah=18.71").status_code == 404
    assert sari.post(f"{OPEN}?wilayah=18.71", _form(year)).status_code == 404
    assert not Cycle.objects.filter(region_id="18.71").exists()
    assert AuditEvent.objects.filter(action="cycle.open").count() == events


def test_every_refusal_is_keyed_at_its_field(login: Callable[[str], Client], cycle: Any) -> None:
    sari = login("sari")
    year = cycle.year + 1
    response = sari.post(
        OPEN,
        {
            **_form(year, target_predicate="Emas"),
            "mandiri_opens_at": "",
            "mandiri_closes_at": "",
            "verifikasi_administrasi_opens_at": f"{year}-04-30T08:00",
            "verifikasi_administrasi_closes_at": f"{year}-04-01T08:00",
            "final_opens_at": f"{year}-09-01T08:00",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("target_predicate", "invalid_choice")
    assert form.has_error("final_closes_at", "field.required")

    # The form's own checks pass; the service's rules are each at their field.
    response = sari.post(
        OPEN,
        {
            **_form(year),
            "year": "1999",
            "mandiri_opens_at": "",
            "mandiri_closes_at": "",
            "verifikasi_administrasi_opens_at": f"{year}-04-30T08:00",
            "verifikasi_administrasi_closes_at": f"{year}-04-01T08:00",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("year", "cycle.bad_year")
    assert form.has_error("mandiri_opens_at", "cycle.self_assessment_required")
    assert form.has_error("verifikasi_administrasi_closes_at", "stage.closes_before_opening")
    assert not Cycle.objects.filter(year__in=[1999, year]).exists()
    assert not AuditEvent.objects.filter(action="cycle.open", actor_name="sari").exists()


def test_the_administrator_chooses_a_region_and_opens_its_cycle(
    login: Callable[[str], Client], cycle: Any
) -> None:
    admin = login("admin")
    choose = admin.get(OPEN)
    assert choose.status_code == 200
    assert 'value="18.71"' in choose.content.decode()

    response = admin.post(f"{OPEN}?wilayah=18.71", _form(cycle.year))
    assert response.status_code == 302
    opened = Cycle.objects.get(region_id="18.71", year=cycle.year)
    event = AuditEvent.objects.get(action="cycle.open", object_id=str(opened.pk))
    assert (event.actor_name, event.region_code) == ("admin", "18.71")
    # Bandar Lampung has no agencies in the demo: every supplier is named as unmatched.
    assert event.after["unmatched"]
    assert not Assignment.objects.filter(cycle=opened).exists()


def test_the_pages_where_a_cycle_is_chosen_lead_to_opening_one(
    login: Callable[[str], Client], cycle: Any
) -> None:
    stages = login("sari").get(reverse("evaluation:stages", args=[cycle.pk])).content.decode()
    assert f'href="{OPEN}?wilayah={cycle.region_id}"' in stages
    # The administrator's header (as the secretariat's) leads there; a coordinator's does not.
    notices = reverse("notices:inbox")
    assert f'href="{OPEN}"' in login("admin").get(notices).content.decode()
    assert f'href="{OPEN}"' not in login("kartika").get(notices).content.decode()


@pytest.mark.parametrize(
    ("region", "zone", "utc_hour"),
    [("51.71", "WITA", 16), ("91.71", "WIT", 15)],  # Kota Denpasar (UTC+8), Kota Jayapura (+9)
)
def test_a_region_in_wita_or_wit_enters_and_reads_its_own_time(
    login: Callable[[str], Client], cycle: Any, region: str, zone: str, utc_hour: int
) -> None:
    """The administrator opens a cycle for Denpasar or Jayapura: the form says the region's
    zone, midnight there is kept as the UTC hour before it, and the stage page reads it back
    in that zone, not in the server's or Kota Metro's WIB."""
    admin = login("admin")
    year = cycle.year
    form = admin.get(f"{OPEN}?wilayah={region}").content.decode()
    assert f"({zone})" in form

    response = admin.post(f"{OPEN}?wilayah={region}", _form(year))

    assert response.status_code == 302
    opened = Cycle.objects.get(region_id=region, year=year)
    own = StageWindow.objects.get(cycle=opened, stage="mandiri")
    assert own.opens_at == datetime(year, 1, 31, utc_hour, 0, tzinfo=UTC)
    event = AuditEvent.objects.get(action="cycle.open", object_id=str(opened.pk))
    assert event.after["zone"] == zone
    stages = admin.get(response["Location"]).content.decode()
    assert f"1 Feb {year} 00:00 {zone}" in stages
    assert "WIB" not in stages.split("<main", 1)[-1]
