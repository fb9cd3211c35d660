"""The one rule every app stores uploads by: system-chosen names, and nothing left behind when
the write fails."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from layak.evidence.inspect import inspect
from layak.evidence.storage import files_kept_only_on_success


def test_files_saved_in_a_failed_write_are_deleted_and_kept_in_a_good_one(
    pdf_bytes: bytes,
) -> None:
    kind = inspect(pdf_bytes)
    names: list[str] = []

    def failing_write() -> None:
        with files_kept_only_on_success() as saved:
            names.append(saved.save("uji/gagal", pdf_bytes, kind).stored_name)
            assert default_storage.exists(names[0])
            raise RuntimeError("the database refused the row")

    with pytest.raises(RuntimeError):
        failing_write()
    assert not default_storage.exists(names[0])

    with files_kept_only_on_success() as saved:
        kept = saved.save("uji/berhasil", pdf_bytes, kind)
    assert default_storage.exists(kept.stored_name)
    assert kept.stored_name.startswith("uji/berhasil/")
    assert kept.stored_name.endswith(".pdf")
    assert kept.size == len(pdf_bytes)
    assert len(kept.sha256) == 64
