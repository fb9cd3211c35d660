"""Fixtures of the stakeholder tests: the demo's stakeholder records and a document to upload
(the demo's people, `users` and `login`, come from tests/support/fixtures.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


@pytest.fixture
def sinar(world: Any) -> Any:
    """PT Sinar Metro Abadi, the business the demo account "mitra" acts for."""
    from layak.mitra.models import Organisation

    return Organisation.objects.get(region_id="18.72", name="PT Sinar Metro Abadi")


@pytest.fixture
def radio(world: Any) -> Any:
    """Radio Swara Metro, another organisation of Kota Metro (no account of its own)."""
    from layak.mitra.models import Organisation

    return Organisation.objects.get(region_id="18.72", name="Radio Swara Metro 98,6 FM")


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    from layak.demo.pdf import sample_pdf

    return sample_pdf(["Berita acara serah terima", "Pojok ASI Kelurahan Yosomulyo"])


@pytest.fixture
def pdf_upload(pdf_bytes: bytes) -> Callable[..., SimpleUploadedFile]:
    def make(name: str = "berita-acara.pdf", data: bytes | None = None) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, pdf_bytes if data is None else data, "application/pdf")

    return make
