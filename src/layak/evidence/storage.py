"""Keeping checked files: one naming rule and one clean-up rule for every app that stores uploads.

A file is judged by content first (`layak.evidence.inspect`), then saved under a name Layak
chooses (`<folder>/<random>.<extension>`). Inside `files_kept_only_on_success()`, files saved
through the yielded list are deleted again when the block raises, so a refused or failed write
leaves neither a row nor a file behind.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from layak.evidence.inspect import FileKind


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
        name = default_storage.save(
            f"{folder}/{uuid.uuid4().hex}.{kind.extension}", ContentFile(data)
        )
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
