"""One exact gap plan: Layak's dynamic programme against HiGHS (MILP) and a greedy hand method.

Run: make benchmark   (target: one exact plan in under 0.1 s)
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np

from layak.core.answers import Answer
from layak.core.answersheet import answers_from_rows
from layak.core.gap import Effort, _choices, default_effort, plan_gap
from layak.core.instrument import Instrument
from layak.core.loader import load_builtin
from layak.core.scoring import score
from layak.tabular import read_table
from regions import region_answers


def demo_answers(instrument: Instrument) -> dict[str, Answer]:
    with resources.as_file(resources.files("layak.demo") / "data" / "kota-metro-2024.csv") as path:
        table = read_table(path, ("kode", "nilai", "bukti"))
    return answers_from_rows(instrument, ((r.number, r.values) for r in table.rows))


def groups(
    instrument: Instrument, answers: dict[str, Answer], efforts: dict[str, Effort] | None = None
) -> list[list[tuple[float, float]]]:
    """(gain, effort) choices per question, exactly as the planner sees them."""
    result = []
    for q in instrument.questions:
        effort = (efforts or {}).get(q.code) or default_effort(q)
        options = _choices(q, answers.get(q.code), effort)
        if options:
            result.append([(c.gain, sum(i.effort for i in c.items)) for c in options])
    return result


def milp_effort(
    instrument: Instrument,
    answers: dict[str, Answer],
    target: str,
    efforts: dict[str, Effort] | None = None,
) -> float | None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    band = instrument.band(target)
    assert band is not None
    needed = max(0.0, band.min_points - score(instrument, answers).projected_verified_total)
    options = groups(instrument, answers, efforts)
    flat = [(g, gain, effort) for g, opts in enumerate(options) for gain, effort in opts]
    if not flat or needed <= 0:
        return 0.0
    cost = np.array([e for _, _, e in flat])
    gains = np.array([[gain for _, gain, _ in flat]])
    one_per_group = np.zeros((len(options), len(flat)))
    for j, (g, _, _) in enumerate(flat):
        one_per_group[g, j] = 1
    result = milp(
        cost,
        constraints=[
            LinearConstraint(gains, lb=needed - 1e-9),
            LinearConstraint(one_per_group, ub=1),
        ],
        integrality=np.ones(len(flat)),
        bounds=Bounds(0, 1),
    )
    return float(result.fun) if result.success else None


def greedy_effort(instrument: Instrument, answers: dict[str, Answer], target: str) -> float | None:
    """What a task force does by hand: best points per effort first, until the gap closes."""
    band = instrument.band(target)
    assert band is not None
    needed = max(0.0, band.min_points - score(instrument, answers).projected_verified_total)
    ranked = sorted(
        (
            (gain / effort, g, gain, effort)
            for g, opts in enumerate(groups(instrument, answers))
            for gain, effort in opts
        ),
        reverse=True,
    )
    taken: set[int] = set()
    gained = spent = 0.0
    for _, g, gain, effort in ranked:
        if g in taken or gained >= needed - 1e-9:
            continue
        taken.add(g)
        gained += gain
        spent += effort
    return spent if gained >= needed - 1e-9 else None


def clock(function, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def main() -> None:
    instrument = load_builtin("kla-2024")
    cases = [
        ("Kota Metro demo → Utama", demo_answers(instrument), "Utama"),
        ("Kota Metro demo → KLA", demo_answers(instrument), "KLA"),
    ]
    cases += [(f"region {seed} → next", region_answers(instrument, seed), "") for seed in range(50)]
    ours, highs = [], []
    worse_greedy = 0
    excess = []
    disagreements = 0
    for name, answers, target in cases:
        card = score(instrument, answers)
        target = target or (card.next_predicate or "KLA")
        if instrument.band(target) is None:
            continue
        plan = plan_gap(instrument, answers, target)
        ours.append(min(clock(plan_gap, instrument, answers, target) for _ in range(3)))
        highs.append(min(clock(milp_effort, instrument, answers, target) for _ in range(3)))
        exact = milp_effort(instrument, answers, target)
        if plan.reachable and exact is not None and abs(exact - plan.total_effort) > 1e-6:
            disagreements += 1
        greedy = greedy_effort(instrument, answers, target)
        if greedy is not None and plan.reachable and greedy > plan.total_effort + 1e-9:
            worse_greedy += 1
            excess.append(greedy / plan.total_effort - 1)
        if name.startswith("Kota"):
            print(
                f"{name}: needed {plan.needed:.2f}, {len(plan.items)} actions, effort "
                f"{plan.total_effort:g} (greedy {greedy}, HiGHS {exact}); "
                f"{ours[-1] * 1000:.1f} ms vs HiGHS {highs[-1] * 1000:.1f} ms"
            )
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    print(f"{len(ours)} plans on kla-2024 (274 questions)")
    print(
        f"Layak exact DP:   median {statistics.median(ours) * 1000:6.1f} ms, "
        f"max {max(ours) * 1000:6.1f} ms  (target < 100 ms: "
        f"{'met' if max(ours) < 0.1 else 'MISSED'})"
    )
    print(
        f"HiGHS MILP:       median {statistics.median(highs) * 1000:6.1f} ms, "
        f"max {max(highs) * 1000:6.1f} ms"
    )
    print(f"plans where HiGHS found a different minimum effort: {disagreements}")
    print(
        f"plans where greedy by points-per-effort costs more: {worse_greedy} of {len(ours)}"
        + (f" (median {statistics.median(excess) * 100:.0f}% more effort)" if excess else "")
    )

    fine_grid(instrument)


def fine_grid(instrument: Instrument) -> None:
    """The hardest case for the dynamic programme: efforts with two decimals, far targets."""
    rng = random.Random(7)
    times, highs, disagreements = [], [], 0
    for seed in range(20):
        answers = region_answers(instrument, seed)
        efforts = {
            q.code: Effort(round(rng.uniform(0.5, 5), 2), round(rng.uniform(1, 20), 2))
            for q in instrument.questions
        }
        plan = plan_gap(instrument, answers, "KLA", efforts)
        times.append(min(clock(plan_gap, instrument, answers, "KLA", efforts) for _ in range(3)))
        highs.append(min(clock(milp_effort, instrument, answers, "KLA", efforts) for _ in range(3)))
        exact = milp_effort(instrument, answers, "KLA", efforts)
        if plan.reachable and exact is not None and abs(exact - plan.total_effort) > 1e-6:
            disagreements += 1
    print(
        f"efforts on a 0.01 grid, target KLA, {len(times)} regions: Layak median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms; HiGHS median "
        f"{statistics.median(highs) * 1000:.1f} ms; different minimum: {disagreements}"
    )


if __name__ == "__main__":
    main()
