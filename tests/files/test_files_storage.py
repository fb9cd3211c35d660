"""The one rule every app stores uploads by: system-chosen names, and nothing left behind when
the write fails."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from layak.demo.pdf import sample_pdf
from layak.files.inspect import inspect
from layak.files.storage import files_kept_only_on_success

PDF = sample_pdf(["Bukti uji", "Dokumen contoh untuk pengujian"])


def test_files_saved_in_a_failed_write_are_deleted_and_kept_in_a_good_one() -> None:
    kind = inspect(PDF)
    names: list[str] = []

    def failing_write() -> None:
        with files_kept_only_on_success() as saved:
            names.append(saved.save("uji/gagal", PDF, kind).stored_name)
            assert default_storage.exists(names[0])
            raise RuntimeError("the database refused the row")

    with pytest.raises(RuntimeError):
        failing_write()
    assert not default_storage.exists(names[0])

    with files_kept_only_on_success() as saved:
        kept = saved.save("uji/berhasil", PDF, kind)
    assert default_storage.exists(kept.stored_name)
    assert kept.stored_name.startswith("uji/berhasil/")
    assert kept.stored_name.endswith(".pdf")
    assert kept.size == len(PDF)
    assert len(kept.sha256) == 64
