"""The RAD KLA's child budget, its sums in rupiah and the action items' dates (no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from layak.core.rad import (
    BudgetLine,
    Realisation,
    child_budget,
    is_overdue,
    needs_reminder,
    realisation,
)
from layak.core.rupiah import rupiah

D = Decimal


def test_the_child_share_of_a_plan_on_known_numbers() -> None:
    lines = [
        # a direct activity: all of it counts
        BudgetLine("K3", planned=D(100_000_000), realised=D(80_000_000), child_share=D(100)),
        # a park of which the play area is 30%
        BudgetLine("K2", planned=D(1_000_000_000), realised=D(900_000_000), child_share=D(30)),
        BudgetLine("K3", planned=D(400_000_000), realised=D(0), child_share=D(25)),
    ]
    parts, total = child_budget(lines, ["KL", "K2", "K3"])
    assert list(parts) == ["KL", "K2", "K3"]
    assert parts["KL"].activities == 0
    assert parts["KL"].planned_share is None
    assert parts["K2"].planned_child == D(300_000_000)
    assert parts["K2"].planned_share == D("30.0")
    assert parts["K3"].planned == D(500_000_000)
    assert parts["K3"].planned_child == D(200_000_000)
    assert parts["K3"].planned_share == D("40.0")
    assert parts["K3"].realised_share == D("100.0")  # only the direct activity spent money
    assert total.planned == D(1_500_000_000)
    assert total.planned_child == D(500_000_000)
    assert total.planned_share == D("33.3")
    assert total.realised == D(980_000_000)
    assert total.realised_child == D(350_000_000)
    assert total.realised_share == D("35.7")
    assert total.absorption == D("65.3")


def test_rupiah_is_written_the_indonesian_way() -> None:
    assert rupiah(D(1_250_000)) == "Rp 1.250.000"
    assert rupiah(D("999.5")) == "Rp 1.000"
    assert rupiah(0) == "Rp 0"
    assert rupiah(None) == "—"
    assert rupiah(D(-5000)) == "-Rp 5.000"


def test_overdue_and_reminders() -> None:
    today = date(2026, 12, 1)
    assert is_overdue(date(2026, 11, 30), "terbuka", today)
    assert is_overdue(date(2026, 11, 30), "berjalan", today)
    assert not is_overdue(date(2026, 11, 30), "selesai", today)
    assert not is_overdue(date(2026, 12, 1), "terbuka", today)
    assert needs_reminder(date(2026, 12, 4), "terbuka", today, 3)
    assert not needs_reminder(date(2026, 12, 5), "terbuka", today, 3)
    assert needs_reminder(date(2026, 10, 1), "berjalan", today, 3)
    assert not needs_reminder(date(2026, 12, 2), "batal", today, 3)


def test_an_activitys_realisation_as_the_rad_matrix_states_it() -> None:
    assert realisation(D("100000000"), None) is Realisation.NOT_REPORTED
    assert realisation(D("100000000"), D("0")) is Realisation.PARTIAL  # reported: nothing spent
    assert realisation(D("100000000"), D("99999999.99")) is Realisation.PARTIAL
    assert realisation(D("100000000"), D("100000000")) is Realisation.FULL
    assert realisation(D("100000000"), D("100000000.01")) is Realisation.FULL
