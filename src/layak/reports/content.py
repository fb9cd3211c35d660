"""What the self-assessment report says, gathered in a fixed number of queries.

The figures are the dashboard's own (`cycle_scores`), the statuses the answer list's
(`rows_for`), so the report can never disagree with the screens. One more query brings every
present evidence file of the cycle with its uploader and unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from layak.core.gap import PlanItem
from layak.core.instrument import Indicator, Part, Question
from layak.core.scoring import IndicatorScore, PartScore, ScoreCard
from layak.evaluation.models import Cycle
from layak.evaluation.rows import Row, rows_for
from layak.evaluation.scores import CycleScores, cycle_scores
from layak.evidence.models import EvidenceFile
from layak.web.charts import PartBar, parts_chart
from layak.web.templatetags.layak import value_text

STEPS_ON_SUMMARY = 5


@dataclass(frozen=True)
class EvidenceLine:
    title: str
    year: int
    uploader: str
    unit: str  # the kecamatan or kelurahan whose own answer it backs; empty for the region


@dataclass(frozen=True)
class QuestionLine:
    question: Question
    answer: str
    claimed: float | None  # None: not answered
    verified: float | None  # the latest verifier's points; None: not verified
    row: Row
    evidence: list[EvidenceLine]

    @property
    def answer_status(self) -> str:
        return str(self.row.answer["status"]) if self.row.answer else ""


@dataclass(frozen=True)
class IndicatorBlock:
    indicator: Indicator
    score: IndicatorScore
    verified: IndicatorScore | None
    lines: list[QuestionLine]


@dataclass(frozen=True)
class PartBlock:
    part: Part
    score: PartScore
    verified: PartScore | None
    indicators: list[IndicatorBlock]


@dataclass(frozen=True)
class StageLine:
    label: str
    total: float | None
    predicate: str | None
    to_target: float | None  # points still needed for the target predicate


@dataclass(frozen=True)
class Step:
    item: PlanItem
    question: Question
    agencies: list[str]


@dataclass
class SelfAssessmentReport:
    cycle: Cycle
    scores: CycleScores
    stage: str
    target: str
    target_points: float | None
    stages: list[StageLine]
    steps: list[Step]
    plan_steps: int
    at_risk: float
    at_risk_questions: int
    chart: SafeString
    parts: list[PartBlock] = field(default_factory=list)
    question_count: int = 0


def current_stage(scores: CycleScores, now: datetime | None = None) -> str:
    """The stage the cycle is in: the latest open window, else the latest one already begun."""
    moment = now or timezone.now()
    windows = [d.window for d in scores.deadlines]
    open_now = [w for w in windows if w.is_open(moment)]
    begun = [w for w in windows if w.opens_at <= moment]
    chosen = open_now or begun or windows[:1]
    return chosen[-1].get_stage_display() if chosen else _("Penilaian mandiri")


def _to_target(total: float, target_points: float | None) -> float | None:
    return None if target_points is None else max(0.0, round(target_points - total, 2))


def stage_lines(scores: CycleScores, target_points: float | None) -> list[StageLine]:
    card = scores.self_card
    verified = scores.verified_card
    return [
        StageLine(
            _("Penilaian mandiri"),
            card.total,
            card.predicate,
            _to_target(card.total, target_points),
        ),
        StageLine(
            _("Proyeksi terverifikasi"),
            card.projected_verified_total,
            card.projected_predicate,
            _to_target(card.projected_verified_total, target_points),
        ),
        StageLine(
            _("Terverifikasi"),
            verified.total if verified else None,
            verified.predicate if verified else None,
            _to_target(verified.total, target_points) if verified else None,
        ),
    ]


def part_bars(card: ScoreCard, verified: ScoreCard | None) -> list[PartBar]:
    """The dashboard's bars: maximum, claimed, projected verified and the verified mark."""
    verified_parts = {p.code: p.score for p in verified.parts} if verified else {}
    return [
        PartBar(p.code, p.name, p.max, p.score, p.projected, verified_parts.get(p.code))
        for p in card.parts
    ]


