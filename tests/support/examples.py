"""How many examples a property test draws: all of them in `make test` (CI), a quarter in
`make quick`, the loop run while working (LAYAK_QUICK_EXAMPLES=1, set by the Makefile).

Hypothesis's own advice is a lighter profile for development and the full one in CI. A test
states its full number once, `max_examples=examples(150)`; the quick run draws 37 of the same
kind, so every property still runs, on fewer random inputs. The examples each property needs
to be meaningful (explicit @example cases, the demo) are not drawn, so they always run.

The same holds for cases a tool generates in bulk rather than draws (schemathesis's coverage
phase, about 800 boundary and malformed requests sent as every caller): `drawn(turn)` keeps
every case in `make test` and one in four, turn by turn, in `make quick`."""

from __future__ import annotations

import os

QUICK = os.environ.get("LAYAK_QUICK_EXAMPLES") == "1"


def examples(full: int) -> int:
    return max(1, full // 4) if QUICK else full


def drawn(turn: int) -> bool:
    """Whether the `turn`-th generated case is sent: always, or one in four in the quick run."""
    return not QUICK or turn % 4 == 0
