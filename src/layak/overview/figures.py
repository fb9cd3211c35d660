"""Every region's figures for one year, aggregated in SQL: a fixed number of queries whatever
the number of regions, and no per-answer rows brought into Python.

The sums are the dashboard's (`evaluation.scores.cycle_scores`) in SQL form:

- self-assessed: region-level answers with a value (drafts count, as on the dashboard); points
  are stored capped by the answer rules, so a sum per part is the core's part score;
- projected verified: the same, counting only questions with a present evidence file on any of
  the question's answers in the cycle (region or unit);
- verified: each question's latest verification (any stage) overrides its claimed points;
- predicate, next predicate and distance come from the core (`band_for`, `next_band`,
  `points_to`) on the rounded totals, so the page and the dashboard agree to the hundredth.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from layak.core.instrument import Instrument
from layak.core.scoring import band_for, next_band, points_to, round_points
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
from layak.evidence.models import EvidenceFile
from layak.regions.models import Region

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=8, decimal_places=4))


@dataclass
class RegionFigures:
    cycle_id: int
    code: str
    name: str
    province: str
    instrument: Instrument
    parts: list[float] = field(default_factory=list)
    projected_parts: list[float] = field(default_factory=list)
    answered: int = 0
    with_evidence: int = 0
    verified: float | None = None
    queue: int | None = None  # None: the administrative stage is not open

    @property
    def total(self) -> float:
        return round_points(sum(self.parts))

    @property
    def projected(self) -> float:
        return round_points(sum(self.projected_parts))

    @property
    def questions(self) -> int:
        return len(self.instrument.questions)

    @property
    def completeness(self) -> float:
        return 100 * self.answered / self.questions if self.questions else 100.0

    @property
    def predicate(self) -> str | None:
        band = band_for(self.instrument.bands, self.total)
        return band.name if band else None

    @property
    def next_predicate(self) -> str | None:
        band = next_band(self.instrument.bands, self.total)
        return band.name if band else None

    @property
    def points_to_next(self) -> float | None:
        band = next_band(self.instrument.bands, self.total)
        return points_to(band, self.total) if band else None

    @property
    def verified_predicate(self) -> str | None:
        if self.verified is None:
            return None
        band = band_for(self.instrument.bands, self.verified)
        return band.name if band else None


def _part_case(instrument: Instrument) -> Case:
    return Case(
        *(
            When(question_code__in=[q.code for q in part.questions], then=Value(i))
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
    only the cycles named), ordered by code. Six queries plus one per distinct instrument."""
    cycles = _cycles(year, province)
    if cycle_ids is not None:
        cycles = cycles.filter(pk__in=cycle_ids)
    rows = list(
        cycles.order_by("region_id").values_list(
            "pk", "region_id", "region__name", "instrument_record_id"
        )
    )
    if not rows:
        return []
    instruments = {
        r.pk: r.instrument
        for r in InstrumentRecord.objects.defer("data").filter(pk__in={row[3] for row in rows})
    }
    figures = {
        pk: RegionFigures(pk, code, name, code.split(".")[0], instruments[record])
        for pk, code, name, record in rows
    }
    for figure in figures.values():
        n = len(figure.instrument.parts)
        figure.parts, figure.projected_parts = [0.0] * n, [0.0] * n

    ids = list(figures)
    for record_id, instrument in instruments.items():
        _add_answers(
            [pk for pk, _c, _n, record in rows if record == record_id], instrument, figures
        )
    _add_verified(ids, figures)
    _add_queue(ids, figures, timezone.now())
    return [figures[row[0]] for row in rows]


def _add_answers(ids: list[int], instrument: Instrument, figures: dict[int, RegionFigures]) -> None:
    """Self-assessed and projected points per cycle and part; the answered and backed counts."""
    own_file = EvidenceFile.objects.present().filter(answer_id=OuterRef("pk"))
    # Files on a kecamatan's or kelurahan's answer back the question too (as on the dashboard);
    # written apart so each lookup uses an index (evidence by answer; unit answers by cycle,
    # question and unit).
    unit_file = EvidenceFile.objects.present().filter(
        answer__cycle_id=OuterRef("cycle_id"),
        answer__question_code=OuterRef("question_code"),
        answer__unit__isnull=False,
    )
    rows = (
        Answer.objects.filter(cycle_id__in=ids, unit__isnull=True, points__isnull=False)
        .annotate(
            part=_part_case(instrument),
            backed=Case(
                When(Q(Exists(own_file)) | Q(Exists(unit_file)), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("cycle_id", "part", "backed")
        .annotate(total=Sum("points"), n=Count("id"))
        .order_by()
    )
    for row in rows:
        figure = figures[row["cycle_id"]]
        points = _float(row["total"])
        if row["part"] >= 0:
            figure.parts[row["part"]] += points
            if row["backed"]:
                figure.projected_parts[row["part"]] += points
        figure.answered += row["n"]
        if row["backed"]:
            figure.with_evidence += row["n"]


def _add_verified(ids: list[int], figures: dict[int, RegionFigures]) -> None:
    """The verified total: each question's latest verification overrides its claimed points
    (unanswered questions without a verification earn nothing), for cycles with any."""
    latest = (
        Verification.objects.filter(answer_id=OuterRef("pk"))
        .annotate(rank=_stage_rank())
        .order_by("-rank")
        .values("verified_points")[:1]
    )
    claimed = Coalesce(F("points"), ZERO)
    totals = (
        Answer.objects.filter(cycle_id__in=ids, unit__isnull=True)
        .annotate(latest=Subquery(latest))
        .values("cycle_id")
        .annotate(total=Sum(Coalesce("latest", claimed)), verified=Count("latest"))
        .order_by()
    )
    for row in totals:
        if row["verified"]:
            figures[row["cycle_id"]].verified = round_points(_float(row["total"]))


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
