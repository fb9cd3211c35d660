"""A checked workbook waiting for its "Terapkan": the rows as read, so that applying it needs no
second upload, and who checked it. Applying re-checks the rows against the data as it is then;
the token shown with the summary must still match, or the data changed in between."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportPreview(models.Model):
    cycle = models.ForeignKey(
        "evaluation.Cycle", on_delete=models.CASCADE, related_name="book_previews"
    )
    agency = models.ForeignKey("regions.Agency", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("nama berkas"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(
        help_text="The workbook's rows as read (layak.core.answerbook.BookRow)."
    )
    problems = models.JSONField(
        default=list, help_text="Refusals the rows alone show: [key, params, row, column]."
    )
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pemeriksaan unggahan Excel")
        verbose_name_plural = _("pemeriksaan unggahan Excel")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.agency_id}, {self.created_at:%Y-%m-%d %H:%M})"
