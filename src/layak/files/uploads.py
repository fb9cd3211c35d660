"""The one way an upload comes in, for every path that takes files.

A document kept as it is (evidence, a Gugus Tugas decree or meeting document, a Mitra file, a
Forum Anak decree) is read up to its size limit and judged by content first, what it is matters
most, then by its name (`check_document`). A table read by its own reader afterwards (an answer
book, a Profil Anak extract) is refused before it is read when it is empty, too large or badly
named (`check_data_file`; `data_file_on_disk` also copies it to a temporary file for a reader
that needs a path): its content is the reader's to judge, row by row. Either raises the keyed
`Refused`; each caller puts it on its form, problem list or page.

A refused document is audited here, once, in its own transaction (`refusals.record_refusal`):
callers check before their write's `transaction.atomic()` block, so the event stays. A data
file's refusal is audited by its importer together with what its reader refuses, as one event.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from layak.core.messages import Message, msg
from layak.files.inspect import (
    KINDS,
    MAX_PDF_OR_IMAGE,
    FileKind,
    Refused,
    check_name,
    inspect_upload,
    safe_original_name,
)
from layak.files.refusals import UploadPath, record_refusal
from layak.files.storage import storage_failed

if TYPE_CHECKING:
    from layak.accounts.models import User


@dataclass(frozen=True, slots=True)
class Uploader:
    """Who sends a file, along which path, about what: what a refusal's audit event names."""

    user: User | None
    path: UploadPath
    region_code: str = ""
    object_type: str = ""
    object_id: object = ""
    request: HttpRequest | None = None

    def refused(self, rules: str | Sequence[str], file_name: str) -> None:
        record_refusal(
            user=self.user,
            path=self.path,
            rules=rules,
            file_name=file_name,
            region_code=self.region_code,
            object_type=self.object_type,
            object_id=self.object_id,
            request=self.request,
        )


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    """A document that passed: its bytes, what it is, and the name its uploader gave it."""

    name: str
    data: bytes
    kind: FileKind

    @property
    def safe_name(self) -> str:
        """The uploader's name as a label: no folders, no control characters."""
        return safe_original_name(self.name)


def check_document(
    upload: UploadedFile,
    by: Uploader,
    *,
    kinds: Collection[FileKind] = KINDS,
    wrong_kind: Message | None = None,
) -> CheckedUpload:
    """The upload judged by content, then by name, then against the `kinds` this path keeps
    (`wrong_kind` is the refusal when it is another). A refusal is audited and raised."""
    data = upload.read(MAX_PDF_OR_IMAGE + 1)
    name = upload.name or ""
    try:
        kind = inspect_upload(name, data)
        if kind not in kinds:
            raise Refused(wrong_kind or msg("evidence.unknown_type"))
    except Refused as refusal:
        by.refused(refusal.message.key, name)
        raise
    return CheckedUpload(name, data, kind)


def check_data_file(upload: UploadedFile, *, limit: int) -> None:
    """A table's upload before its reader opens it: not empty, at most `limit` bytes, a safe
    name. Raises Refused; the importer audits it with its reader's refusals."""
    size = upload.size or 0
    if size == 0:
        raise Refused(msg("file.empty"))
    if size > limit:
        raise Refused(msg("file.too_large", size=size, limit=limit))
    check_name(upload.name or "")


@contextmanager
def data_file_on_disk(upload: UploadedFile, *, limit: int) -> Iterator[Path]:
    """The table's upload checked (`check_data_file`) and copied to a temporary file for its
    reader, removed afterwards. Raises Refused, or StorageFailed (a Refused, not the file's
    fault) when the disk refused the copy."""
    check_data_file(upload, limit=limit)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "unggahan"
        try:
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        except OSError as exc:
            raise storage_failed(exc) from None
        yield path
