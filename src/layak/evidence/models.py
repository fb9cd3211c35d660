"""Evidence documents (data dukung) behind an answer, stored under names the system chooses."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.files.models import StoredFile


class EvidenceQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def present(self) -> EvidenceQuerySet:
        return self.filter(removed_at__isnull=True)


class EvidenceFile(StoredFile):
    answer = models.ForeignKey(
        "evaluation.Answer", on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(_("judul dokumen"), max_length=200)
    document_year = models.PositiveSmallIntegerField(_("tahun dokumen"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    # For a document Layak generated from one of its records (see evidence.ready): which one.
    source_key = models.CharField(max_length=100, blank=True, default="")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "uploaded_at", "id"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        return f"{self.answer.question_code}-{self.pk}.{self.extension}"

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "document_year": self.document_year,
            "original_name": self.original_name,
            "size": self.size,
            "sha256": self.sha256,
            "removed": self.removed_at is not None,
        }
