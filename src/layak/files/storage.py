"""Keeping checked files: one naming rule and one clean-up rule for every app that stores uploads.

A file is judged by content first (`layak.files.inspect`), then saved under a name Layak
chooses (`<folder>/<random>.<extension>`). Inside `files_kept_only_on_success()`, files saved
through the yielded list are deleted again when the block raises, so a refused or failed write
leaves neither a row nor a file behind. When the storage itself refuses a write (disk full,
no permission), `StorageFailed` carries the user's message and the partial file is removed.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from layak.core.messages import msg
from layak.files.inspect import FileKind, Refused

logger = logging.getLogger(__name__)


class StorageFailed(Refused):
    """The storage refused to write (OSError); nothing of the file is left."""


def storage_failed(exc: BaseException) -> StorageFailed:
    """A disk refusing a write (OSError: ENOSPC, EACCES...) or an object store refusing one
    (botocore's errors: AccessDenied, a missing bucket, no connection) is the same thing to the
    person uploading: the file was not kept, try again or tell the administrator."""
    code = (
        errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        if isinstance(exc, OSError)
        else _s3_code(exc)
    )
    logger.error("storage refused a write: %s", code, exc_info=exc)
    return StorageFailed(msg("file.storage_failed", detail=code))


def _s3_code(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    error = response.get("Error", {}) if isinstance(response, dict) else {}
    return str(error.get("Code") or type(exc).__name__)


def storage_errors() -> tuple[type[BaseException], ...]:
    """What a write to the configured storage raises when it is refused. botocore is imported
    only when the files live in a bucket, so a filesystem deployment never loads it."""
    if "S3" not in settings.STORAGES["default"]["BACKEND"]:
        return (OSError,)
    from botocore.exceptions import BotoCoreError, ClientError  # only for a bucket (above)

    return (OSError, BotoCoreError, ClientError)


def save_or_refuse(name: str, data: bytes) -> str:
    """Save bytes under `name` (unique by its random part); a failed write leaves no file."""
    errors = storage_errors()
    try:
        return default_storage.save(name, ContentFile(data))
    except errors as exc:
        try:
            if default_storage.exists(name):
                default_storage.delete(name)
        except errors:
            logger.exception("could not remove the partial file %s", name)
        raise storage_failed(exc) from None


@dataclass(frozen=True, slots=True)
class SavedFile:
    stored_name: str
    content_type: str
    extension: str
    size: int
    sha256: str


class SavedFiles(list[str]):
    """The names saved so far in one write; `save` adds to it."""

    def save(self, folder: str, data: bytes, kind: FileKind) -> SavedFile:
        name = save_or_refuse(f"{folder}/{uuid.uuid4().hex}.{kind.extension}", data)
        self.append(name)
        return SavedFile(
            stored_name=name,
            content_type=kind.content_type,
            extension=kind.extension,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
        )


@contextmanager
def files_kept_only_on_success() -> Iterator[SavedFiles]:
    saved = SavedFiles()
    try:
        yield saved
    except BaseException:
        for name in saved:
            default_storage.delete(name)
        raise
