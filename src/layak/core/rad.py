"""The regional action plan (RAD KLA) in numbers: how much of the budget serves children's rights.

Framework-free. An activity serves children directly (its whole budget counts) or indirectly (a
stated share of it counts, e.g. a park of which a play area is 30%). The share of the child
budget is computed per part and in total, for the planned and for the realised budget. Money is
Decimal rupiah and sen throughout; nothing is rounded before the final percentage. Sums are read
by `layak.core.rupiah.parse_amount`, the one rule of every sum in Layak, and written by
`layak.core.rupiah.rupiah`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One activity's budget: the part it belongs to and the share (0–100) serving children."""

    part_code: str
    planned: Decimal
    realised: Decimal
    child_share: Decimal


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    planned: Decimal = ZERO
    planned_child: Decimal = ZERO
    realised: Decimal = ZERO
    realised_child: Decimal = ZERO
    activities: int = 0

    def plus(self, line: BudgetLine) -> BudgetTotals:
        fraction = line.child_share / HUNDRED
        return BudgetTotals(
            planned=self.planned + line.planned,
            planned_child=self.planned_child + line.planned * fraction,
            realised=self.realised + line.realised,
            realised_child=self.realised_child + line.realised * fraction,
            activities=self.activities + 1,
        )

    @property
    def planned_share(self) -> Decimal | None:
        """Percent of the planned budget that serves children (None without a budget)."""
        return percent(self.planned_child, self.planned)

    @property
    def realised_share(self) -> Decimal | None:
        return percent(self.realised_child, self.realised)

    @property
    def absorption(self) -> Decimal | None:
        """Realised as a percent of planned (penyerapan)."""
        return percent(self.realised, self.planned)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part * HUNDRED / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def child_budget(
    lines: Iterable[BudgetLine], part_order: Sequence[str] = ()
) -> tuple[dict[str, BudgetTotals], BudgetTotals]:
    """Totals per part (in `part_order`, then any other part in order of appearance) and overall."""
    by_part: dict[str, BudgetTotals] = {code: BudgetTotals() for code in part_order}
    total = BudgetTotals()
    for line in lines:
        by_part[line.part_code] = by_part.get(line.part_code, BudgetTotals()).plus(line)
        total = total.plus(line)
    return by_part, total


class Realisation(StrEnum):
    """How far an activity's budget was realised, as the RAD matrix states it."""

    NOT_REPORTED = "belum"  # no source has a realised sum yet
    PARTIAL = "sebagian"  # realised less than planned
    FULL = "penuh"  # realised at least what was planned


def realisation(planned: Decimal, realised: Decimal | None) -> Realisation:
    """`realised` is None until a source of the activity reports its realisation (monev)."""
    if realised is None:
        return Realisation.NOT_REPORTED
    return Realisation.FULL if realised >= planned else Realisation.PARTIAL


# Action items ----------------------------------------------------------------------------------

OPEN_STATUSES = frozenset({"terbuka", "berjalan"})


def is_overdue(due_on: date, status: str, today: date) -> bool:
    """Still open (or in progress) after its due date."""
    return status in OPEN_STATUSES and due_on < today


def reminded_until(today: date, days: int) -> date:
    """The last due date a reminder sent today with a horizon of `days` days covers."""
    return today + timedelta(days=days)


def needs_reminder(due_on: date, status: str, today: date, days: int) -> bool:
    """Open and due within `days` days from today, or overdue. Queries select the same items
    with `OPEN_STATUSES` and `reminded_until`."""
    return status in OPEN_STATUSES and due_on <= reminded_until(today, days)
