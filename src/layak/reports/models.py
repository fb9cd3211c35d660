"""Evidence bundles and report jobs: a ZIP of a cycle's evidence files, or a PDF report of the
cycle, made in the background for the person who asked for it, kept in private storage for a
day and then deleted (the row stays, so the record of who took which files out of the system
remains)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import agency_key, user_key

KEEP_FOR = timedelta(days=1)


class BundleScope(models.TextChoices):
    REGION = "wilayah", _("seluruh wilayah")
    PART = "bagian", _("satu bagian")
    AGENCY = "opd", _("satu OPD")


class BundleStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")
    EXPIRED = "expired", _("kedaluwarsa")


FINISHED = frozenset({BundleStatus.DONE, BundleStatus.FAILED, BundleStatus.EXPIRED})


class JobState:
    """What a page says of a background job, an evidence bundle or a report PDF alike (both
    carry `status`, `created_at`, `finished_at` and `stored_name`)."""

    status: str
    created_at: datetime
    finished_at: datetime | None
    stored_name: str

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def expires_at(self) -> datetime:
        return (self.finished_at or self.created_at) + KEEP_FOR

    @property
    def downloadable(self) -> bool:
        return self.status == BundleStatus.DONE and bool(self.stored_name)


class FileJob(JobState, models.Model):
    """The fields an evidence bundle and a report job share: who asked, the worker's progress
    and task, and the file it leaves in private storage from the end of the build until it
    expires."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = user_key()
    status = models.CharField(
        max_length=8, choices=BundleStatus.choices, default=BundleStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent, 0–100
    stored_name = models.CharField(max_length=150, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    message = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class EvidenceBundle(FileJob):
    cycle = models.ForeignKey(
        "evaluation.Cycle", on_delete=models.CASCADE, related_name="evidence_bundles"
    )
    scope = models.CharField(_("cakupan"), max_length=8, choices=BundleScope.choices)
    part_code = models.CharField(_("bagian"), max_length=16, blank=True)
    agency = agency_key(optional=True)
    file_count = models.PositiveIntegerField(default=0)
    # Files the manifest lists as missing from storage (question code and evidence id).
    missing = models.JSONField(default=list, blank=True)

    class Meta(FileJob.Meta):
        verbose_name = _("bundel bukti dukung")
        verbose_name_plural = _("bundel bukti dukung")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="bundle_progress"),
            models.CheckConstraint(
                condition=Q(scope="wilayah")
                | Q(scope="bagian", part_code__gt="")
                | Q(scope="opd", agency__isnull=False),
                name="bundle_scope_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.scope} ({self.status})"


class ReportKind(models.TextChoices):
    SELF_ASSESSMENT = "penilaian-mandiri", _("Laporan penilaian mandiri (PDF)")
    GAP = "analisis-gap", _("Analisis gap (PDF)")


class ReportJob(FileJob):
    """A region's PDF report being made for one person: its progress, then its file."""

    cycle = models.ForeignKey(
        "evaluation.Cycle", on_delete=models.CASCADE, related_name="report_jobs"
    )
    kind = models.CharField(_("laporan"), max_length=20, choices=ReportKind.choices)
    # The requester's language when asking: the worker writes the report in it.
    language = models.CharField(max_length=8, default="id")

    class Meta(FileJob.Meta):
        verbose_name = _("pembuatan laporan")
        verbose_name_plural = _("pembuatan laporan")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_job_progress"),
            # A second click while a report is being made joins it (services.start_report).
            models.UniqueConstraint(
                fields=["requested_by", "cycle", "kind"],
                condition=Q(status__in=["queued", "running"]),
                name="one_report_job_at_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} {self.kind} ({self.status})"
