"""The dashboard's figures, computed on request by the core from the current rows.

The three figures come from the one reader (`evaluation.figures`); this adds what the
dashboard and the reports show around them: the gap plan from the submitted answers,
completeness per part, agency and unit, and the deadlines. A fixed handful of queries
whatever the number of questions, so a saved answer shows at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count
from django.utils import timezone

from layak.core.figures import Figure, Figures, PartFigure
from layak.core.gap import GapPlan, plan_gap
from layak.core.instrument import Instrument
from layak.core.scoring import ScoreCard
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, Assignment, Cycle, StageWindow, evidence_files
from layak.evaluation.queries.figures import Drafts, cycle_figures


@dataclass(frozen=True)
class Completeness:
    label: str
    answered: int
    with_evidence: int
    total: int
    key: str = ""  # what the question list filters by: a part's code, an agency, a unit's code
    nested: bool = False  # a kelurahan listed under its kecamatan

    @property
    def percent(self) -> float:
        return 100 * self.answered / self.total if self.total else 100.0

    @property
    def evidence_percent(self) -> float:
        return 100 * self.with_evidence / self.total if self.total else 100.0


@dataclass(frozen=True)
class Deadline:
    stage: Stage
    window: StageWindow
    state: str  # upcoming, open, closed, locked

    @property
    def days_left(self) -> int | None:
        if self.state != "open":
            return None
        return max(0, (self.window.closes_at - timezone.now()).days)


@dataclass
class CycleScores:
    instrument: Instrument
    figures: Figures
    drafts: Drafts
    plan: GapPlan  # from the submitted answers: its `current` is the projected figure
    plan_agencies: dict[str, list[str]]
    parts: list[Completeness]
    agencies: list[Completeness]
    units: list[Completeness]
    deadlines: list[Deadline]
    answered_codes: set[str] = field(default_factory=set)  # drafts included: progress
    evidence_by_code: dict[str, int] = field(default_factory=dict)

    @property
    def self_card(self) -> ScoreCard:
        """The submitted answers' card: the self-assessed and projected figures' questions."""
        return self.figures.card

    @property
    def verified_card(self) -> ScoreCard | None:
        return self.figures.verified_card

    @property
    def verified_stage(self) -> Stage | None:
        return self.figures.verified_stage

    @property
    def verified_count(self) -> int:
        return self.figures.verified_answers


def evidence_counts(cycle: Cycle) -> dict[str, int]:
    """Present evidence files per question, counting files on every unit's answer too."""
    rows = (
        evidence_files(present=True)
        .filter(answer__cycle=cycle)
        .values("answer__question_code")
        .annotate(n=Count("id"))
    )
    return {row["answer__question_code"]: row["n"] for row in rows}


def assigned_agencies(cycle: Cycle) -> dict[str, list[str]]:
    """The short names of the agencies assigned to each question, its lead agency first."""
    agencies: dict[str, list[str]] = defaultdict(list)
    for code, short_name in (
        Assignment.objects.filter(cycle=cycle)
        .order_by("question_code", "-lead", "agency__short_name")
        .values_list("question_code", "agency__short_name")
    ):
        agencies[code].append(short_name)
    return agencies


def _deadline_state(window: StageWindow, now: datetime) -> str:
    if window.locked:
        return "locked"
    if now < window.opens_at:
        return "upcoming"
    return "open" if now <= window.closes_at else "closed"


def cycle_scores(cycle: Cycle, scope: set[str] | None = None) -> CycleScores:
    """The cycle's figures and completeness; with a scope (the codes of a coordinator's cluster,
    or of the questions assigned to an officer's agency: `own_scope`), completeness counts only
    those questions, as the person's question list shows them."""
    instrument = cycle.instrument
    in_scope = {q.code for q in instrument.questions if scope is None or q.code in scope}
    evidence = evidence_counts(cycle)
    read = cycle_figures(cycle)
    answered = set(read.submitted) | set(read.drafts.points)
    plan = plan_gap(instrument, read.submitted, cycle.target_predicate)

    agencies_by_code = assigned_agencies(cycle)
    per_agency: dict[str, list[str]] = defaultdict(list)
    for code, short_names in agencies_by_code.items():
        if code in in_scope:
            for short_name in short_names:
                per_agency[short_name].append(code)

    def completeness(label: str, codes: list[str], key: str) -> Completeness:
        return Completeness(
            label,
            sum(1 for c in codes if c in answered),
            sum(1 for c in codes if evidence.get(c, 0) > 0 and c in answered),
            len(codes),
            key,
        )

    parts = [
        completeness(p.name, codes, p.code)
        for p in instrument.parts
        if (codes := [q.code for q in p.questions if q.code in in_scope])
    ]
    agencies = sorted(
        (completeness(name, codes, name) for name, codes in per_agency.items()),
        key=lambda c: (c.percent, c.label),
    )
    now = timezone.now()
    windows = sorted(cycle.windows.all(), key=lambda w: STAGE_ORDER.index(Stage(w.stage)))
    return CycleScores(
        instrument=instrument,
        figures=read.figures,
        drafts=read.drafts,
        plan=plan,
        plan_agencies={i.code: agencies_by_code.get(i.code, []) for i in plan.items},
        parts=parts,
        agencies=agencies,
        units=unit_completeness(cycle, instrument, in_scope),
        deadlines=[Deadline(Stage(w.stage), w, _deadline_state(w, now)) for w in windows],
        answered_codes=answered,
        evidence_by_code=evidence,
    )


def unit_completeness(
    cycle: Cycle, instrument: Instrument, codes: set[str] | None = None
) -> list[Completeness]:
    """For each kecamatan and kelurahan: how many of its own KELANA/DEKELA questions (of those
    given; all by default) it answered."""
    chosen = [q for q in instrument.questions if codes is None or q.code in codes]
    per_level = {
        Level.DISTRICT: [q.code for q in chosen if q.per_kecamatan],
        Level.VILLAGE: [q.code for q in chosen if q.per_desa_kelurahan],
    }
    if not per_level[Level.DISTRICT] and not per_level[Level.VILLAGE]:
        return []
    listed = per_level[Level.DISTRICT] + per_level[Level.VILLAGE]
    answered = Counter(
        Answer.objects.filter(cycle=cycle, unit__isnull=False, question_code__in=listed)
        .answered()
        .values_list("unit_id", flat=True)
    )
    with_files = Counter(
        unit
        for unit, _code in evidence_files(present=True)
        .filter(answer__cycle=cycle, answer__unit__isnull=False, answer__question_code__in=listed)
        .values_list("answer__unit_id", "answer__question_code")
        .distinct()
    )
    result = []
    for unit in cycle.region.units(Level.DISTRICT, Level.VILLAGE):
        total = len(per_level[Level(unit.level)])
        result.append(
            Completeness(
                unit.name,
                answered[unit.code],
                with_files[unit.code],
                total,
                unit.code,
                nested=unit.level == Level.VILLAGE,
            )
        )
    return result


@dataclass(frozen=True)
class ClusterFigures:
    """One part's points in each figure: a coordinator's cluster."""

    self_assessed: PartFigure
    projected: PartFigure
    verified: PartFigure | None


def cluster_figures(figures: Figures, code: str) -> ClusterFigures | None:
    def part(figure: Figure | None) -> PartFigure | None:
        return next((p for p in figure.parts if p.code == code), None) if figure else None

    mandiri, projected = part(figures.self_assessed), part(figures.projected)
    if mandiri is None or projected is None:
        return None
    return ClusterFigures(mandiri, projected, part(figures.verified))
