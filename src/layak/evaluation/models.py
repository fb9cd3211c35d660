"""The yearly evaluation of a region: its instrument, stage windows, assignments, answers and
verifications. Scores are never stored: the core computes them from these rows on request, so
a saved answer shows at once.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import region_key, user_key
from layak.core.instrument import Instrument
from layak.core.loader import instrument_from_data, instrument_to_data
from layak.core.stages import Stage

STAGE_CHOICES = [
    (Stage.SELF_ASSESSMENT.value, _("Penilaian mandiri")),
    (Stage.ADMINISTRATIVE.value, _("Verifikasi administrasi")),
    (Stage.FIELD.value, _("Verifikasi lapangan")),
    (Stage.FINAL.value, _("Final")),
]


def _points_text(points: Decimal) -> str:
    """Points as stored (4 places), so a history entry does not show 3.0000 → 3 as a change."""
    return str(Decimal(points).quantize(Decimal("0.0001")))


# Instrument records never change, so a parsed instrument is kept per content hash.
_PARSED: dict[str, Instrument] = {}


class InstrumentRecord(models.Model):
    """An instrument as it was used: immutable, identified by the hash of its content."""

    slug = models.CharField(_("id instrumen"), max_length=64)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama"), max_length=200)
    data = models.JSONField()
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("instrumen")
        verbose_name_plural = _("instrumen")

    def __str__(self) -> str:
        return f"{self.slug} ({self.year})"

    @classmethod
    def for_instrument(cls, instrument: Instrument) -> InstrumentRecord:
        data = instrument_to_data(instrument)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        record, _created = cls.objects.get_or_create(
            digest=digest,
            defaults={
                "slug": instrument.id,
                "year": instrument.year,
                "name": instrument.name,
                "data": data,
            },
        )
        return record

    @property
    def instrument(self) -> Instrument:
        parsed = _PARSED.get(self.digest)
        if parsed is None:
            parsed = _PARSED.setdefault(self.digest, instrument_from_data(self.data))
        return parsed


class CycleQuerySet(models.QuerySet["Cycle"]):
    def with_instrument(self) -> CycleQuerySet:
        """Cycles with their region and instrument record in the same query, leaving out the
        record's content (about 70 kB of JSON for kla-2024, a millisecond to decode on every
        page): `InstrumentRecord.instrument` keeps each parsed instrument by its hash and reads
        the content only the first time a process meets it."""
        return self.select_related("region", "instrument_record").defer("instrument_record__data")


class Cycle(models.Model):
    """One region's evaluation in one year."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="cycles")
    year = models.PositiveSmallIntegerField(_("tahun"))
    instrument_record = models.ForeignKey(
        InstrumentRecord, on_delete=models.PROTECT, related_name="cycles"
    )
    target_predicate = models.CharField(_("predikat sasaran"), max_length=32, default="Utama")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region"]
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="cycle_unique")]

    def __str__(self) -> str:
        return f"{self.region.name} {self.year}"

    @property
    def instrument(self) -> Instrument:
        return self.instrument_record.instrument


