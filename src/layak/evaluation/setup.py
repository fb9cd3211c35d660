"""Opening a region's evaluation cycle: instrument record, stage windows, assignments."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from layak.audit.log import record
from layak.core.agencies import alias_index, assign
from layak.core.instrument import Instrument
from layak.core.stages import Stage
from layak.evaluation.models import Assignment, Cycle, InstrumentRecord, StageWindow
from layak.regions.models import Agency, Region

Windows = dict[Stage, tuple[datetime, datetime, datetime | None]]


@transaction.atomic
def open_cycle(
    region: Region, year: int, instrument: Instrument, windows: Windows, target: str = "Utama"
) -> tuple[Cycle, list[str]]:
    """Create the cycle and assign every question to the agencies its suppliers name.

    Returns the cycle and the supplier names that matched no agency (the secretariat adds
    an alias or assigns by hand).
    """
    cycle = Cycle.objects.create(
        region=region,
        year=year,
        target_predicate=target,
        instrument_record=InstrumentRecord.for_instrument(instrument),
    )
    StageWindow.objects.bulk_create(
        StageWindow(
            cycle=cycle,
            stage=stage.value,
            opens_at=opens,
            closes_at=closes,
            documents_until=documents,
        )
        for stage, (opens, closes, documents) in windows.items()
    )
    unmatched = assign_from_instrument(cycle)
    record(
        "cycle.open",
        object_type="cycle",
        object_id=cycle.pk,
        region_code=region.code,
        actor_name="sistem",
        after={"year": year, "instrument": instrument.id, "unmatched": unmatched},
    )
    return cycle, unmatched


def assign_from_instrument(cycle: Cycle) -> list[str]:
    """Assign every question to the agencies its suppliers name; a coordinated supplier's
    questions go to the agency that coordinates it. Returns the names that matched nothing."""
    agencies = Agency.objects.filter(region=cycle.region, active=True).select_related("coordinator")
    offices: list[Agency] = []
    suppliers: list[Agency] = []
    coordinators: dict[int, int] = {}
    for agency in agencies:
        if agency.coordinator is None:
            offices.append(agency)
        elif agency.coordinator.active:  # else its name stays unmatched and is reported
            suppliers.append(agency)
            coordinators[agency.pk] = agency.coordinator.pk
    # A coordinated supplier's own entry wins over an alias an agency may still carry for it.
    index = alias_index((a.pk, a.names()) for a in [*suppliers, *offices])
    rows: list[Assignment] = []
    unmatched: set[str] = set()
    for question in cycle.instrument.questions:
        assigned = assign(question.agencies, index, coordinators)
        unmatched.update(assigned.unmatched)
        rows.extend(
            Assignment(cycle=cycle, question_code=question.code, agency_id=agency_id, lead=i == 0)
            for i, agency_id in enumerate(assigned.agencies)
        )
    Assignment.objects.bulk_create(rows, ignore_conflicts=True)
    return sorted(unmatched)