def evidence_lines(cycle: Cycle) -> dict[str, list[EvidenceLine]]:
    """Every present file of the cycle by question: the region's first, then each unit's."""
    found: dict[str, list[EvidenceLine]] = defaultdict(list)
    rows = (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle)
        .order_by("answer__question_code", "answer__unit_id", "uploaded_at", "id")
        .values_list(
            "answer__question_code",
            "answer__unit__name",
            "title",
            "document_year",
            "uploaded_by__first_name",
            "uploaded_by__last_name",
            "uploaded_by__username",
        )
    )
    region_first = sorted(rows, key=lambda r: (r[0], r[1] is not None))
    for code, unit, title, year, first, last, username in region_first:
        name = f"{first} {last}".strip() or username
        found[code].append(EvidenceLine(title, year, name, unit or ""))
    return found


def _indicator_scores(card: ScoreCard | None) -> dict[str, IndicatorScore]:
    return {i.code: i for i in card.indicators} if card else {}


def self_assessment_report(user: Any, cycle: Cycle) -> SelfAssessmentReport:
    scores = cycle_scores(cycle)
    instrument = scores.instrument
    card, verified = scores.self_card, scores.verified_card
    band = instrument.band(cycle.target_predicate)
    target_points = band.min_points if band else None
    rows = {r.question.code: r for r in rows_for(user, cycle)}
    files = evidence_lines(cycle)
    self_indicators, verified_indicators = _indicator_scores(card), _indicator_scores(verified)
    verified_parts = {p.code: p for p in verified.parts} if verified else {}
    parts: list[PartBlock] = []
    count = 0
    for part, part_score in zip(instrument.parts, card.parts, strict=True):
        blocks = []
        for indicator in part.indicators:
            lines = []
            for question in indicator.questions:
                row = rows.get(question.code)
                if row is None:  # not the reader's to see (the views admit only full readers)
                    continue
                answered = bool(row.answer and row.answer["value"])
                lines.append(
                    QuestionLine(
                        question,
                        value_text(question, row.answer["value"]) if row.answer else "",
                        card.question_points.get(question.code) if answered else None,
                        float(row.verification["verified_points"]) if row.verification else None,
                        row,
                        files.get(question.code, []),
                    )
                )
            count += len(lines)
            blocks.append(
                IndicatorBlock(
                    indicator,
                    self_indicators[indicator.code],
                    verified_indicators.get(indicator.code),
                    lines,
                )
            )
        parts.append(PartBlock(part, part_score, verified_parts.get(part.code), blocks))
    steps = [
        Step(i, instrument.question(i.code), scores.plan_agencies.get(i.code, []))
        for i in scores.plan.items[:STEPS_ON_SUMMARY]
    ]
    return SelfAssessmentReport(
        cycle=cycle,
        scores=scores,
        stage=current_stage(scores),
        target=cycle.target_predicate,
        target_points=target_points,
        stages=stage_lines(scores, target_points),
        steps=steps,
        plan_steps=len(scores.plan.items),
        at_risk=card.points_at_risk,
        at_risk_questions=_at_risk_count(card, scores.evidence_by_code),
        chart=parts_chart(
            part_bars(card, verified),
            _("Nilai per bagian"),
            _(
                "Untuk setiap bagian: nilai penilaian mandiri, nilai proyeksi terverifikasi, dan "
                "nilai maksimal."
            ),
        ),
        parts=parts,
        question_count=count,
    )


def _at_risk_count(card: ScoreCard, evidence: dict[str, int]) -> int:
    return sum(
        1 for code, pts in card.question_points.items() if pts > 0 and not evidence.get(code)
    )


def flat_lines(parts: Sequence[PartBlock]) -> list[QuestionLine]:
    return [line for p in parts for i in p.indicators for line in i.lines]
