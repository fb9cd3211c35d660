"""Shapes of the writes beyond a region's answer: a kecamatan's or kelurahan's own answer,
a verifier's decision, and the evidence files an upload added."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from ninja import Field, Schema

from layak.api.schemas import EvidenceOut, Page, RegionOut


class VerifierStage(StrEnum):
    """The stages at which a verifier decides (the self-assessment has no verification)."""

    ADMINISTRATIVE = "verifikasi_administrasi"
    FIELD = "verifikasi_lapangan"
    FINAL = "final"


class UnitAnswerIn(Schema):
    value: str = Field(max_length=64, description="ya or tidak; empty clears the answer")
    note: str = Field("", max_length=5000)
    version: int = Field(ge=0, description="the version the answer was read at (0 for a new one)")


class UnitAnswerOut(Schema):
    unit: RegionOut
    value: str
    note: str
    version: int
    updated_at: datetime | None


class UnitAnswerPage(Page):
    items: list[UnitAnswerOut]
    region_value: str = Field(description="the region's answer: the share of units saying ya")
    region_points: float


class VerificationIn(Schema):
    status: str = Field(max_length=12, description="diterima | perbaikan | ditolak")
    verified_points: str = Field(
        "",
        max_length=32,
        description="the points the verifier grants; empty: the answer's points (0 when rejected)",
    )
    note: str = Field("", max_length=5000, description="required unless accepted")
    version: int = Field(
        ge=0, description="the decision's version as read (0 when there is none yet)"
    )


class VerificationResult(Schema):
    stage: str
    status: str
    verified_points: float
    note: str
    answer_version: int
    version: int
    verifier: str
    at: datetime


class VerificationList(Schema):
    items: list[VerificationResult]


class UploadFields(Schema):
    """The form fields next to the files; their rules are the web upload's (empty title or a
    year outside 2000..this year: 422 naming the field)."""

    title: str = Field("", max_length=200)
    document_year: str = Field("", max_length=8)
    valid_until_year: str = Field(
        "", max_length=8, description="the last year the document holds (empty: this year only)"
    )
    unit: str = Field("", max_length=32, description="a kecamatan/kelurahan code, for its answer")


class EvidenceAdded(Schema):
    items: list[EvidenceOut]
