""" "Menunggu saya": what waits for each person, one definition per queue.

A queue is a predicate over the answer list's rows (`rows.Row`). The dashboard counts the rows
a queue holds and links to the question list filtered by it (`?menunggu=<key>`), which keeps
exactly those rows: the count and the list read the same definition. What is not a question
(stage windows closing soon; the task force's overdue action items, counted by `gugus`) has its
own page, filtered the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from layak.accounts.models import User
from layak.accounts.policy import role_of
from layak.accounts.roles import AGENCY_WORKERS, MANAGERS, VERIFIER_STAGES, Role
from layak.core.instrument import Question
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation.models import AnswerStatus, Cycle, StageWindow
from layak.evaluation.queries.rows import Row, has_status, rows_for
from layak.evaluation.queries.scores import Deadline
from layak.regions.models import Region

# A stage window "closes soon" within this many days.
CLOSING_SOON = timedelta(days=7)


def unassigned(question: Question, agencies: Sequence[object]) -> bool:
    """A question that still needs an agency: KELANA/DEKELA questions are answered by every
    kecamatan or kelurahan and need none."""
    return not question.per_unit and not agencies


def undecided_at(stage: Stage) -> Callable[[Row], bool]:
    """Submitted (or resubmitted) region answers the stage has not decided in their current
    version: the verifier's queue, as the province page's count (`overview.figures`)."""

    def waiting(row: Row) -> bool:
        answer = row.answer
        if answer is None or answer["status"] != AnswerStatus.SUBMITTED:
            return False
        decided = dict(row.decided).get(stage.value)
        return decided is None or decided < answer["version"]

    return waiting


@dataclass(frozen=True)
class Queue:
    key: str
    label: str  # marked with gettext_noop; translated where shown
    holds: Callable[[Row], bool]


VERIFIER_QUEUES = {
    stage: Queue(stage.value, label, undecided_at(stage))
    for stage, label in (
        (Stage.ADMINISTRATIVE, gettext_noop("Menunggu verifikasi administrasi")),
        (Stage.FIELD, gettext_noop("Menunggu verifikasi lapangan")),
        (Stage.FINAL, gettext_noop("Menunggu penilaian akhir")),
    )
}
SENT_BACK = Queue("dikembalikan", gettext_noop("Dikembalikan"), lambda r: r.status == "perbaikan")
DRAFTS = Queue("draf", gettext_noop("Masih draf"), lambda r: r.status == "draf")
NO_EVIDENCE = Queue(
    "tanpa_bukti", gettext_noop("Tanpa bukti"), lambda r: r.answered and not r.evidence
)
CARRIED = Queue("tahun_lalu", gettext_noop("Dari tahun lalu, perlu ditinjau"), lambda r: r.carried)
UNANSWERED = Queue("belum", gettext_noop("Belum dijawab"), lambda r: not r.answered)
NO_AGENCY = Queue(
    "tanpa_opd",
    gettext_noop("Belum punya OPD"),
    lambda r: unassigned(r.question, r.agencies),
)
ALL_QUEUES = {
    q.key: q
    for q in (
        *VERIFIER_QUEUES.values(),
        SENT_BACK,
        CARRIED,
        DRAFTS,
        NO_EVIDENCE,
        UNANSWERED,
        NO_AGENCY,
    )
}


def queues_for(user: User) -> list[Queue]:
    """The queues of the person's role, in the order the dashboard lists them."""
    role = role_of(user)
    if role is None:
        return []
    if role in VERIFIER_STAGES:
        return [VERIFIER_QUEUES[s] for s in STAGE_ORDER if s in VERIFIER_STAGES[role]]
    if role in AGENCY_WORKERS:
        return [SENT_BACK, CARRIED, DRAFTS, NO_EVIDENCE]
    if role is Role.UNIT_OPERATOR:
        return [CARRIED, UNANSWERED, NO_EVIDENCE]
    if role in MANAGERS:
        return [CARRIED, NO_AGENCY]
    return []


def in_queue(rows: list[Row], key: str) -> list[Row]:
    queue = ALL_QUEUES.get(key)
    return rows if queue is None else [r for r in rows if queue.holds(r)]


def closing_soon(window: StageWindow, now: datetime) -> bool:
    """An open, unlocked window that closes within `CLOSING_SOON`."""
    return window.is_open(now) and window.closes_at - now <= CLOSING_SOON


def verifier_stages_open(user: User, cycle: Cycle, now: datetime) -> set[Stage]:
    """The person's verification stages whose window is open now: the queues worth counting."""
    role = role_of(user)
    stages = VERIFIER_STAGES.get(role, frozenset()) if role is not None else frozenset()
    return {Stage(w.stage) for w in cycle.windows.all() if w.is_open(now)} & stages


@dataclass(frozen=True)
class Waiting:
    label: str  # marked with gettext_noop; translated where shown
    count: int
    url: str


def waiting_for(user: User, cycle: Cycle, deadlines: list[Deadline]) -> list[Waiting]:
    """The dashboard's "Menunggu saya": each of the person's queues counted over the rows the
    question list shows, linked to that list filtered by it."""
    role = role_of(user)
    now = timezone.now()
    unit = user.unit if role is Role.UNIT_OPERATOR else None
    rows = rows_for(user, cycle, unit)
    scope: dict[str, str] = {}
    if role is Role.COORDINATOR and user.cluster:
        scope["bagian"] = user.cluster
        rows = [r for r in rows if r.question.part_code == user.cluster]
    listed = reverse("evaluation:questions", args=[cycle.pk])
    open_stages = {s.value for s in verifier_stages_open(user, cycle, now)}
    result = [
        Waiting(
            queue.label,
            sum(1 for r in rows if queue.holds(r)),
            f"{listed}?{urlencode({**scope, 'menunggu': queue.key})}",
        )
        for queue in queues_for(user)
        if queue.key in open_stages or queue not in VERIFIER_QUEUES.values()
    ]
    if role in MANAGERS:
        result.append(
            Waiting(
                gettext_noop("Tahap ditutup dalam 7 hari"),
                sum(1 for d in deadlines if closing_soon(d.window, now)),
                reverse("evaluation:stages", args=[cycle.pk]) + "?segera=1",
            )
        )
    return result


@dataclass(frozen=True)
class UnitFigures:
    """A kecamatan or kelurahan operator's own unit first: its questions answered, and the two
    queues of what is left (the same predicates as his "Menunggu saya"), each linked to his list
    filtered to exactly those rows."""

    unit: Region
    total: int
    answered: int
    list_url: str
    answered_url: str
    unanswered: Waiting
    no_evidence: Waiting

    @property
    def percent(self) -> float:
        return 100 * self.answered / self.total if self.total else 100.0


def unit_figures(user: User, cycle: Cycle) -> UnitFigures | None:
    """The operator's unit's figures over the rows his question list shows; None for others."""
    unit = user.unit if role_of(user) is Role.UNIT_OPERATOR else None
    if unit is None:
        return None
    rows = rows_for(user, cycle, unit)
    listed = reverse("evaluation:questions", args=[cycle.pk])

    def waiting(queue: Queue) -> Waiting:
        return Waiting(
            queue.label,
            sum(1 for r in rows if queue.holds(r)),
            f"{listed}?{urlencode({'menunggu': queue.key})}",
        )

    return UnitFigures(
        unit=unit,
        total=len(rows),
        answered=sum(1 for r in rows if has_status(r, "dijawab")),
        list_url=listed,
        answered_url=f"{listed}?status=dijawab",
        unanswered=waiting(UNANSWERED),
        no_evidence=waiting(NO_EVIDENCE),
    )
