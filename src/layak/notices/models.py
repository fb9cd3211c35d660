"""Notices: what the app tells a person (in the inbox, and by e-mail as they choose).

A notice keeps its kind and the facts it names (`params`), not its sentence: the sentence is
written when it is read, in the reader's language (`layak.notices.texts`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SENT_BACK = "dikembalikan", _("Jawaban dikembalikan untuk diperbaiki")
    RESUBMITTED = "diajukan_ulang", _("Jawaban diajukan ulang")
    ACCEPTED = "diterima", _("Jawaban diterima verifikator")
    REJECTED = "ditolak", _("Jawaban ditolak verifikator")
    ASSIGNED = "ditugaskan", _("Pertanyaan ditugaskan")
    WINDOW_OPENS = "tahap_dibuka", _("Tahap akan dibuka")
    WINDOW_CLOSES = "tahap_ditutup", _("Tahap akan ditutup")
    STAGE_LOCKED = "tahap_dikunci", _("Tahap dikunci")
    ACTION_DUE = "tindak_lanjut", _("Tindak lanjut jatuh tempo")
    CONTRIBUTION_CONFIRMED = "kontribusi_dikonfirmasi", _("Catatan mitra dikonfirmasi")
    CONTRIBUTION_RETURNED = "kontribusi_dikembalikan", _("Catatan mitra dikembalikan")
    ASPIRATION_STEP = "aspirasi", _("Aspirasi bergerak")


class EmailChoice(models.TextChoices):
    NOW = "segera", _("Segera, satu e-mail per pemberitahuan")
    DAILY = "harian", _("Ringkasan harian, satu e-mail sehari")
    NONE = "tidak", _("Tidak usah, cukup di aplikasi")


class Notice(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("jenis"), max_length=32, choices=Kind.choices)
    params = models.JSONField(_("isi"), default=dict)
    url = models.CharField(_("tautan"), max_length=300)
    created_at = models.DateTimeField(_("dibuat"))
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail"), null=True, blank=True)
    # Repeated reminders (a window closing in 3 days) are made once: the same key, no second row.
    key = models.CharField(max_length=120, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notice_once_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class Preference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    email = models.CharField(
        _("e-mail"), max_length=8, choices=EmailChoice.choices, default=EmailChoice.NOW
    )

    class Meta:
        verbose_name = _("pilihan pemberitahuan")
        verbose_name_plural = _("pilihan pemberitahuan")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email}"
