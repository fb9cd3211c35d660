"""Opening a region's evaluation cycle: instrument record, stage windows, assignments."""

from __future__ import annotations

from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from layak.accounts.models import User
from layak.audit.log import record
from layak.conf.refusals import refuse
from layak.core.agencies import alias_index, assign
from layak.core.instrument import Instrument
from layak.core.messages import Problem, msg
from layak.core.stages import Stage
from layak.evaluation.models import Assignment, Cycle, InstrumentRecord, StageWindow
from layak.evaluation.policy import manages_cycle
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


def window_problems(
    opens: datetime, closes: datetime, documents: datetime | None = None
) -> list[Problem]:
    """The rules of one stage window, for the web and `layak open-cycle` alike."""
    problems = []
    if closes <= opens:
        problems.append(Problem(msg("stage.closes_before_opening"), column="closes_at"))
    if documents is not None and documents <= opens:
        problems.append(Problem(msg("stage.documents_outside"), column="documents_until"))
    return problems


def _moment(value: datetime | None) -> str | None:
    """A moment for the audit log: ISO 8601 in UTC (what is stored; pages show local time)."""
    return value.astimezone(UTC).isoformat() if value else None


def schedule_stage(
    user: User,
    cycle: Cycle,
    stage: Stage,
    opens: datetime,
    closes: datetime,
    documents: datetime | None = None,
    *,
    request: HttpRequest | None = None,
) -> StageWindow:
    """Set (or first give) a stage's window. The moments are aware: the page reads them in the
    region's time zone (`Region.zone`), the database keeps UTC."""
    if not manages_cycle(user, cycle):
        raise PermissionDenied
    refuse(window_problems(opens, closes, documents))
    with transaction.atomic():
        window = (
            StageWindow.objects.select_for_update().filter(cycle=cycle, stage=stage.value).first()
        )
        before = None
        if window is None:
            window = StageWindow(cycle=cycle, stage=stage.value)
        else:
            before = {
                "opens_at": _moment(window.opens_at),
                "closes_at": _moment(window.closes_at),
                "documents_until": _moment(window.documents_until),
            }
        window.opens_at, window.closes_at, window.documents_until = opens, closes, documents
        window.save()
        record(
            "stage.schedule",
            actor=user,
            object_type="stage",
            object_id=window.pk,
            region_code=cycle.region_id,
            before=before,
            after={
                "stage": stage.value,
                "opens_at": _moment(opens),
                "closes_at": _moment(closes),
                "documents_until": _moment(documents),
                "zone": cycle.region.zone.abbreviation,
            },
            request=request,
        )
    return window
