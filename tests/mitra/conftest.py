"""Fixtures of the stakeholder tests: the Kota Metro demo's people (copied from tests/web, as
there are no packages under tests/), a signed-in client, and the demo's stakeholder records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PEOPLE = ("admin", "sari", "kartika", "budi", "dewi", "oki", "vina", "nadia", "mitra", "forumanak")


@pytest.fixture
def users(world: Any) -> dict[str, Any]:
    from layak.accounts.models import User

    return {u.username: u for u in User.objects.filter(username__in=PEOPLE)}


@pytest.fixture
def login(client: Client, users: dict[str, Any]) -> Callable[[str], Client]:
    """`login("mitra")` signs the test client in (`login("anon")` signs out)."""

    def sign_in(username: str) -> Client:
        client.logout()
        if username != "anon":
            client.force_login(users[username])
        return client

    return sign_in


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
