"""Fixtures of the report tests: the demo's people, a signed-in client, the demo cycle, and the
text of a PDF as `pdftotext` reads it (the tests that need the tool skip without it)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

USERNAMES = ("admin", "sari", "kartika", "budi", "dewi", "rina", "oki", "vina", "nadia", "mitra")


@pytest.fixture
def users(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


@pytest.fixture
def login(client: Client, users: dict[str, Any]) -> Callable[[str], Client]:
    """`login("sari")` signs the test client in (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != "anon":
            client.force_login(users[username])
        return client

    return sign_in


@pytest.fixture
def pdf_text(tmp_path: Path) -> Callable[[bytes], str]:
    """The text layer of a PDF, page by page as pdftotext lays it out."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def read(document: bytes) -> str:
        path = tmp_path / "report.pdf"
        path.write_bytes(document)
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return done.stdout.decode("utf-8")

    return read
