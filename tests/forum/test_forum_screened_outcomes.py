"""Issue 16: a child's name leaves the forum's pages only screened. Sari wrote the outcome of an
accepted aspiration as "Taman bermain usulan Dinda"; Dinda chairs Forum Anak Kota Metro. The
forum's PDFs and the public page call her by her role; the record keeps what Sari wrote.
(The API: tests/api/test_api_reads.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from layak.core.aspirations import Status
from layak.forum import documents
from layak.forum.models import Aspiration

pytestmark = pytest.mark.django_db
WRITTEN = "Taman bermain usulan Dinda di Metro Pusat"


@pytest.fixture
def named_outcome(world: Any) -> Aspiration:
    aspiration = (
        Aspiration.objects.filter(city_id="18.72", status=Status.ACCEPTED.value)
        .order_by("pk")
        .first()
    )
    assert aspiration is not None
    assert aspiration.accepted_on is not None
    aspiration.outcome_name = WRITTEN
    aspiration.save(update_fields=["outcome_name"])
    return aspiration


@pytest.mark.parametrize("kind", ["rekap", "laporan"])
def test_the_forums_pdfs_call_a_named_child_by_her_role(
    named_outcome: Aspiration, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    laid_out: list[str] = []
    monkeypatch.setattr("layak.web.pdf.layout", lambda html: laid_out.append(html) or b"%PDF")
    assert named_outcome.accepted_on is not None
    year = named_outcome.accepted_on.year if kind == "rekap" else named_outcome.submitted_at.year
    document = documents.make(kind, named_outcome.city, year)
    assert document is not None

    document.render_pdf()

    html = laid_out[-1]
    assert "Dinda" not in html
    assert "Taman bermain usulan Ketua Forum Anak di Metro Pusat" in html
    named_outcome.refresh_from_db()
    assert named_outcome.outcome_name == WRITTEN  # the record itself is unchanged


def test_the_public_page_calls_a_named_child_by_her_role(
    named_outcome: Aspiration, client: Client
) -> None:
    html = client.get("/publik/18.72/").content.decode()
    assert "Dinda" not in html
    assert "Taman bermain usulan Ketua Forum Anak di Metro Pusat" in html
