"""Every region's figures for one year, aggregated in SQL: a fixed number of queries whatever
the number of regions, and no per-answer rows brought into Python.

The sums are the definitions of `layak.core.figures` in SQL form, on the rows the one reader
(`evaluation.figures`) reads, and tested against it:

- self-assessed: region-level answers that are submitted and have points (drafts count in no
  figure); points are stored capped by the answer rules, so a sum per part is the core's part
  score;
- projected verified: the same, counting only questions with a present evidence file on any of
  the question's answers in the cycle (region or unit: `evaluation.figures.backed`);
- verified: each submitted answer's latest verification overrides its points, labelled with
  the latest stage that has verifications of submitted answers;
- predicate, next predicate and distances come from the core (`core.figures.figure`) on the
  totals, so the pages and the dashboard agree to the hundredth.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from layak.core.figures import VERIFICATION_STAGES, Basis, Figure, figure, part_points
from layak.core.instrument import Instrument
from layak.core.scoring import round_points
from layak.core.stages import STAGE_ORDER, Stage
from layak.core.wilayah import Level
from layak.evaluation.models import (
    Answer,
    AnswerStatus,
    Cycle,
    InstrumentRecord,
    StageWindow,
    Verification,
)
from layak.evaluation.queries.figures import backed
from layak.regions.models import Region


@dataclass
class RegionFigures:
    cycle_id: int
    code: str
    name: str
    province: str
    instrument: Instrument
    target: str
    parts: list[float] = field(default_factory=list)
    projected_parts: list[float] = field(default_factory=list)
    answered: int = 0  # submitted answers with points
    with_evidence: int = 0
    verified_parts: list[float] | None = None  # None: no verifier has decided yet
    verified_stage: Stage | None = None
    queue: int | None = None  # None: the administrative stage is not open
    # Figures already built, by their inputs: the national page asks each region for its
    # predicate, distance and parts many times while it sorts, counts and renders.
    _built: dict[tuple[Basis, tuple[float, ...], Stage], Figure] = field(
        default_factory=dict, repr=False, compare=False
    )

    def _figure(self, basis: Basis, points: list[float], stage: Stage) -> Figure:
        key = (basis, tuple(points), stage)
        built = self._built.get(key)
        if built is None:
            built = self._built[key] = figure(
                self.instrument,
                basis,
                sum(points),
                part_points(self.instrument, points),
                self.target,
                stage,
            )
        return built

    @property
    def self_assessed(self) -> Figure:
        return self._figure(Basis.SELF_ASSESSED, self.parts, Stage.SELF_ASSESSMENT)

    @property
    def projected_figure(self) -> Figure:
        return self._figure(Basis.PROJECTED, self.projected_parts, Stage.SELF_ASSESSMENT)

    @property
    def verified_figure(self) -> Figure | None:
        if self.verified_parts is None or self.verified_stage is None:
            return None
        return self._figure(Basis.VERIFIED, self.verified_parts, self.verified_stage)

    @property
    def total(self) -> float:
        return round_points(sum(self.parts))

    @property
    def projected(self) -> float:
        return round_points(sum(self.projected_parts))

    @property
    def verified(self) -> float | None:
        return None if self.verified_parts is None else round_points(sum(self.verified_parts))

    @property
    def questions(self) -> int:
        return len(self.instrument.questions)

    @property
    def completeness(self) -> float:
        return 100 * self.answered / self.questions if self.questions else 100.0

    @property
    def predicate(self) -> str | None:
        return self.self_assessed.predicate

    @property
    def next_predicate(self) -> str | None:
        return self.self_assessed.next_predicate

    @property
    def points_to_next(self) -> float | None:
        return self.self_assessed.points_to_next

    @property
    def verified_predicate(self) -> str | None:
        verified = self.verified_figure
        return verified.predicate if verified else None


def _part_case(instrument: Instrument, code: str = "question_code") -> Case:
    return Case(
        *(
            When(**{f"{code}__in": [q.code for q in part.questions]}, then=Value(i))
            for i, part in enumerate(instrument.parts)
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )


def _stage_rank() -> Case:
    return Case(
        *(When(stage=s.value, then=Value(i)) for i, s in enumerate(STAGE_ORDER)),
        output_field=IntegerField(),
    )


def _float(value: Decimal | None) -> float:
    return float(value or 0)


def _cycles(year: int, province: str | None) -> QuerySet[Cycle]:
    cycles = Cycle.objects.filter(year=year, region__level=Level.REGENCY)
    if province is not None:
        cycles = cycles.filter(region__code__startswith=f"{province}.")
    return cycles


def region_figures(
    year: int, province: str | None = None, cycle_ids: list[int] | None = None
) -> list[RegionFigures]:
    """The figures of every kabupaten/kota with a cycle in `year` (of one province, or all; or
    only the cycles named), ordered by code. Four queries (five while the administrative
    stage is open somewhere) plus two per distinct instrument."""
    cycles = _cycles(year, province)
    if cycle_ids is not None:
        cycles = cycles.filter(pk__in=cycle_ids)
    rows = list(
        cycles.order_by("region_id").values_list(
            "pk", "region_id", "region__name", "instrument_record_id", "target_predicate"
        )
    )
    if not rows:
        return []
    instruments = {
        r.pk: r.instrument
        for r in InstrumentRecord.objects.defer("data").filter(pk__in={row[3] for row in rows})
    }
    figures = {
        pk: RegionFigures(pk, code, name, code.split(".")[0], instruments[record], target)
        for pk, code, name, record, target in rows
    }
    for figure_ in figures.values():
        n = len(figure_.instrument.parts)
        figure_.parts, figure_.projected_parts = [0.0] * n, [0.0] * n

    for record_id, instrument in instruments.items():
        ids = [row[0] for row in rows if row[3] == record_id]
        _add_answers(ids, instrument, figures)
        _add_verified(ids, instrument, figures)
    _add_queue(list(figures), figures, timezone.now())
    return [figures[row[0]] for row in rows]


def _submitted(ids: list[int]) -> QuerySet[Answer]:
    """The answers every figure counts: region-level, submitted, with points."""
    return Answer.objects.filter(
        cycle_id__in=ids, unit__isnull=True, points__isnull=False, status=AnswerStatus.SUBMITTED
    )


def _add_answers(ids: list[int], instrument: Instrument, figures: dict[int, RegionFigures]) -> None:
    """Self-assessed and projected points per cycle and part; the answered and backed counts."""
    rows = (
        _submitted(ids)
        .annotate(part=_part_case(instrument), backed=backed())
        .values("cycle_id", "part", "backed")
        .annotate(total=Sum("points"), n=Count("id"))
        .order_by()
    )
    for row in rows:
        figure_ = figures[row["cycle_id"]]
        points = _float(row["total"])
        if row["part"] >= 0:
            figure_.parts[row["part"]] += points
            if row["backed"]:
                figure_.projected_parts[row["part"]] += points
        figure_.answered += row["n"]
        if row["backed"]:
            figure_.with_evidence += row["n"]


def _add_verified(
    ids: list[int], instrument: Instrument, figures: dict[int, RegionFigures]
) -> None:
    """The verified points per part, for cycles with any verification of a submitted answer:
    the self-assessed points plus, for each such answer, what its latest verification changed
    (verified − claimed); the stage is the latest with a verification. Read from the
    verifications alone, so a cycle nobody has verified costs nothing. Call after
    `_add_answers`."""
    later = (
        Verification.objects.filter(answer_id=OuterRef("answer_id"))
        .annotate(rank=_stage_rank())
        .filter(rank__gt=OuterRef("rank"))
    )
    rows = (
        Verification.objects.filter(
            answer__cycle_id__in=ids,
            answer__unit__isnull=True,
            answer__points__isnull=False,
            answer__status=AnswerStatus.SUBMITTED,
            stage__in=[s.value for s in VERIFICATION_STAGES],
        )
        .annotate(rank=_stage_rank(), part=_part_case(instrument, "answer__question_code"))
        .exclude(Exists(later))
        .values("answer__cycle_id", "part")
        .annotate(change=Sum(F("verified_points") - F("answer__points")), top=Max("rank"))
        .order_by()
        .values_list("answer__cycle_id", "part", "change", "top")
    )
    for cycle_id, part, change, top in rows:
        figure_ = figures[cycle_id]
        if figure_.verified_parts is None:
            figure_.verified_parts = list(figure_.parts)
        if part >= 0:
            figure_.verified_parts[part] += _float(change)
        stage = STAGE_ORDER[top]
        if figure_.verified_stage is None or top > STAGE_ORDER.index(figure_.verified_stage):
            figure_.verified_stage = stage


def _add_queue(ids: list[int], figures: dict[int, RegionFigures], now: datetime) -> None:
    """The provincial verifier's queue where the administrative stage is open: submitted
    region-level answers without an administrative verification of their current version."""
    open_windows = StageWindow.objects.filter(
        cycle_id__in=ids,
        stage=Stage.ADMINISTRATIVE.value,
        locked_at__isnull=True,
        opens_at__lte=now,
        closes_at__gte=now,
    ).values_list("cycle_id", flat=True)
    open_ids = set(open_windows)
    if not open_ids:
        return
    seen = Verification.objects.filter(
        answer_id=OuterRef("pk"),
        stage=Stage.ADMINISTRATIVE.value,
        answer_version__gte=OuterRef("version"),
    )
    waiting = defaultdict(
        int,
        Answer.objects.filter(
            cycle_id__in=open_ids, unit__isnull=True, status=AnswerStatus.SUBMITTED
        )
        .exclude(Exists(seen))
        .values("cycle_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("cycle_id", "n"),
    )
    for cycle_id in open_ids:
        figures[cycle_id].queue = waiting[cycle_id]


def provinces() -> dict[str, str]:
    """Province code → name."""
    return dict(
        Region.objects.filter(level=Level.PROVINCE).order_by("code").values_list("code", "name")
    )


def years_with_cycles(province: str | None = None) -> list[int]:
    cycles = Cycle.objects.filter(region__level=Level.REGENCY)
    if province is not None:
        cycles = cycles.filter(region__code__startswith=f"{province}.")
    return sorted(set(cycles.values_list("year", flat=True).distinct()), reverse=True)
