"""The regional action plan (RAD KLA) in numbers: how much of the budget serves children's rights.

Framework-free. An activity serves children directly (its whole budget counts) or indirectly (a
stated share of it counts, e.g. a park of which a play area is 30%). The share of the child
budget is computed per part and in total, for the planned and for the realised budget. Money is
Decimal rupiah throughout; nothing is rounded before the final percentage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from layak.core.numbers import Lang, localise_number

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


def rupiah(value: Decimal | int | None, lang: Lang = "id", *, symbol: bool = True) -> str:
    """Rupiah in the reader's way: Rp 1.250.000, in English Rp 1,250,000 (sen are not used)."""
    if value is None:
        return "—"
    whole = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    text = localise_number(abs(whole), lang, 0)
    sign = "-" if whole < 0 else ""
    return f"{sign}Rp {text}" if symbol else f"{sign}{text}"


def parse_rupiah(text: str) -> Decimal:
    """A sum as people type it: "1.250.000", "Rp 1.250.000", "1250000", "1.250.000,00".

    Dots group thousands, a comma starts the (ignored if zero) sen; raises ValueError otherwise.
    """
    cleaned = text.strip().removeprefix("Rp").removeprefix("rp").strip().replace(" ", "")
    if not cleaned:
        return ZERO
    whole, _, cents = cleaned.partition(",")
    if cents and set(cents) != {"0"}:
        raise ValueError(text)
    groups = whole.split(".")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError(text)
    digits = "".join(groups)
    if not digits.isdigit():
        raise ValueError(text)
    return Decimal(digits)


# Action items ----------------------------------------------------------------------------------

OPEN_STATUSES = frozenset({"terbuka", "berjalan"})


def is_overdue(due_on: date, status: str, today: date) -> bool:
    """Still open (or in progress) after its due date."""
    return status in OPEN_STATUSES and due_on < today


def needs_reminder(due_on: date, status: str, today: date, days: int) -> bool:
    """Open and due within `days` days from today, or overdue."""
    return status in OPEN_STATUSES and (due_on - today).days <= days
