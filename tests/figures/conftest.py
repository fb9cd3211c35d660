"""Fixtures of the figures tests: the text of a PDF as `pdftotext` reads it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def read(document: bytes) -> str:
        path = tmp_path / "report.pdf"
        path.write_bytes(document)
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
        )
        return done.stdout.decode("utf-8")

    return read
