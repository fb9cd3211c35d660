"""What the task-force pages show, read in a fixed number of queries: the year's meetings and who
came, the action items (overdue first), and the action plan's budget for children."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from layak.accounts.models import User
from layak.core.instrument import Instrument
from layak.core.rad import OPEN_STATUSES, BudgetLine, BudgetTotals, child_budget
from layak.evaluation.queries.instrument import instrument_for
from layak.gugus import policy as rules
from layak.gugus.models import POSITION_ORDER, ActionItem, Decree, Meeting, Member, RadActivity


@dataclass
class Attendance:
    label: str
    detail: str
    attended: int
    of: int
    member_id: int | None = None  # the member's line (by_member); None for an agency's

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.of) if self.of else 0


@dataclass
class YearSummary:
    year: int
    meetings: list[Meeting]
    by_member: list[Attendance] = field(default_factory=list)
    by_agency: list[Attendance] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.meetings)


def meetings_of(region_code: str, year: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(region_id=region_code, held_on__year=year)
        .order_by("held_on", "id")
        .prefetch_related("attendees")
    )


def year_summary(region_code: str, year: int, decree: Decree | None) -> YearSummary:
    """The year's meetings and, for the decree's members, how many of them each attended;
    per agency (or organisation), at how many meetings it was represented."""
    meetings = list(meetings_of(region_code, year))
    summary = YearSummary(year, meetings)
    if decree is None:
        return summary
    members = list(decree.members.select_related("agency").order_by("id"))
    came: Counter[int] = Counter()
    bodies: Counter[str] = Counter()
    for meeting in meetings:
        present = {m.pk for m in meeting.attendees.all()}
        came.update(present)
        bodies.update({m.body for m in members if m.pk in present})
    for member in sorted(members, key=_position_key):
        # Only the meetings the member could have attended count for them.
        possible = sum(1 for m in meetings if member.active_on(m.held_on))
        if possible or came[member.pk]:
            summary.by_member.append(
                Attendance(member.name, member.body, came[member.pk], max(possible, 1), member.pk)
            )
    for body in sorted({m.body for m in members}):
        summary.by_agency.append(Attendance(body, "", bodies[body], len(meetings)))
    summary.by_agency.sort(key=lambda a: (-a.attended, a.label))
    return summary


def _position_key(member: Member) -> tuple[int, int]:
    return POSITION_ORDER.get(member.position, 99), member.pk


def members_in_order(decree: Decree) -> list[Member]:
    return sorted(decree.members.select_related("agency"), key=_position_key)


def members_in_meeting(meeting: Meeting) -> list[Member]:
    return sorted(meeting.attendees.select_related("agency"), key=_position_key)


SOON_DAYS = 7  # "jatuh tempo dalam 7 hari": the officer's queue on the dashboard


def actions_for(
    user: User,
    region_code: str,
    *,
    overdue_only: bool = False,
    due_soon_only: bool = False,
    year: int | None = None,
) -> list[ActionItem]:
    """Action items the user sees, overdue ones first, then by due date."""
    items = ActionItem.objects.filter(region_id=region_code).filter(rules.action_filter(user))
    if year is not None:
        items = items.filter(meeting__held_on__year=year)
    today = timezone.localdate()
    if overdue_only:
        items = items.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    if due_soon_only:
        items = items.filter(pk__in=_due_soon(user, region_code).values("pk"))
    listed = list(items.select_related("agency", "meeting").order_by("due_on", "id"))
    return sorted(listed, key=lambda a: (not a.overdue, a.status not in OPEN_STATUSES, a.due_on))


def _due_soon(user: User, region_code: str) -> QuerySet[ActionItem]:
    """Open items due from today to SOON_DAYS days ahead (not yet overdue): one definition for
    the dashboard's count and the list it links to."""
    today = timezone.localdate()
    return ActionItem.objects.filter(
        region_id=region_code,
        status__in=OPEN_STATUSES,
        due_on__gte=today,
        due_on__lte=today + timedelta(days=SOON_DAYS),
    ).filter(rules.action_filter(user))


def due_soon_count(user: User, region_code: str) -> int:
    return _due_soon(user, region_code).count()


def overdue_count(user: User, region_code: str) -> int:
    today = timezone.localdate()
    return (
        ActionItem.objects.filter(region_id=region_code, status__in=OPEN_STATUSES, due_on__lt=today)
        .filter(rules.action_filter(user))
        .count()
    )


@dataclass
class PartBudget:
    code: str
    name: str
    totals: BudgetTotals
    activities: list[RadActivity]


@dataclass
class RadPlan:
    year: int
    instrument: Instrument
    parts: list[PartBudget]
    total: BudgetTotals

    @property
    def activities(self) -> int:
        return self.total.activities


def budget_line(activity: RadActivity) -> BudgetLine:
    budgets = list(activity.budgets.all())
    return BudgetLine(
        part_code=activity.part_code,
        planned=sum((b.planned for b in budgets), Decimal(0)),
        realised=sum((b.realised or Decimal(0) for b in budgets), Decimal(0)),
        child_share=activity.child_share,
    )


def rad_plan(region_code: str, year: int) -> RadPlan:
    instrument = instrument_for(region_code, year)
    activities = list(
        RadActivity.objects.filter(region_id=region_code, year=year)
        .select_related("agency")
        .prefetch_related("budgets")
    )
    order = [p.code for p in instrument.parts]
    place = {i.code: n for n, i in enumerate(instrument.indicators)}
    activities.sort(key=lambda a: (place.get(a.indicator_code, len(place)), a.pk))
    by_part, total = child_budget((budget_line(a) for a in activities), order)
    names = {p.code: p.name for p in instrument.parts}
    parts = [
        PartBudget(
            code,
            names.get(code, code),
            totals,
            [a for a in activities if a.part_code == code],
        )
        for code, totals in by_part.items()
        if totals.activities
    ]
    return RadPlan(year, instrument, parts, total)


def indicator_names(instrument: Instrument) -> dict[str, str]:
    return {i.code: i.name for i in instrument.indicators}


def activity_rows(activity: RadActivity) -> dict[str, Any]:
    """An activity's sums for a table row (budgets prefetched)."""
    line = budget_line(activity)
    share = activity.child_share / Decimal(100)
    return {
        "activity": activity,
        "planned": line.planned,
        "realised": line.realised
        if any(b.realised is not None for b in activity.budgets.all())
        else None,
        "planned_child": line.planned * share,
        "sources": {b.source: b for b in activity.budgets.all()},
    }


def selected_year(raw: str | None) -> int:
    try:
        year = int(raw or "")
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= date.today().year + 5 else timezone.localdate().year
