"""Evidence documents (data dukung) behind an answer, stored under names the system chooses."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from layak.files.models import StoredFile, Uploaded


class EvidenceQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def present(self) -> EvidenceQuerySet:
        return self.filter(removed_at__isnull=True)

    def valid_in(self, year: int) -> EvidenceQuerySet:
        """Present files still valid in `year`: those whose uploader said how long they hold
        (a decree until a year). A file with no validity is for its own cycle's year only."""
        return self.present().filter(valid_until_year__gte=year)


class EvidenceFile(StoredFile, Uploaded):
    answer = models.ForeignKey(
        "evaluation.Answer", on_delete=models.PROTECT, related_name="evidence"
    )
    title = models.CharField(_("judul dokumen"), max_length=200)
    document_year = models.PositiveSmallIntegerField(_("tahun dokumen"))
    # The last year the document holds (a decree valid until 2028); empty: only the year of
    # the cycle it was uploaded to (a yearly report). Next year's cycle links it while valid.
    valid_until_year = models.PositiveSmallIntegerField(
        _("berlaku sampai tahun"), null=True, blank=True
    )
    # A file linked from last year's answer (`carried_from`, always the first upload) shares
    # its stored file: the bytes are kept once, and only the first upload owns the name.
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to"
    )
    stored_name = models.CharField(max_length=100, editable=False)
    # For a document Layak generated from one of its records (see evidence.ready): which one.
    source_key = models.CharField(max_length=100, blank=True, default="")

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "uploaded_at", "id"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.UniqueConstraint(
                fields=["stored_name"],
                condition=models.Q(carried_from__isnull=True),
                name="evidence_stored_name_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def download_name(self) -> str:
        return f"{self.answer.question_code}-{self.pk}.{self.extension}"

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "document_year": self.document_year,
            "valid_until_year": self.valid_until_year,
            **self.file_snapshot(),
            "removed": self.removed_at is not None,
        }
