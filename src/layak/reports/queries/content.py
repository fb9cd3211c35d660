"""What the self-assessment report says, gathered in a fixed number of queries.

The figures are the dashboard's own (`cycle_scores`, which reads them from
`evaluation.figures`), each row named by its basis; the statuses are the answer list's
(`rows_for`), so the report can never disagree with the screens. One more query brings every
present evidence file of the cycle with its uploader and unit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.core.figures import Basis, Figure, Figures
from layak.core.gap import PlanItem
from layak.core.instrument import Indicator, Part, Question
from layak.core.scoring import IndicatorScore, PartScore, ScoreCard
from layak.evaluation.models import Cycle
from layak.evaluation.queries.rows import Row, rows_for
from layak.evaluation.queries.scores import CycleScores, cycle_scores
from layak.evaluation.templatetags.answers import value_text
from layak.evidence.models import EvidenceFile
from layak.web.charts import PartBar, parts_chart
from layak.web.errors import request_lang

STEPS_ON_SUMMARY = 5
AGENCIES_ON_SUMMARY = 3


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
    claimed: float | None  # the answer's points, a draft's too; None: not answered
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
    """One figure on the summary: its basis named, and its own distance to the target."""

    label: str
    total: float | None
    predicate: str | None
    to_target: float | None  # points still needed for the target predicate, from this figure


@dataclass(frozen=True)
class Step:
    item: PlanItem
    question: Question
    agencies: list[str]

    @property
    def agencies_text(self) -> str:
        """The first agencies and how many more, so five steps fit on the mayor's page."""
        if not self.agencies:
            return "—"
        shown = ", ".join(self.agencies[:AGENCIES_ON_SUMMARY])
        more = len(self.agencies) - AGENCIES_ON_SUMMARY
        if more <= 0:
            return shown
        return _("%(names)s dan %(n)s lainnya") % {"names": shown, "n": more}


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


def stage_lines(figures: Figures) -> list[StageLine]:
    """The three figures, each labelled by its basis (the verified one with its stage)."""
    lang = request_lang()

    def line(figure: Figure) -> StageLine:
        return StageLine(
            figure.label(lang), figure.total, figure.predicate, figure.points_to_target
        )

    verified = figures.verified
    return [
        line(figures.self_assessed),
        line(figures.projected),
        line(verified)
        if verified is not None
        else StageLine(Basis.VERIFIED.label(lang), None, None, None),
    ]


def part_bars(figures: Figures) -> list[PartBar]:
    """The dashboard's bars: maximum, claimed, projected verified and the verified mark."""
    verified = figures.verified
    verified_parts = {p.code: p.score for p in verified.parts} if verified else {}
    return [
        PartBar(p.code, p.name, p.max, p.score, q.score, verified_parts.get(p.code))
        for p, q in zip(figures.self_assessed.parts, figures.projected.parts, strict=True)
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


def self_assessment_report(user: User, cycle: Cycle) -> SelfAssessmentReport:
    scores = cycle_scores(cycle)
    instrument = scores.instrument
    card, verified = scores.self_card, scores.verified_card
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
                points = row.answer["points"] if row.answer else None
                lines.append(
                    QuestionLine(
                        question,
                        value_text(question, row.answer["value"]) if row.answer else "",
                        None if points is None else float(points),
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
        target_points=scores.figures.self_assessed.target_points,
        stages=stage_lines(scores.figures),
        steps=steps,
        plan_steps=len(scores.plan.items),
        at_risk=scores.figures.points_at_risk,
        at_risk_questions=_at_risk_count(card, scores.evidence_by_code),
        chart=parts_chart(
            part_bars(scores.figures),
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
