"""Imports from the web run as background tasks (ImmediateBackend in tests): the job's status,
progress and result, its upload deleted whatever happens, who may start one, and the throttle on
progress writes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.profil import jobs, services
from layak.profil.models import ProfilDataset, ProfilImport
from tests.profil.profil_import_support import YEAR

pytestmark = pytest.mark.django_db


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/csv")


def uploads_left(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and "profil-anak" in str(p)]


def test_tests_run_tasks_at_once() -> None:
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    assert isinstance(task_backends["default"], ImmediateBackend)


def test_a_web_import_runs_to_the_end_and_its_upload_is_deleted(
    metro: Any,
    person: Callable[[str], Any],
    clean_extract: Path,
    isolated_file_storage: Path,
) -> None:
    job = services.start_web_import(
        user=person("sari"), region=metro, year=YEAR, upload=upload(clean_extract)
    )
    assert job.status == "done"
    assert job.progress == 100
    assert job.task_id
    assert job.stored_name == ""
    assert job.started_at is not None
    assert job.finished_at is not None
    assert job.dataset is not None
    assert job.dataset.is_current
    assert job.result is not None
    assert {k: job.result[k] for k in ("rows_read", "children", "saved", "source")} == {
        "rows_read": 5,
        "children": 4,
        "saved": True,
        "source": "microdata",
    }
    assert job.outcome() == []
    assert job.size == clean_extract.stat().st_size
    assert uploads_left(isolated_file_storage) == []
    upload_event = AuditEvent.objects.get(action="profil.upload", object_id=str(job.pk))
    assert upload_event.after is not None
    assert upload_event.after["sha256"] == job.sha256
    assert AuditEvent.objects.filter(action="profil.import", object_id=str(job.dataset.pk)).exists()


def test_a_dry_run_job_reports_and_saves_nothing(
    metro: Any, person: Callable[[str], Any], aggregate_table: Path
) -> None:
    before = ProfilDataset.objects.count()
    job = services.start_web_import(
        user=person("admin"), region=metro, year=YEAR, upload=upload(aggregate_table), dry_run=True
    )
    assert job.status == "done"
    assert job.result is not None
    assert (job.result["saved"], job.result["dry_run"], job.result["children"]) == (False, True, 60)
    assert job.dataset is None
    assert ProfilDataset.objects.count() == before


def test_rows_that_break_rules_refuse_the_job_with_the_report(
    metro: Any, person: Callable[[str], Any], dirty_extract: Path, isolated_file_storage: Path
) -> None:
    job = services.start_web_import(
        user=person("sari"), region=metro, year=YEAR, upload=upload(dirty_extract)
    )
    assert job.status == "refused"
    assert job.result is not None
    assert job.result["rows_rejected"] == 4
    assert job.result["rejected_rows"][0] == {"row": 7, "rule": "sex_unknown", "first_row": None}
    assert job.outcome("id") == [
        "impor ditolak: 4 dari 9 baris melanggar aturan; tidak ada yang disimpan"
    ]
    assert job.outcome("en") == ["import refused: 4 of 9 rows break a rule; nothing was saved"]
    assert job.message.startswith("impor ditolak")
    assert uploads_left(isolated_file_storage) == []
    skipped = services.start_web_import(
        user=person("sari"),
        region=metro,
        year=YEAR,
        upload=upload(dirty_extract),
        skip_invalid=True,
    )
    assert skipped.status == "done"
    assert skipped.dataset is not None


def test_a_file_of_another_layout_is_refused_with_its_problems(
    metro: Any, person: Callable[[str], Any], write_csv: Callable[..., Path]
) -> None:
    other = write_csv([("Metro Pusat", "412")], header=["kecamatan", "bayi"])
    job = services.start_web_import(
        user=person("sari"), region=metro, year=YEAR, upload=upload(other)
    )
    assert job.status == "refused"
    assert job.problems()[0].message.key == "profil.unknown_layout"
    assert "the columns are not recognised" in job.outcome("en")[0]


def test_a_crash_fails_the_job_deletes_the_upload_and_logs_no_detail(
    metro: Any,
    person: Callable[[str], Any],
    clean_extract: Path,
    isolated_file_storage: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def crash(**kwargs: object) -> None:
        raise RuntimeError("line 3: 3172010101080002,L,2020-05-01")

    monkeypatch.setattr(services, "import_file", crash)
    with caplog.at_level(logging.ERROR):
        job = services.start_web_import(
            user=person("sari"), region=metro, year=YEAR, upload=upload(clean_extract)
        )
    assert job.status == "failed"
    assert job.outcome("en") == [
        "the import failed on a system error; nothing was saved. Try again or ask the administrator"
    ]
    assert "RuntimeError" in caplog.text
    assert "3172010101080002" not in caplog.text
    assert uploads_left(isolated_file_storage) == []


def test_only_the_regions_secretariat_or_an_administrator_may_import(
    metro: Any, person: Callable[[str], Any], aggregate_table: Path
) -> None:
    for username in ("budi", "dewi", "kartika", "oki", "vina", "nadia", "mitra", "forumanak"):
        with pytest.raises(PermissionDenied):
            services.start_web_import(
                user=person(username), region=metro, year=YEAR, upload=upload(aggregate_table)
            )
    assert not ProfilImport.objects.exists()


@override_settings(LAYAK_PROFIL_UPLOAD_MB=1)
def test_empty_and_too_large_uploads_are_refused_before_anything_is_stored(
    metro: Any, person: Callable[[str], Any], isolated_file_storage: Path
) -> None:
    sari = person("sari")
    empty = SimpleUploadedFile("kosong.csv", b"")
    with pytest.raises(InputError) as refused:
        services.start_web_import(user=sari, region=metro, year=YEAR, upload=empty)
    assert refused.value.problems[0].message.key == "file.empty"
    big = SimpleUploadedFile("besar.csv", b"x" * (1024 * 1024 + 1))
    with pytest.raises(InputError) as refused:
        services.start_web_import(user=sari, region=metro, year=YEAR, upload=big)
    assert refused.value.problems[0].message.key == "file.too_large"
    assert not ProfilImport.objects.exists()
    assert uploads_left(isolated_file_storage) == []


def test_a_finished_job_is_not_run_again(
    metro: Any, person: Callable[[str], Any], aggregate_table: Path
) -> None:
    job = services.start_web_import(
        user=person("sari"), region=metro, year=YEAR, upload=upload(aggregate_table)
    )
    datasets = ProfilDataset.objects.count()
    assert services.run_import_job(str(job.pk)) == "done"
    assert ProfilDataset.objects.count() == datasets


def test_jobs_whose_worker_vanished_fail_and_lose_their_upload(
    metro: Any, person: Callable[[str], Any], isolated_file_storage: Path
) -> None:
    stored = default_storage.save("impor/profil-anak/lost.upload", SimpleUploadedFile("x", b"nik"))
    lost = ProfilImport.objects.create(
        requested_by=person("sari"),
        region=metro,
        year=YEAR,
        original_name="x.csv",
        stored_name=stored,
        status="running",
    )
    ProfilImport.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=7))
    fresh = ProfilImport.objects.create(
        requested_by=person("sari"), region=metro, year=YEAR, original_name="y.csv"
    )
    assert jobs.purge_stale_jobs() == 1
    lost.refresh_from_db()
    assert (lost.status, lost.stored_name) == ("failed", "")
    assert ProfilImport.objects.get(pk=fresh.pk).status == "queued"
    assert uploads_left(isolated_file_storage) == []


def test_progress_is_written_at_most_every_second_and_two_points(
    metro: Any, person: Callable[[str], Any]
) -> None:
    job = ProfilImport.objects.create(
        requested_by=person("sari"), region=metro, year=YEAR, original_name="x.csv"
    )
    now = [0.0]
    writer = jobs.ProgressWriter(job.pk, clock=lambda: now[0])
    for step in range(1, 1001):  # a thousand callbacks over ten seconds
        now[0] = step / 100
        writer(step / 1000)
    assert 5 <= writer.writes <= 10
    assert ProfilImport.objects.get(pk=job.pk).progress == writer.percent
    quick = jobs.ProgressWriter(job.pk, clock=lambda: 0.5)
    quick(0.9)  # within the first second: nothing written
    assert quick.writes == 0
