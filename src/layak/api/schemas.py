"""Shapes of the API's answers and its one request body (the OpenAPI schema is built from them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class ErrorDetail(Schema):
    field: str | None = None
    row: int | None = None
    column: str | None = None
    rule: str
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    details: list[ErrorDetail]


class Error(Schema):
    error: ErrorBody


class Page(Schema):
    count: int
    limit: int
    offset: int


class InstrumentOut(Schema):
    id: int
    slug: str
    year: int
    name: str
    digest: str


class InstrumentPage(Page):
    items: list[InstrumentOut]


class QuestionOut(Schema):
    code: str
    label: str
    text: str
    kind: str
    max_points: float
    agencies: list[str]
    per_kecamatan: bool
    per_desa_kelurahan: bool
    options: list[dict[str, Any]]
    thresholds: list[dict[str, Any]]
    direction: str


class IndicatorOut(Schema):
    code: str
    name: str
    max_points: float
    questions: list[QuestionOut]


class PartOut(Schema):
    code: str
    name: str
    max_points: float
    stated_max: float | None
    indicators: list[IndicatorOut]


class BandOut(Schema):
    name: str
    min_points: float
    max_points: float


class InstrumentDetail(InstrumentOut):
    max_total: float
    bands: list[BandOut]
    parts: list[PartOut]


class RegionOut(Schema):
    code: str
    name: str


class StageOut(Schema):
    stage: str
    opens_at: datetime
    closes_at: datetime
    locked: bool


class CycleOut(Schema):
    id: int
    region: RegionOut
    year: int
    instrument: str
    instrument_id: int
    target_predicate: str
    stages: list[StageOut]


class CyclePage(Page):
    items: list[CycleOut]


class VerificationOut(Schema):
    stage: str
    status: str
    verified_points: float
    note: str
    answer_version: int


class AnswerOut(Schema):
    code: str
    label: str
    part: str
    indicator: str
    kind: str
    max_points: float
    value: str = Field(
        description="the answer chosen in its kind (ya/tidak, an option, a number; for a "
        "question every kecamatan/kelurahan answers, the share that answered ya); empty when "
        "the points were given alone"
    )
    points: float | None = Field(description="the points claimed; null while unanswered")
    proposed_points: float | None = Field(
        description="the points the chosen answer proposes; null without one"
    )
    note: str
    carried: bool = Field(
        description="true while the answer is last year's, copied when the cycle was opened "
        'and not yet saved or reviewed by anyone (the page marks it "dari tahun lalu — perlu '
        'ditinjau"); it counts in no figure until then'
    )
    carried_from_year: int | None = Field(
        description="the year of the cycle the answer was copied from; null for an answer "
        "written in this cycle. It stays after the review, when `carried` turns false"
    )
    status: str = Field(description="draf or diajukan; empty when never saved")
    state: str = Field(
        description="belum, draf, diajukan, perbaikan, diperbaiki, ditolak, diterima"
    )
    version: int
    evidence: int
    agencies: list[str]
    verification: VerificationOut | None


class AnswerPage(Page):
    items: list[AnswerOut]


class AnswerIn(Schema):
    value: str = Field(
        "",
        max_length=64,
        description="the answer in its kind: ya/tidak, an option, a number; it proposes the "
        "points. Not for a question every kecamatan/kelurahan answers (computed from theirs)",
    )
    points: str = Field(
        "",
        max_length=32,
        description="the points claimed, a decimal string (2.5 or 2,5), 0 to the question's "
        "maximum; empty takes the points the value proposes. Either value or points is enough",
    )
    note: str = Field("", max_length=5000)
    version: int = Field(ge=0, description="the version the answer was read at (0 for a new one)")
    submit: bool = Field(False, description="true submits, false saves a draft")


class EvidenceOut(Schema):
    id: int
    question: str
    unit: str | None
    title: str
    document_year: int
    content_type: str
    extension: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    download: str


class EvidencePage(Page):
    items: list[EvidenceOut]


class PartFigureOut(Schema):
    code: str
    name: str
    score: float
    max: float


class FigureOut(Schema):
    basis: str = Field(
        description="penilaian_mandiri (submitted answers), proyeksi_terverifikasi (submitted "
        "answers with evidence) or terverifikasi (verifiers' points up to `stage`)"
    )
    label: str = Field(description="the basis named in the request's language")
    stage: str = Field(description="the stage the figure stands at")
    total: float
    max_total: float
    predicate: str | None
    next_predicate: str | None
    points_to_next: float | None = Field(description="from this figure to the next predicate")
    target: str | None = Field(description="the cycle's target predicate")
    target_points: float | None
    points_to_target: float | None = Field(description="from this figure to the target")
    parts: list[PartFigureOut]


class DraftsOut(Schema):
    answers: int = Field(description="answers still in draft: counted in no figure")
    points: float


class ScoresOut(Schema):
    cycle: int
    self_assessed: FigureOut
    projected_verified: FigureOut
    verified: FigureOut | None
    verified_stage: str | None
    verified_answers: int
    answered: int = Field(description="submitted answers with points")
    with_evidence: int = Field(description="of those, backed by a present evidence file")
    points_at_risk: float = Field(description="self-assessed minus projected verified")
    drafts: DraftsOut


class PlanItemOut(Schema):
    code: str
    action: str
    gain: float
    effort: float
    new_points: float
    agencies: list[str]


class GapOut(Schema):
    cycle: int
    basis: str = Field(description="`current` and `needed` are of this figure")
    target: str
    target_points: float
    current: float
    needed: float
    reachable: bool
    total_gain: float
    total_effort: float
    max_reachable: float
    shortfall: float
    partial: bool = Field(description="true when only the caller's own questions are listed")
    items: list[PlanItemOut]


class ProfilOut(Schema):
    region: RegionOut
    year: int
    mode: str = Field(description="full, or public (small cells withheld)")
    profile: dict[str, Any]


class AspirationOut(Schema):
    id: int
    forum: str
    topic: str
    status: str
    submitted_on: date
    place: str | None
    musrenbang_level: str
    outcome_kind: str
    outcome_name: str
    agency: str | None
    accepted_on: date | None
    done_on: date | None
    text: str | None = Field(None, description="the secretariat only")
    decline_reason: str | None = Field(None, description="the secretariat only")


class AspirationPage(Page):
    items: list[AspirationOut]


# Every status the API answers besides success (docs/api.md), each in the one error shape.
# Listed, not ninja's codes_4xx: that set leaves out 413 and 422, which the API does answer.
ERROR_CODES = frozenset({400, 401, 403, 404, 405, 409, 413, 422, 429})


def ok(schema: type[Schema] | None, status: int = 200) -> dict[Any, Any]:
    """A success answer of `schema`; every error answer in the one error shape."""
    return {status: schema, ERROR_CODES: Error}


class KindFigures(Schema):
    kind: str = Field(description="the kind's code (docs/registries.md)")
    name: str
    active: int = Field(description="active institutions: the whole of the share")
    with_decree: int = Field(description="active ones holding a decree (SK) in force that year")
    share_percent: float | None = Field(description="with_decree ÷ active, one decimal; null: none")
    standardised: int = Field(description="active ones with a standard or self-assessment")
    inactive: int
    questions: list[str] = Field(description="the kla-2024 questions the kind informs")


class RegistriesOut(Schema):
    region: RegionOut
    year: int
    kinds: list[KindFigures]


class AgencyTraining(Schema):
    agency: str = Field(description="the agency's short name")
    trained: int = Field(description="distinct staff trained in KHA by the end of the year")
    staff: int | None = Field(description="the staff count the agency reported for the year")
    share_percent: float | None = Field(description="trained ÷ staff; may exceed 100")
    questions: list[str] = Field(description="KHA questions of the year's instrument naming it")


class KhaTrainingOut(Schema):
    region: RegionOut
    year: int
    agencies: list[AgencyTraining]
