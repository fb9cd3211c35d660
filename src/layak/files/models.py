"""The columns every stored upload keeps, defined once: what it was called, where Layak put it,
what it is (judged by content), how big and its SHA-256."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from layak.conf.fields import user_key
from layak.files.storage import SavedFile

if TYPE_CHECKING:
    from layak.accounts.models import User


class StoredFile(models.Model):
    """A file kept under a name the system chooses (`layak.files.storage`), after its content
    was judged (`layak.files.inspect`). Every row has its file."""

    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    stored_name = models.CharField(max_length=100, unique=True, editable=False)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        abstract = True

    def keep(self, saved: SavedFile, original_name: str) -> None:
        """Point the row at a file just saved; `original_name` is the label already made safe."""
        self.original_name = original_name
        self.stored_name = saved.stored_name
        self.content_type = saved.content_type
        self.extension = saved.extension
        self.size = saved.size
        self.sha256 = saved.sha256

    def file_snapshot(self) -> dict[str, Any]:
        return {"original_name": self.original_name, "size": self.size, "sha256": self.sha256}


class OptionalStoredFile(StoredFile):
    """The same columns allowed empty, for a record that may exist before its file (a decree
    entered before its scan arrives). The stored name is then empty, so it is not unique."""

    original_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    stored_name = models.CharField(max_length=100, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True)
    extension = models.CharField(max_length=8, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        abstract = True


class Uploaded(models.Model):
    """Who uploaded a file behind a record and when; a removed file stays for the record's
    history (and the audit log) but is no longer listed or served."""

    uploaded_by = user_key()
    uploaded_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = user_key(optional=True)

    class Meta:
        abstract = True

    def mark_removed(self, by: User) -> None:
        """Who removed the file, and now; the caller holds the row's lock and audits it."""
        self.removed_at, self.removed_by = timezone.now(), by
        self.save(update_fields=["removed_at", "removed_by"])