class StageWindow(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="windows")
    stage = models.CharField(_("tahap"), max_length=32, choices=STAGE_CHOICES)
    opens_at = models.DateTimeField(_("dibuka"))
    closes_at = models.DateTimeField(_("ditutup"))
    documents_until = models.DateTimeField(
        _("unggah dokumen susulan sampai"),
        null=True,
        blank=True,
        help_text=_("Verifikasi lapangan: batas unggah dokumen yang kurang (sekitar 2×24 jam)."),
    )
    locked_at = models.DateTimeField(_("dikunci pada"), null=True, blank=True)
    locked_by = user_key(optional=True)
    lock_reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        ordering = ["cycle", "opens_at"]
        verbose_name = _("jadwal tahap")
        verbose_name_plural = _("jadwal tahap")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "stage"], name="window_unique"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="window_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle} — {self.get_stage_display()}"

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    def is_open(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return not self.locked and self.opens_at <= moment <= self.closes_at

    def accepts_documents(self, now: datetime | None = None) -> bool:
        moment = now or timezone.now()
        return (
            not self.locked
            and self.documents_until is not None
            and (self.opens_at <= moment <= self.documents_until)
        )


class Assignment(models.Model):
    """Which agency answers which question in a cycle (from the instrument's suppliers)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="assignments")
    question_code = models.CharField(_("kode"), max_length=16)
    agency = models.ForeignKey(
        "regions.Agency", on_delete=models.PROTECT, related_name="assignments"
    )
    lead = models.BooleanField(_("penanggung jawab utama"), default=False)

    class Meta:
        ordering = ["cycle", "question_code", "-lead", "agency"]
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "question_code", "agency"], name="assignment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_code} → {self.agency}"


class AnswerStatus(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "diajukan", _("Diajukan")


class AnswerQuerySet(models.QuerySet["Answer"]):
    def answered(self) -> AnswerQuerySet:
        """Answers that say something: a region's claimed points, or a unit's yes/no."""
        return self.filter(models.Q(points__isnull=False) | ~models.Q(value=""))

    def awaiting_review(self) -> AnswerQuerySet:
        """Carried over from last year's cycle and not yet saved or reviewed by anyone."""
        return self.filter(carried_from_year__isnull=False, reviewed_at__isnull=True)


class Answer(models.Model):
    """A region's answer to one question, or a kecamatan's/kelurahan's for KELANA/DEKELA."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(_("kode"), max_length=16)
    unit = region_key(_("kecamatan/kelurahan"), optional=True)
    # The answer chosen in the question's kind (yes/no, an option, a number), which proposes
    # the points; "" when the points were given alone. A unit's answer is only this.
    value = models.CharField(_("jawaban"), max_length=64, blank=True)
    # The points the region claims; None while unanswered (and always for a unit's answer).
    points = models.DecimalField(
        _("nilai"), max_digits=8, decimal_places=4, null=True, blank=True, default=None
    )
    note = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=0)
    updated_by = user_key(optional=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Copied from the region's cycle of that year when this one was opened with carry-over
    # (`evaluation.carryover`): a draft marked "dari tahun lalu — perlu ditinjau" until
    # someone saves or reviews it (`reviewed_at`).
    carried_from_year = models.PositiveSmallIntegerField(
        _("disalin dari tahun"), null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("ditinjau pada"), null=True, blank=True)
    reviewed_by = user_key(optional=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "question_code", "unit"]
        verbose_name = _("jawaban")
        verbose_name_plural = _("jawaban")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "question_code"],
                condition=models.Q(unit__isnull=True),
                name="answer_unique_region",
            ),
            models.UniqueConstraint(
                fields=["cycle", "question_code", "unit"],
                condition=models.Q(unit__isnull=False),
                name="answer_unique_unit",
            ),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="answer_points_gte_0"),
        ]

    def __str__(self) -> str:
        where = f" ({self.unit_id})" if self.unit_id else ""
        return f"{self.question_code}{where}"

    @property
    def answered(self) -> bool:
        return self.points is not None or self.value != ""

    @property
    def submitted(self) -> bool:
        return self.status == AnswerStatus.SUBMITTED

    @property
    def awaiting_review(self) -> bool:
        """As `AnswerQuerySet.awaiting_review()`."""
        return self.carried_from_year is not None and self.reviewed_at is None

    def snapshot(self) -> dict[str, Any]:
        """What the history shows as before/after."""
        return {
            "value": self.value,
            "points": None if self.points is None else _points_text(self.points),
            "note": self.note,
            "status": self.status,
            "version": self.version,
        }


class VerificationStatus(models.TextChoices):
    ACCEPTED = "diterima", _("Diterima")
    NEEDS_REVISION = "perbaikan", _("Perlu perbaikan")
    REJECTED = "ditolak", _("Ditolak")


class Verification(models.Model):
    """A verifier's decision on a region-level answer at one stage."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="verifications")
    stage = models.CharField(_("tahap"), max_length=32, choices=STAGE_CHOICES)
    status = models.CharField(_("keputusan"), max_length=12, choices=VerificationStatus.choices)
    verified_points = models.DecimalField(_("nilai terverifikasi"), max_digits=8, decimal_places=4)
    note = models.TextField(_("catatan verifikator"), blank=True)
    answer_version = models.PositiveIntegerField(
        help_text="The answer's version the verifier looked at, to show what changed since."
    )
    verifier = user_key()
    version = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answer", "stage"]
        verbose_name = _("verifikasi")
        verbose_name_plural = _("verifikasi")
        constraints = [
            models.UniqueConstraint(fields=["answer", "stage"], name="verification_unique"),
            models.CheckConstraint(
                condition=models.Q(verified_points__gte=0), name="verified_points_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} {self.stage}: {self.status}"

    def snapshot(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "status": self.status,
            "verified_points": _points_text(self.verified_points),
            "note": self.note,
            "answer_version": self.answer_version,
        }


def evidence_files(*, present: bool) -> models.QuerySet[Any]:
    """The evidence files of answers (only those not removed, with `present`), reached through
    `Answer.evidence`: the evidence app sits above evaluation (docs/architecture.md), so
    evaluation reads its answers' files through the relation that app declares instead of
    importing it."""
    model: Any = Answer._meta.get_field("evidence").related_model
    files: models.QuerySet[Any] = model.objects.present() if present else model.objects.all()
    return files
