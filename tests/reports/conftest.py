"""The region's PDF reports are made in the background: `made_report(client, name, cycle)`
clicks the report's button, follows to its page (the tests' ImmediateBackend has made it by
then) and downloads it, as a person does."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse

from layak.reports.models import BundleStatus, ReportJob


def _content(response: HttpResponseBase) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(response.content)  # type: ignore[attr-defined]


@pytest.fixture
def made_report() -> Callable[[Client, str, Any], tuple[HttpResponseBase, bytes]]:
    def make(client: Client, name: str, cycle: Any) -> tuple[HttpResponseBase, bytes]:
        asked = client.post(reverse(name, args=[cycle.pk]))
        assert asked.status_code == 302, asked.status_code
        page = client.get(asked["Location"])
        job = page.context["job"]
        assert job.status == BundleStatus.DONE, job.message
        link = reverse("reports:report_download", args=[job.pk])
        assert link in page.content.decode()
        response = client.get(link)
        assert response.status_code == 200
        return response, _content(response)

    return make


def latest_job() -> ReportJob:
    return ReportJob.objects.latest("created_at")


@pytest.fixture
def pdf_words(tmp_path: Path) -> Callable[[bytes], str]:
    """A PDF's text in the order it was written (pdftotext -raw: cell by cell, so a title that
    wraps inside its cell stays in one piece), its words joined by single spaces."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")

    def read(document: bytes) -> str:
        path = tmp_path / "words.pdf"
        path.write_bytes(document)
        done = subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, timeout=60
        )
        return " " + " ".join(done.stdout.decode("utf-8").split()) + " "

    return read
