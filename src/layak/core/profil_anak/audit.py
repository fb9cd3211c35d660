"""The exact audit of a public Profil Anak: from everything that is shown, each withheld cell's
least and greatest possible value, found by HiGHS (`scipy.optimize.milp`) over the integer
points of the attacker's model (`cells`).

The attacker is granted every shown cell (a shown rate counts as its two counts, exactly, even
where its two decimals would leave some doubt), the structure of the tables, that counts are
whole and never negative, that a withheld count of children is at least 1 (Layak never hides
a zero), and the data's own ceilings (documents at most the children, disabilities at most the
children of that sex). That is at least what any real attacker has, so the ranges found are at
most as wide as his.

A cell is protected when its range holds at least `width` values (max − min + 1 ≥ width).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from layak.core.profil_anak.cells import Form, Key, Table, floor_of

if TYPE_CHECKING:
    from scipy.sparse import csr_array

# SciPy is imported where a solve needs it, not at the top: it takes 0.3 s to import, and
# every `layak` command would pay it at start-up through the commands that audit a table.

TIME_LIMIT = 60.0  # seconds per solve; a solve that runs out refuses the audit


class AuditError(RuntimeError):
    """The solver could not settle a question: nothing may be published on that basis."""


@dataclass(frozen=True, slots=True)
class Range:
    """What anyone can deduce of a withheld cell: low ≤ value ≤ high (None: no limit)."""

    low: int
    high: int | None
    # False: low and high are values two whole tables consistent with everything shown give
    # the cell, so the true range is at least this wide (enough to prove protection).
    exact: bool = True

    @property
    def values(self) -> int | None:
        """How many values the range holds (None: unbounded)."""
        return None if self.high is None else self.high - self.low + 1

    def holds(self, width: int) -> bool:
        return self.values is None or self.values >= width


@dataclass(frozen=True, slots=True)
class Audit:
    width: int
    ranges: Mapping[Key, Range]
    solves: int

    @property
    def failing(self) -> tuple[Key, ...]:
        return tuple(key for key, r in self.ranges.items() if not r.holds(self.width))

    @property
    def passed(self) -> bool:
        return not self.failing

    @property
    def narrowest(self) -> int | None:
        """The fewest values any withheld cell's range holds (None: every one unbounded)."""
        sizes = [r.values for r in self.ranges.values() if r.values is not None]
        return min(sizes) if sizes else None


def _matrix(rows: Sequence[Form], columns: int) -> csr_array:
    from scipy.sparse import coo_array  # at first use: see the imports

    data: list[int] = []
    row_index: list[int] = []
    col_index: list[int] = []
    for i, form in enumerate(rows):
        for var, coef in form.items():
            data.append(coef)
            row_index.append(i)
            col_index.append(var)
    matrix = coo_array(
        (np.array(data, dtype=float), (np.array(row_index), np.array(col_index))),
        shape=(len(rows), columns),
    )
    return matrix.tocsr()


def cap_of(table: Table) -> int:
    """A bound no variable reaches in any plausible table: a range reaching it is unbounded.
    Every solve stays bounded, so HiGHS never has to tell infeasible from unbounded."""
    return 10 * max(table.values.values(), default=0) + 1000


class Model:
    """The attacker's model: the cells of `fixed` at their values, the cells of `withheld` at
    least their floor; `extra` rows (form, low, high) over `extra_columns` more continuous
    variables let a caller pose further questions."""

    def __init__(
        self,
        table: Table,
        fixed: Mapping[Key, int],
        withheld: Iterable[Key],
        extra: Sequence[tuple[Form, float, float]] = (),
        extra_columns: int = 0,
    ) -> None:
        from scipy.optimize import Bounds, LinearConstraint  # at first use: see the imports

        n = table.variables
        self.columns = n + extra_columns
        self.cap = cap_of(table)
        low = np.zeros(self.columns)
        high = np.full(self.columns, np.inf)
        high[:n] = self.cap
        for key, value in fixed.items():
            low[table.cell_var[key]] = high[table.cell_var[key]] = value
        for key in withheld:
            low[table.cell_var[key]] = floor_of(key)
        self.bounds = Bounds(low, high)
        self.box = (low, high)
        rows = [*table.rows, *extra]
        self.matrix = _matrix([form for form, _, _ in rows], self.columns)
        self.low = np.array([lo for _, lo, _ in rows], dtype=float)
        self.high = np.array([hi for _, _, hi in rows], dtype=float)
        self.constraints = LinearConstraint(self.matrix, self.low, self.high)
        self.integer = np.zeros(self.columns)
        self.integer[:n] = 1
        self.whole = n
        self.solves = 0

    def optimum(self, objective: np.ndarray, whole: bool = True) -> tuple[float, np.ndarray]:
        """min objective·x over the model's integer points (or its relaxation, `whole` False).

        The linear relaxation comes first: HiGHS's integer search costs far more than the
        simplex here, and where the simplex ends on a whole-numbered vertex (the usual case,
        the tables being nearly network matrices) that vertex is the integer optimum too.
        Only otherwise does the integer search run. AuditError when HiGHS proves nothing."""
        relaxed = self._solve(objective, np.zeros(self.columns))
        x = np.asarray(relaxed.x, dtype=float)
        if not whole:
            return float(relaxed.fun), x
        rounded = np.round(x)
        if self._feasible(rounded, x):
            return float(objective @ rounded), rounded
        exact = self._solve(objective, self.integer)
        return float(exact.fun), np.round(np.asarray(exact.x, dtype=float))

    def _solve(self, objective: np.ndarray, integrality: np.ndarray) -> Any:
        from scipy.optimize import milp  # at first use: see the imports

        self.solves += 1
        result = milp(
            objective,
            integrality=integrality,
            bounds=self.bounds,
            constraints=self.constraints,
            options={"time_limit": TIME_LIMIT, "mip_rel_gap": 0.0},
        )
        if result.status != 0 or result.x is None:
            raise AuditError(f"HiGHS: {result.message}")
        return result

    def _feasible(self, rounded: np.ndarray, x: np.ndarray) -> bool:
        """`rounded` is x, whole, and keeps every bound and row exactly (the coefficients and
        limits are whole numbers, so exact arithmetic on it is safe)."""
        n = self.whole
        if np.abs(x[:n] - rounded[:n]).max(initial=0.0) > 1e-6:
            return False
        low, high = self.box
        if np.any(rounded < low) or np.any(rounded > high):
            return False
        activity = self.matrix @ rounded
        return bool(np.all(activity >= self.low - 1e-9) and np.all(activity <= self.high + 1e-9))

    def unit(self, var: int, sign: int = 1) -> np.ndarray:
        out = np.zeros(self.columns)
        out[var] = sign
        return out


