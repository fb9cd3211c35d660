"""Personal API tokens: only a hash is kept; the token itself is shown once, when created."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_expiry() -> datetime:
    return timezone.now() + timedelta(days=settings.LAYAK_API_TOKEN_DAYS)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama"), max_length=100)
    # The first characters of the token, so its owner can tell tokens apart; not a secret.
    prefix = models.CharField(max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)  # sha256, hex
    created_at = models.DateTimeField(default=timezone.now)
    # A token stops working at this moment (LAYAK_API_TOKEN_DAYS after it was made).
    expires_at = models.DateTimeField(_("berlaku sampai"), default=default_expiry)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("token API")
        verbose_name_plural = _("token API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired


class RateCount(models.Model):
    """Requests of one token in one clock minute. Kept in the database, not in a process's
    memory, so that several app processes behind a proxy share one limit (docs/api.md)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="rate_counts")
    minute = models.BigIntegerField()  # minutes since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "minute"], name="api_rate_one_per_minute")
        ]

    def __str__(self) -> str:
        return f"{self.token_id}@{self.minute}: {self.count}"
