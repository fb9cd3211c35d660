"""Children's aspirations through the planning cycle, and what is counted from them (no Django).

received → discussed in Musrenbang → accepted into a programme, activity or regulation, or
declined with a reason → carried out (only what was accepted). Each step names its date; a step
never goes back in time. The number of regulations, programmes and activities that took
children's input is counted per year of acceptance, each named item once however many
aspirations it took in. What is wrong with a step or a text is a keyed problem
(`aspiration.*` in layak.core.messages), at the field it concerns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from layak.core.messages import Problem, msg


class Status(StrEnum):
    RECEIVED = "diterima"
    DISCUSSED = "dibahas"
    ACCEPTED = "diakomodasi"
    DECLINED = "ditolak"
    DONE = "dilaksanakan"


class OutcomeKind(StrEnum):
    REGULATION = "peraturan"
    PROGRAMME = "program"
    ACTIVITY = "kegiatan"


class MusrenbangLevel(StrEnum):
    KELURAHAN = "kelurahan"
    KECAMATAN = "kecamatan"
    CITY = "kota"


NEXT: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.DISCUSSED,),
    Status.DISCUSSED: (Status.ACCEPTED, Status.DECLINED),
    Status.ACCEPTED: (Status.DONE,),
    Status.DECLINED: (),
    Status.DONE: (),
}
# The child's progress display: four steps; a declined aspiration stops at the third.
PROGRESS = (Status.RECEIVED, Status.DISCUSSED, Status.ACCEPTED, Status.DONE)
MAX_TEXT = 1000


@dataclass(frozen=True)
class Step:
    """A proposed step with the facts it needs (empty strings when not given)."""

    status: str
    on: date | None
    musrenbang_level: str = ""
    outcome_kind: str = ""
    outcome_name: str = ""
    agency: str = ""
    reason: str = ""


def _problem(field: str, rule: str) -> Problem:
    return Problem(msg(f"aspiration.{rule}"), column=field)


def step_problems(current: Status, last_on: date | None, step: Step, today: date) -> list[Problem]:
    """Everything wrong with taking `step` from `current` (the last step dated `last_on`)."""
    try:
        new = Status(step.status)
    except ValueError:
        return [_problem("status", "unknown_status")]
    if new not in NEXT[current]:
        return [_problem("status", "not_next")]
    problems: list[Problem] = []
    if step.on is None:
        problems.append(_problem("on", "date_required"))
    elif step.on > today:
        problems.append(_problem("on", "date_future"))
    elif last_on is not None and step.on < last_on:
        problems.append(_problem("on", "date_before_last"))
    if new is Status.DISCUSSED and step.musrenbang_level not in set(MusrenbangLevel):
        problems.append(_problem("musrenbang_level", "level_required"))
    if new is Status.ACCEPTED:
        if step.outcome_kind not in set(OutcomeKind):
            problems.append(_problem("outcome_kind", "kind_required"))
        if not step.outcome_name.strip():
            problems.append(_problem("outcome_name", "name_required"))
        if not step.agency:
            problems.append(_problem("agency", "agency_required"))
    if new is Status.DECLINED and not step.reason.strip():
        problems.append(_problem("reason", "reason_required"))
    return problems


def text_problems(text: str) -> list[Problem]:
    cleaned = text.strip()
    if not cleaned:
        return [_problem("text", "text_required")]
    if len(cleaned) > MAX_TEXT:
        return [_problem("text", "text_too_long")]
    return []


def progress(status: Status) -> list[tuple[Status, bool]]:
    """The four steps of the child's display and whether each is reached."""
    if status is Status.DECLINED:
        reached = {Status.RECEIVED, Status.DISCUSSED}
    else:
        reached = set(PROGRESS[: PROGRESS.index(status) + 1])
    return [(s, s in reached) for s in PROGRESS]


@dataclass(frozen=True)
class Accepted:
    """An aspiration taken into planning: the year it was accepted and what took it in."""

    year: int
    kind: OutcomeKind
    name: str


def counts_by_year(accepted: Iterable[Accepted]) -> dict[int, dict[OutcomeKind, int]]:
    """{year: {kind: number of distinct named items}}; names match ignoring case and spaces."""
    seen: dict[int, dict[OutcomeKind, set[str]]] = {}
    for item in accepted:
        key = " ".join(item.name.casefold().split())
        seen.setdefault(item.year, {k: set() for k in OutcomeKind})[item.kind].add(key)
    return {
        year: {kind: len(names) for kind, names in kinds.items()}
        for year, kinds in sorted(seen.items(), reverse=True)
    }