def shown_cells(table: Table, withheld: Iterable[Key]) -> dict[Key, int]:
    hidden = set(withheld)
    return {key: value for key, value in table.values.items() if key not in hidden}


def consistent(table: Table, withheld: Collection[Key], x: np.ndarray) -> bool:
    """x is a whole table that agrees with every shown cell, keeps every withheld count at
    least 1 and every row of the model: a proof that the withheld cells can take its values."""
    truth = x[: table.variables]
    if np.any(truth < 0) or np.any(np.abs(truth - np.round(truth)) > 0):
        return False
    for key, var in table.cell_var.items():
        value = truth[var]
        if (key in withheld and value < floor_of(key)) or (
            key not in withheld and value != table.values[key]
        ):
            return False
    for form, low, high in table.rows:
        activity = sum(coef * truth[var] for var, coef in form.items())
        if activity < low or activity > high:
            return False
    return True


class Spans:
    """For each withheld cell, the least and greatest value seen in proven tables."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.seen: dict[Key, tuple[int, int]] = {}

    def add(self, withheld: Collection[Key], x: np.ndarray) -> None:
        if not consistent(self.table, withheld, x):
            return
        for key in withheld:
            value = round(float(x[self.table.cell_var[key]]))
            low, high = self.seen.get(key, (self.table.values[key], self.table.values[key]))
            self.seen[key] = (min(low, value), max(high, value))

    def span(self, key: Key) -> Range:
        low, high = self.seen.get(key, (self.table.values[key], self.table.values[key]))
        return Range(low, high, exact=False)


def _extreme(model: Model, var: int, sign: int, spans: Spans | None,
             withheld: Collection[Key]) -> int:  # fmt: skip
    value, x = model.optimum(model.unit(var, sign))
    if spans is not None:
        spans.add(withheld, x)
    return round(sign * value)


def ranges(
    model: Model,
    table: Table,
    withheld: Collection[Key],
    cells: Iterable[Key],
    spans: Spans | None = None,
    width: int | None = None,
) -> dict[Key, Range]:
    """Each of `cells`' least and greatest value over the model. With `spans` and `width`,
    a cell that the tables already found (`spans`, which every solve feeds) show to take at
    least `width` values is not solved for: its range is proven wide enough, if not exact."""
    out: dict[Key, Range] = {}
    for key in sorted(cells):
        if spans is not None and width is not None and spans.span(key).holds(width):
            out[key] = spans.span(key)
            continue
        var = table.cell_var[key]
        high = _extreme(model, var, -1, spans, withheld)
        if spans is not None and width is not None and spans.span(key).holds(width):
            out[key] = spans.span(key)
            continue
        low = _extreme(model, var, 1, spans, withheld)
        out[key] = Range(low, None if high >= model.cap else high)
    return out


def audit(
    table: Table,
    withheld: Iterable[Key],
    width: int,
    cells: Iterable[Key] | None = None,
    spans: Spans | None = None,
) -> Audit:
    """The range of every withheld cell (or of `cells` among them) given all the others:
    exact, or with `spans` proven at least `width` values wide where tables found so far
    show it (the publishing step's way; `layak profil-anak audit` computes every extreme)."""
    hidden = frozenset(withheld)
    model = Model(table, shown_cells(table, hidden), sorted(hidden))
    targets = hidden if cells is None else cells
    found = ranges(model, table, hidden, targets, spans, width if spans is not None else None)
    return Audit(width=width, ranges=found, solves=model.solves)
