"""One write that stores uploaded files with its database rows, for the apps' services (the task
force, the stakeholders, the Forum Anak, the registries): the files are deleted again when the
transaction fails, and a storage that refuses a file is the keyed refusal on the form's field,
as every other refusal is; and an uploaded file removed. Here rather than in each app, which
all wrote these lines alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.db import transaction
from django.db.models import Model

from layak.core.messages import InputError, Problem
from layak.files.storage import SavedFiles, StorageFailed, files_kept_only_on_success

if TYPE_CHECKING:
    from layak.accounts.models import User


@contextmanager
def files_written_with_rows(column: str) -> Iterator[SavedFiles]:
    """The files saved in the block kept only if its transaction commits; a storage failure
    raised as an InputError at `column` (the upload's field)."""
    try:
        with files_kept_only_on_success() as saved, transaction.atomic():
            yield saved
    except StorageFailed as failure:
        raise InputError([Problem(failure.message, column=column)]) from None


class _RemovableUpload(Protocol):
    pk: Any
    removed_at: datetime | None

    def mark_removed(self, by: User) -> None: ...

    def snapshot(self) -> dict[str, Any]: ...


def removed_under_lock(upload: Model, by: User) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """An uploaded file (`layak.files.models.Uploaded`) marked removed under its row's lock,
    inside the caller's transaction: its audit snapshots before and after, or None when it was
    removed already (removing it twice changes nothing). The file stays for the history."""
    locked = cast(
        _RemovableUpload, type(upload)._default_manager.select_for_update().get(pk=upload.pk)
    )
    if locked.removed_at is not None:
        return None
    before = locked.snapshot()
    locked.mark_removed(by)
    return before, locked.snapshot()
