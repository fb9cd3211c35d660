"""Ready-made evidence: a record Layak keeps is offered on its question and attached in one step
as a generated PDF, once; people who may not upload only see it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from layak.evidence import ready
from layak.web.pdf import render_pdf
from tests.web.websupport import Q_DINKES


@pytest.fixture
def minutes_offered() -> Iterator[None]:
    """A provider as an app registers one: rapat minutes for question Q_DINKES only."""

    def provider(cycle: Any, code: str) -> list[ready.ReadyDocument]:
        if code != Q_DINKES:
            return []
        return [
            ready.ReadyDocument(
                key="test.meeting:1",
                title="Notulen rapat koordinasi 12 Maret",
                year=cycle.year,
                source="Rapat koordinasi Gugus Tugas",
                render_pdf=lambda: render_pdf(
                    "web/pdf_base.html", {"title": "Notulen rapat koordinasi"}
                ),
                file_name="notulen.pdf",
            )
        ]

    # Registered by a path no module answers to: the provider is in place already, as if
    # imported on an earlier use.
    ready._PROVIDERS["tests.minutes"] = provider
    ready.register("tests.minutes")
    yield
    ready._PATHS.remove("tests.minutes")
    del ready._PROVIDERS["tests.minutes"]


@pytest.mark.django_db
def test_an_officer_attaches_the_minutes_in_one_step(
    minutes_offered: None, login: Callable[[str], Client], cycle: Any
) -> None:
    from layak.evidence.models import EvidenceFile

    page = reverse("evaluation:question", args=[cycle.pk, Q_DINKES])
    client = login("budi")
    assert "Notulen rapat koordinasi 12 Maret" in client.get(page).content.decode()
    response = client.post(
        reverse("evidence:attach_ready", args=[cycle.pk, Q_DINKES]), {"key": "test.meeting:1"}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key="test.meeting:1")
    assert evidence.title == "Notulen rapat koordinasi 12 Maret"
    assert evidence.content_type == "application/pdf"
    assert evidence.answer.question_code == Q_DINKES
    assert "sudah dilampirkan" in client.get(page).content.decode()


@pytest.mark.django_db
def test_an_unknown_record_is_not_found_and_a_verifier_cannot_attach(
    minutes_offered: None, login: Callable[[str], Client], cycle: Any
) -> None:
    url = reverse("evidence:attach_ready", args=[cycle.pk, Q_DINKES])
    assert login("budi").post(url, {"key": "test.meeting:999"}).status_code == 404
    assert login("vina").post(url, {"key": "test.meeting:1"}).status_code == 403
    assert login("budi").get(url).status_code == 405


def test_every_declared_provider_is_registered_and_imports_as_a_callable() -> None:
    """The providers are imported on first use, not when Django starts: a path that names
    nothing would otherwise surface only on a question page."""
    declared = [p for app in apps.get_app_configs() for p in getattr(app, "ready_documents", ())]
    assert len(declared) == 7
    assert declared == ready._PATHS
    assert all(callable(provider) for provider in ready.providers())
