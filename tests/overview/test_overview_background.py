"""The national snapshot's large recomputations run in the background, never in a request:
the first build, and many regions changed at once. Nadia (national verifier) opens the page
while the worker has not run yet; the queue is the real database backend, so what the page
asked for is the row the worker would take.

A request recomputes at most `RECOMPUTE_IN_REQUEST` regions; these tests lower it to 2 so that
Lampung's four regions and Jawa Barat's one (`seeded`) are "many".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layak.accounts.models import User
from layak.audit.log import record
from layak.evaluation.models import Cycle
from layak.overview import snapshots
from layak.overview.models import CycleScore
from layak.overview.queries.figures import region_figures
from layak.overview.tasks import refresh_national_figures

PREPARING = "sedang disiapkan di latar belakang"
UPDATING = "sedang dihitung ulang di latar belakang"


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tasks wait in the database for a worker; a request recomputes two regions at most."""
    monkeypatch.setattr(snapshots, "RECOMPUTE_IN_REQUEST", 2)
    database = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database):
        yield


def _waiting() -> list[DBTaskResult[Any, Any]]:
    return list(
        DBTaskResult.objects.filter(
            task_path=refresh_national_figures.module_path, status__in=["READY", "RUNNING"]
        )
    )


def _run_queued() -> None:
    """What `layak run-worker` does with each waiting row."""
    for row in _waiting():
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        DBTaskResult.objects.filter(pk=row.pk).update(status="SUCCESSFUL")


def _computed_a_minute_later() -> None:
    """The rows as the worker leaves them once the seed's audit events are older than the
    look-back: what happens from now on counts, the seeding does not."""
    CycleScore.objects.update(computed_at=timezone.now() + snapshots.LOOKBACK)


def _nadia(client: Client) -> Client:
    client.force_login(User.objects.get(username="nadia"))
    return client


def _assert_snapshot_is_the_live_sum(year: int) -> None:
    shown = {f.code: f for f in snapshots.read_snapshot(year).figures}
    live = {f.code: f for f in region_figures(year)}
    assert shown.keys() == live.keys()
    for code, figure in live.items():
        assert shown[code].parts == pytest.approx(figure.parts), code
        assert shown[code].total == figure.total, code
        assert shown[code].predicate == figure.predicate, code
        assert shown[code].verified == figure.verified, code
        assert shown[code].answered == figure.answered, code


@pytest.mark.django_db
def test_the_first_request_queues_the_build_and_says_the_figures_are_being_prepared(
    seeded: int, queued: None, client: Client
) -> None:
    nadia = _nadia(client)
    CycleScore.objects.all().delete()

    page = nadia.get("/nasional/")
    assert page.status_code == 200
    text = page.content.decode()
    assert PREPARING in text
    assert "0 dari 5 kabupaten/kota sudah dihitung" in text
    # No figures at all rather than a part of the country's, and none computed here.
    assert "Kota Bandar Lampung" not in text
    assert "<svg" not in text
    assert not CycleScore.objects.exists()
    [task] = _waiting()
    assert task.args_kwargs["args"] == [seeded]

    # Every request during the build asks for it; one build serves them all.
    assert PREPARING in nadia.get("/nasional/").content.decode()
    assert PREPARING in nadia.get("/nasional/?provinsi=18", HTTP_HX_REQUEST="true").content.decode()
    assert len(_waiting()) == 1

    _run_queued()
    _computed_a_minute_later()
    text = nadia.get("/nasional/").content.decode()
    assert PREPARING not in text
    assert UPDATING not in text
    assert "Kota Bandar Lampung" in text
    assert "<svg" in text
    assert CycleScore.objects.count() == Cycle.objects.filter(year=seeded).count()
    _assert_snapshot_is_the_live_sum(seeded)
    assert not _waiting()


@pytest.mark.django_db
def test_many_changed_regions_show_their_last_figures_while_the_worker_recomputes(
    seeded: int, queued: None, client: Client
) -> None:
    from layak.evaluation.services import save_answer

    nadia = _nadia(client)
    before = next(f for f in snapshots.current_figures(seeded) if f.code == "18.72")
    _computed_a_minute_later()
    metro = Cycle.objects.get(region_id="18.72", year=seeded)
    assert not snapshots.read_snapshot(seeded).in_background

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
    for code in ("18.01", "18.02"):
        record("answer.save", region_code=code)

    snapshot = snapshots.read_snapshot(seeded)
    assert snapshot.updating == 3
    assert snapshot.pending == 0
    # Until the worker has run, Kota Metro shows the figures last computed, said to be so.
    shown = next(f for f in snapshot.figures if f.code == "18.72")
    assert shown.total == before.total
    text = nadia.get("/nasional/").content.decode()
    assert UPDATING in text
    assert "Kota Bandar Lampung" in text
    assert len(_waiting()) == 1

    _run_queued()
    after = next(f for f in snapshots.current_figures(seeded) if f.code == "18.72")
    assert after.total == round(before.total + question.max_points, 2)
    _assert_snapshot_is_the_live_sum(seeded)


@pytest.mark.django_db
def test_sign_ins_refusals_and_downloads_change_no_figures(world: Any) -> None:
    since = timezone.now()
    for action in ("auth.login", "auth.logout", "access.denied", "evidence.download"):
        record(action, region_code="32.73")
    assert snapshots._touched(since) == set()
    record("answer.save", region_code="32.73")
    assert snapshots._touched(since) == {"32.73"}


@pytest.mark.django_db
def test_a_few_changed_regions_are_recomputed_in_the_request(
    seeded: int, queued: None, client: Client
) -> None:
    """One region's saved answer costs a few milliseconds: no background, no notice."""
    snapshots.current_figures(seeded)
    _computed_a_minute_later()
    CycleScore.objects.filter(cycle__region_id="32.73").delete()
    text = _nadia(client).get("/nasional/").content.decode()
    assert PREPARING not in text
    assert UPDATING not in text
    assert "Jawa Barat" in text
    assert CycleScore.objects.filter(cycle__region_id="32.73").exists()
    assert not _waiting()
