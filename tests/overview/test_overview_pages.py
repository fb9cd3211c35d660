"""The province and national pages: the same figures as each region's dashboard, who sees
which page, and a fixed number of queries whatever the number of regions.

Lampung (18) is seeded with three simulated regions next to the demo's Kota Metro, Jawa Barat
(32) with one; Vina is Lampung's provincial verifier, Nadia a national verifier.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from layak.accounts.models import User
from layak.evaluation.models import Cycle
from layak.evaluation.queries.figures import cycle_figures
from layak.overview.queries.figures import region_figures
from layak.overview.snapshots import current_figures
from tests.support.national import seed_regions


def _signed_in(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def _assert_same_as_dashboard(figures: list[Any]) -> None:
    """The SQL aggregation gives the reader's figures exactly: total, parts, predicate and
    distances on each basis, the verified one at the same stage."""
    assert figures
    for figure in figures:
        read = cycle_figures(Cycle.objects.get(pk=figure.cycle_id)).figures
        assert figure.self_assessed == read.self_assessed, figure.code
        assert figure.projected_figure == read.projected, figure.code
        assert figure.verified_figure == read.verified, figure.code
        assert figure.answered == read.card.answered
        assert figure.with_evidence == read.card.with_evidence
        assert figure.points_to_next == read.self_assessed.points_to_next


@pytest.mark.django_db
def test_province_figures_are_the_dashboards(seeded: int) -> None:
    figures = region_figures(seeded, "18")
    assert [f.code for f in figures] == ["18.01", "18.02", "18.71", "18.72"]
    _assert_same_as_dashboard(figures)
    _assert_same_as_dashboard(region_figures(seeded - 1, "18"))
    # Kota Metro's demo has evidence and provincial verifications: both show.
    metro = figures[-1]
    assert metro.with_evidence > 0
    assert metro.verified is not None


@pytest.mark.django_db
def test_national_snapshot_is_the_dashboards_and_follows_a_saved_answer(seeded: int) -> None:
    from layak.evaluation.services import save_answer

    _assert_same_as_dashboard(current_figures(seeded))
    metro = Cycle.objects.get(region_id="18.72", year=seeded)
    before = next(f for f in current_figures(seeded) if f.code == "18.72").total
    question = metro.instrument.question("5.9")  # left unanswered by the demo
    save_answer(
        User.objects.get(username="sari"),
        metro,
        question,
        value="ya",
        note="",
        expected_version=None,
        submit=True,
    )
    after = next(f for f in current_figures(seeded) if f.code == "18.72")
    assert after.total == round(before + question.max_points, 2)
    _assert_same_as_dashboard(current_figures(seeded))


@pytest.mark.django_db
def test_national_verifier_sees_the_nation_and_every_province(seeded: int, client: Client) -> None:
    nadia = _signed_in(client, "nadia")
    page = nadia.get("/nasional/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kota Bandar Lampung" in text
    assert "<svg" in text
    assert "Jawa Barat" in text
    assert nadia.get("/provinsi/18/").status_code == 200
    assert nadia.get("/provinsi/32/").status_code == 200
    filtered = nadia.get("/nasional/?provinsi=32", HTTP_HX_REQUEST="true")
    assert filtered.status_code == 200
    assert "Kota Bandar Lampung" not in filtered.content.decode()
    assert "<html" not in filtered.content.decode()  # htmx: only the table


@pytest.mark.django_db
def test_vina_sees_lampung_only(seeded: int, client: Client) -> None:
    vina = _signed_in(client, "vina")
    page = vina.get("/provinsi/18/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kota Metro" in text
    assert "Kota Bandar Lampung" in text
    assert "Antrean verifikasi provinsi" in text
    assert vina.get("/provinsi/32/").status_code == 404
    assert vina.get("/provinsi/99/").status_code == 404
    assert vina.get("/nasional/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["sari", "budi", "kartika", "oki", "mitra"])
def test_region_staff_see_neither_page(seeded: int, client: Client, username: str) -> None:
    person = _signed_in(client, username)
    assert person.get("/nasional/").status_code == 403
    assert person.get("/provinsi/18/").status_code == 403


@pytest.mark.django_db
def test_the_queue_counts_submitted_answers_awaiting_the_provincial_verifier(seeded: int) -> None:
    from layak.evaluation.models import Answer, AnswerStatus

    figures = {f.code: f for f in region_figures(seeded, "18")}
    for code, figure in figures.items():
        submitted = Answer.objects.filter(
            cycle_id=figure.cycle_id, unit__isnull=True, status=AnswerStatus.SUBMITTED
        ).count()
        # Only Kota Metro's answers have administrative verifications (13 in the demo).
        assert figure.queue is not None
        assert figure.queue <= submitted, code
        if code != "18.72":
            assert figure.queue == submitted, code


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_pages_need_a_fixed_number_of_queries(seeded: int, client: Client) -> None:
    nadia = _signed_in(client, "nadia")
    nadia.get("/nasional/")  # builds the snapshot
    national, province = _queries(nadia, "/nasional/"), _queries(nadia, "/provinsi/18/")
    seed_regions(("18.03", "18.04", "18.05", "32.01", "32.02"), seeded)
    nadia.get("/nasional/")
    assert _queries(nadia, "/nasional/") == national
    assert _queries(nadia, "/provinsi/18/") == province
    # The national count includes recomputing the regions with recent audit events (every
    # region in a test is recent); without recent events it is 11 (docs/performance.md).
    assert national <= 22
    assert province <= 14


@pytest.mark.django_db
def test_a_draft_and_a_verification_of_a_redrafted_answer_count_nowhere(seeded: int) -> None:
    """Sari takes Kota Metro's verified 1.1 back to a draft for a revision and saves 12.6 as a
    draft: both leave every figure, on the province page as on the dashboard."""
    from decimal import Decimal

    from layak.evaluation.models import Answer, AnswerStatus, Verification

    metro = Cycle.objects.get(region_id="18.72", year=seeded)
    # The demo's provincial verification is under way: 1.1 is accepted.
    verified = Verification.objects.select_related("answer").get(
        answer__cycle=metro, answer__question_code="1.1", answer__unit__isnull=True
    )
    Answer.objects.filter(pk=verified.answer_id).update(status=AnswerStatus.DRAFT)
    Answer.objects.filter(cycle=metro, question_code="12.6", unit__isnull=True).update(
        status=AnswerStatus.DRAFT, points=Decimal("4")
    )
    figures = region_figures(seeded, "18")
    _assert_same_as_dashboard(figures)
    read = cycle_figures(metro)
    assert {verified.answer.question_code, "12.6"} <= set(read.drafts.points)
    assert verified.answer.question_code not in read.figures.card.question_points


@pytest.mark.django_db
def test_the_upgrade_forgets_snapshots_of_the_old_definition(seeded: int) -> None:
    """Rows computed when drafts still counted are deleted by migration 0002; the national
    page then recomputes every region under the one definition."""
    import importlib

    from django.apps import apps

    from layak.overview.models import CycleScore

    current_figures(seeded)
    assert CycleScore.objects.exists()
    CycleScore.objects.update(parts=[999.0])  # as an old row might read
    migration = importlib.import_module("layak.overview.migrations.0002_figures_submitted_only")
    migration.forget_old_figures(apps, None)
    assert not CycleScore.objects.exists()
    _assert_same_as_dashboard(current_figures(seeded))
