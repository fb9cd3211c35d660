"""Opening a region's evaluation cycle (instrument record, stage windows, assignments) and
scheduling its stages: the one service of the web page, `layak open-cycle` and the demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from layak.accounts.models import User
from layak.accounts.policy import manages_region
from layak.audit.log import record
from layak.conf.refusals import refuse
from layak.core.agencies import alias_index, assign
from layak.core.instrument import Instrument
from layak.core.messages import Problem, msg
from layak.core.stages import Stage
from layak.evaluation.carryover import carry_answers, copy_assignments, previous_cycle
from layak.evaluation.models import Assignment, Cycle, InstrumentRecord, StageWindow
from layak.evaluation.policy import manages_cycle
from layak.regions.models import Agency, Region

Windows = dict[Stage, tuple[datetime, datetime, datetime | None]]


SYSTEM = "sistem"  # the actor of an opening by a command or the demo, not by a person
FIRST_YEAR, LAST_YEAR = 2000, 2100


def window_column(stage: Stage, column: str) -> str:
    """The field of one stage's moment on the opening form, e.g. `mandiri_opens_at`."""
    return f"{stage.value}_{column}"


def opening_problems(
    region: Region,
    year: int,
    instrument: Instrument,
    windows: Windows,
    target: str,
    *,
    carry: bool = False,
) -> list[Problem]:
    """The rules of a new cycle, each problem at its field: the year free and plausible, the
    target one of the instrument's predicates, the self-assessment scheduled, every window
    closing after it opens (`window_problems`), and an earlier cycle on the instrument when its
    answers are to be carried over."""
    problems = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems.append(
            Problem(
                msg("cycle.bad_year", year=year, first=FIRST_YEAR, last=LAST_YEAR), column="year"
            )
        )
    elif Cycle.objects.filter(region=region, year=year).exists():
        problems.append(Problem(msg("cycle.exists", region=region.name, year=year), column="year"))
    if instrument.band(target) is None:
        names = ", ".join(b.name for b in instrument.bands)
        problems.append(
            Problem(
                msg("cycle.unknown_target", name=target, instrument=instrument.id, names=names),
                column="target_predicate",
            )
        )
    if Stage.SELF_ASSESSMENT not in windows:
        column = window_column(Stage.SELF_ASSESSMENT, "opens_at")
        problems.append(Problem(msg("cycle.self_assessment_required"), column=column))
    if carry and previous_cycle(region, year, instrument.id) is None:
        problems.append(
            Problem(
                msg(
                    "cycle.nothing_to_carry",
                    region=region.name,
                    year=year,
                    instrument=instrument.id,
                ),
                column="carry_answers",
            )
        )
    for stage, (opens, closes, documents) in windows.items():
        problems.extend(
            replace(p, column=window_column(stage, p.column or "opens_at"))
            for p in window_problems(opens, closes, documents)
        )
    return problems


def open_cycle(
    region: Region,
    year: int,
    instrument: Instrument,
    windows: Windows,
    target: str = "Utama",
    *,
    carry_answers_over: bool = False,
    by: User | None = None,
    request: HttpRequest | None = None,
) -> tuple[Cycle, list[str]]:
    """Open a region's cycle: the instrument record, the stage windows (aware moments; pages
    enter them in the region's time zone, the database keeps UTC) and its assignments: the
    region's earlier cycle's on the same instrument (hand changes included), or for a first
    cycle every question assigned to the agencies its suppliers name. With
    `carry_answers_over`, last year's answers are copied as drafts to review, with the
    evidence still valid (`evaluation.carryover`). `by` is the person who opens it (the
    region's secretariat or an administrator); without one it is the system (`layak
    open-cycle`, the demo). Refused whole, each problem at its field (`opening_problems`).

    Returns the cycle and the supplier names that matched no agency (the secretariat adds
    an alias or assigns by hand); none when the assignments were copied.
    """
    if by is not None and not manages_region(by, region.code):
        raise PermissionDenied
    band = instrument.band(target)
    target = band.name if band is not None else target  # "utama" kept as the instrument has it
    refuse(opening_problems(region, year, instrument, windows, target, carry=carry_answers_over))
    source = previous_cycle(region, year, instrument.id)
    actor_name = "" if by is not None else SYSTEM
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: another opening of the same year won
                cycle = Cycle.objects.create(
                    region=region,
                    year=year,
                    target_predicate=target,
                    instrument_record=InstrumentRecord.for_instrument(instrument),
                )
        except IntegrityError:
            refuse([Problem(msg("cycle.exists", region=region.name, year=year), column="year")])
            raise
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
        if source is not None:
            copy_assignments(source, cycle)
            unmatched: list[str] = []
        else:
            unmatched = assign_from_instrument(cycle)
        carried = None
        if carry_answers_over and source is not None:
            answers, evidence = carry_answers(source, cycle, by, actor_name)
            carried = {"year": source.year, "answers": answers, "evidence": evidence}
        record(
            "cycle.open",
            actor=by,
            actor_name=actor_name,
            object_type="cycle",
            object_id=cycle.pk,
            region_code=region.code,
            after={
                "year": year,
                "instrument": instrument.id,
                "target": target,
                "windows": {
                    stage.value: {
                        "opens_at": _moment(opens),
                        "closes_at": _moment(closes),
                        "documents_until": _moment(documents),
                    }
                    for stage, (opens, closes, documents) in windows.items()
                },
                "zone": region.zone.abbreviation,
                "unmatched": unmatched,
                "assignments_from": source.year if source is not None else None,
                "carried": carried,
            },
            request=request,
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
