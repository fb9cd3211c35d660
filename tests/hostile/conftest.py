"""Fixtures of the hostile-upload tests (reliability plan T4): the corpus, built once per
session, Kota Metro's people, and what a refused upload must leave unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from layak.audit.models import AuditEvent
from layak.files.refusals import ACTION
from tests.hostile.hostile_corpus import Case, upload_corpus

# Every table an upload or import may write to.
WRITTEN = (
    "evaluation.Answer",
    "evidence.EvidenceFile",
    "gugus.Decree",
    "gugus.MeetingDocument",
    "mitra.Contribution",
    "mitra.Document",
    "forum.ForumGroup",
    "profil.ProfilDataset",
    "profil.ProfilCell",
    "profil.ProfilImport",
)


@pytest.fixture(scope="session")
def corpus() -> dict[str, Case]:
    return upload_corpus()


@pytest.fixture
def user(world: Any) -> Callable[[str], Any]:
    from layak.accounts.models import User

    return lambda name: User.objects.get(username=name)


@pytest.fixture
def client_of(user: Callable[[str], Any]) -> Callable[[str], Client]:
    def signed_in(name: str) -> Client:
        client = Client()
        client.force_login(user(name))
        return client

    return signed_in


@pytest.fixture
def state(isolated_file_storage: Path) -> Callable[[], dict[str, int]]:
    """Row counts of every written table, stored files, and audit events other than refusals."""

    def now() -> dict[str, int]:
        counts = {label: apps.get_model(label).objects.count() for label in WRITTEN}
        counts["files"] = sum(1 for p in isolated_file_storage.rglob("*") if p.is_file())
        counts["audit"] = AuditEvent.objects.exclude(action=ACTION).count()
        return counts

    return now


@pytest.fixture
def refusals() -> Callable[[], list[AuditEvent]]:
    return lambda: list(AuditEvent.objects.filter(action=ACTION).order_by("pk"))
