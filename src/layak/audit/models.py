"""The audit log: one row per change, written in the same transaction, never altered.

It is also the history users see: who changed an answer or its files, when, and the before and
after.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import user_key


class AuditEventQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events cannot be deleted")

    def for_object(self, object_type: str, object_id: object) -> AuditEventQuerySet:
        return self.filter(object_type=object_type, object_id=str(object_id))


class AuditEvent(models.Model):
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = user_key(optional=True)
    actor_name = models.CharField(_("pelaku"), max_length=150, blank=True)
    role = models.CharField(_("peran"), max_length=24, blank=True)
    action = models.CharField(_("tindakan"), max_length=48, db_index=True)
    object_type = models.CharField(max_length=48, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    region_code = models.CharField(max_length=13, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events cannot be deleted")
