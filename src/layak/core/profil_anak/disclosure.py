"""The one disclosure-control step of everything Layak publishes of a Profil Anak.

1. Primary suppression: a count of 1 to `THRESHOLD - 1` children is withheld, whether children
   of a place, of an age, with or without a document, or with a disability.
2. What goes with it: a rate over a withheld count of children is withheld, and a rate's two
   counts (with and without the document) are withheld together, since the rate and its
   denominator give both.
3. Secondary suppression, cell by cell: for each withheld cell, the cheapest set of further
   cells to withhold so that the cell can move over a whole protection interval (`WIDTH`
   values) while every shown cell keeps its value. It is a mixed-integer programme over the
   attacker's own model (`cells`): the shown cells may deviate at a cost (their value: hiding
   a big total costs more than a small part), and those that must deviate are withheld. This
   is the attacker subproblem of the optimal method of Fischetti and Salazar, as τ-ARGUS and
   sdcTable use it, solved for one cell at a time instead of for all at once.
4. The exact audit (`audit`): each withheld cell's least and greatest value over everything
   shown. A cell whose range holds fewer than `WIDTH` values is protected again (step 3) and
   the audit repeated until none is left. The pattern is published only with a passing audit.

Zeros are always shown: a zero identifies no child, and a marker on a zero would be as
telling as the zero. So a withheld count is at least 1, and the audit assumes the attacker
knows it. With `WIDTH` 5, a withheld count of children lies, for anyone, in a range of at
least five values, such as 1–5: never pinned, never known to be small.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from layak.core.profil_anak.audit import Audit, AuditError, Model, Spans, audit, shown_cells
from layak.core.profil_anak.cells import Form, Key, Table, floor_of, rate_keys, table
from layak.core.profil_anak.display import display, published_keys
from layak.core.profil_anak.summary import Profile

THRESHOLD = 5  # a count of 1 to 4 children could point at a child
WIDTH = 5  # a withheld cell's feasible range holds at least 5 values
MAX_ROUNDS = 50  # audit-and-repair rounds before giving up (the step then refuses to publish)
METHOD = "layak-disclosure/1"


@dataclass(frozen=True, slots=True)
class Protection:
    """The cells withheld from a profile and the audit of what remains shown."""

    hidden: frozenset[Key]
    primary: frozenset[Key]
    audit: Audit
    rounds: int

    @property
    def passed(self) -> bool:
        return self.audit.passed


def primary(table: Table) -> set[Key]:
    """Counts of 1 to THRESHOLD - 1 children."""
    return {key for key, value in table.values.items() if 0 < value < THRESHOLD}


def close(table: Table, hidden: Iterable[Key]) -> set[Key]:
    """`hidden` with what must go with it: the rates over a hidden count of children, and the
    other count of a rate one of whose counts is hidden."""
    out = set(hidden)
    for count, rates in table.rates_of.items():
        if count in out:
            out.update(rates)
    for key in list(out):
        if key[0] in ("c", "w"):
            out.update(rate_keys(key[1], key[2]))  # type: ignore[arg-type]
    return out


def _targets(value: int, floor: int) -> tuple[int, int | None]:
    """The values a protected cell must be able to take: (high, low or None)."""
    down = min(value - floor, (WIDTH - 1) // 2)
    up = WIDTH - 1 - down
    return value + up, (value - down if down > 0 else None)


def release(
    table: Table, hidden: set[Key], key: Key, target: int, upward: bool, spans: Spans
) -> set[Key]:
    """The cheapest shown cells to withhold so that `key` can reach `target` (at least it when
    `upward`, at most it otherwise) with every other shown cell unchanged. The table found is
    kept in `spans` as a proof for the pattern with those cells withheld."""
    shown = shown_cells(table, hidden)
    # A shown zero count stays fixed (zeros are never hidden); every other shown cell may
    # deviate both ways, each unit at the cell's cost (1 + its value), a count staying at
    # least 1 as it would if withheld.
    movable = sorted(k for k, v in shown.items() if v > 0 or floor_of(k) == 0)
    fixed = {k: v for k, v in shown.items() if not (v > 0 or floor_of(k) == 0)}
    n = table.variables
    extra: list[tuple[Form, float, float]] = []
    cost = np.zeros(n + 2 * len(movable))
    for i, cell in enumerate(movable):
        plus, minus = n + 2 * i, n + 2 * i + 1
        value = table.values[cell]
        extra.append(({table.cell_var[cell]: 1, plus: -1, minus: 1}, value, value))
        cost[plus] = cost[minus] = 1 + value
    goal = (target, np.inf) if upward else (0, target)
    extra.append(({table.cell_var[key]: 1}, *goal))
    model = Model(table, fixed, [*hidden, *movable], extra, 2 * len(movable))
    try:
        _, x = model.optimum(cost, whole=False)  # a heuristic: the audit is the exact part
    except AuditError:
        return set()  # the target cannot be reached at all: the audit will say so
    added = {cell for i, cell in enumerate(movable) if x[n + 2 * i] + x[n + 2 * i + 1] > 0.5}
    spans.add(close(table, hidden | added), x)
    return added


def _protect_cell(table: Table, hidden: set[Key], key: Key, spans: Spans) -> set[Key]:
    if spans.span(key).holds(WIDTH):
        return set()
    high, low = _targets(table.values[key], floor_of(key))
    if spans.span(key).high is not None and (spans.span(key).high or 0) >= high:
        added: set[Key] = set()
    else:
        added = release(table, hidden, key, high, upward=True, spans=spans)
    hidden = close(table, hidden | added)
    if low is not None and spans.span(key).low > low:
        added |= release(table, hidden, key, low, upward=False, spans=spans)
    return added


def protect(table: Table) -> Protection:
    """Primary and secondary suppression of `table`, audited until every withheld cell's
    range is proven to hold at least WIDTH values (or MAX_ROUNDS: the audit then fails)."""
    first = primary(table)
    hidden = close(table, first)
    spans = Spans(table)
    for key in sorted(hidden):
        hidden = close(table, hidden | _protect_cell(table, hidden, key, spans))
    result = audit(table, hidden, WIDTH, spans=spans)
    ranges = dict(result.ranges)
    solves = result.solves
    rounds = 1
    while not all(r.holds(WIDTH) for r in ranges.values()) and rounds < MAX_ROUNDS:
        failing = sorted(k for k, r in ranges.items() if not r.holds(WIDTH))
        before = set(hidden)
        for key in failing:
            hidden = close(table, hidden | _protect_cell(table, hidden, key, spans))
        if hidden == before:
            break  # nothing more to withhold that helps: refuse rather than loop
        # Withholding more only widens ranges: cells that passed still pass.
        again = audit(table, hidden, WIDTH, cells=set(failing) | (hidden - before), spans=spans)
        ranges.update(again.ranges)
        solves += again.solves
        rounds += 1
    final = Audit(width=WIDTH, ranges=ranges, solves=solves)
    return Protection(frozenset(hidden), frozenset(first), final, rounds)


def protect_profile(profile: Profile) -> tuple[Table, Protection]:
    """The step for a whole profile. The public Display built on the pattern is read back
    (`published_keys`) and must let a reader know exactly the cells the audit left shown, so
    the audit speaks for what is really published."""
    cells = table(profile)
    protection = protect(cells)
    shown = published_keys(display(profile, protection.hidden)) & set(cells.values)
    if shown != set(cells.values) - protection.hidden:
        raise ValueError(f"the public display shows other cells than audited: {sorted(shown)}")
    return cells, protection
