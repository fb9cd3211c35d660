"""Background work survives a worker restart: Sari's Profil Anak import is running in a real
`layak run-worker` process when the process is killed (-9) with every row written but not yet
committed. Nothing of it stays in the database; recovery queues it again and a new worker
completes it, or, once the retries are used up, the job says it was interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.profil import services
from layak.profil.models import ProfilCell, ProfilDataset, ProfilImport
from layak.regions.models import Region
from layak.worker.models import WorkerHeartbeat
from layak.worker.recovery import WORKER_LOST, beat, recover

# The demo world is not here: transactional tests empty the tables, so each brings its own.
pytestmark = pytest.mark.django_db(transaction=True)

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
YEAR = 2024
HEADER = "nik,jenis_kelamin,tanggal_lahir,kode_wilayah,akta_kelahiran,kia,disabilitas\n"
ROWS = [
    f"31720101010800{n:02d},{'LP'[n % 2]},201{n % 10}-05-01,18.72.01.100{1 + n % 2},Y,T,\n"
    for n in range(1, 41)
]


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def place(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """Kota Metro with two kelurahan, its secretary Sari, the database queue, and files in a
    data folder the worker processes share with this test."""
    for code, name, level, parent in [
        ("18", "Lampung", 1, None),
        ("18.72", "Kota Metro", 2, "18"),
        ("18.72.01", "Metro Pusat", 3, "18.72"),
        ("18.72.01.1001", "Metro", 4, "18.72.01"),
        ("18.72.01.1002", "Imopuro", 4, "18.72.01"),
    ]:
        Region.objects.create(code=code, name=name, level=level, parent_id=parent)
    sari = User.objects.create(username="sari", role=Role.SECRETARIAT, region_id="18.72")
    data = tmp_path / "data"
    (data / "files").mkdir(parents=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "DJANGO_", "LAYAK_", "SECRET_KEY"))
    }
    env.update(
        DATABASE_URL=database_url(),
        LAYAK_DATA_DIR=str(data),
        LAYAK_WORKER_HEARTBEAT="1",
        LAYAK_WORKER_TIMEOUT="10",
    )
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": data / "files"},
        },
    }
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(STORAGES=storages, TASKS=queue):
        yield {"sari": sari, "region": Region.objects.get(code="18.72"), "env": env, "data": data}


def start_import(place: dict[str, Any]) -> ProfilImport:
    upload = SimpleUploadedFile("ekstrak.csv", (HEADER + "".join(ROWS)).encode())
    return services.start_web_import(
        user=place["sari"], region=place["region"], year=YEAR, upload=upload
    )


def kill_mid_import(place: dict[str, Any], tmp_path: Path) -> None:
    """Run the import in a worker that hangs before its commit, and kill -9 that worker."""
    marker = tmp_path / "in-transaction"
    worker = subprocess.Popen(
        [sys.executable, str(HERE / "deploy_slow_worker.py"), str(marker), "doomed-worker"],
        env=place["env"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
            assert time.monotonic() < deadline, "the worker never reached the import's commit"
            time.sleep(0.1)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        if worker.stderr:
            worker.stderr.close()


def nothing_saved() -> bool:
    return not ProfilDataset.objects.exists() and not ProfilCell.objects.exists()


def uploads(place: dict[str, Any]) -> list[Path]:
    return [p for p in (place["data"] / "files").rglob("*") if p.is_file()]


def after_the_timeout() -> Any:
    return timezone.now() + timedelta(seconds=settings.LAYAK_WORKER_TIMEOUT + 1)


def test_an_import_whose_worker_was_killed_is_retried_and_completes(
    place: dict[str, Any], tmp_path: Path
) -> None:
    job = start_import(place)
    kill_mid_import(place, tmp_path)

    lost = DBTaskResult.objects.get()
    assert lost.status == "RUNNING"  # as django-tasks-db leaves it: for ever, without recovery
    assert ProfilImport.objects.get(pk=job.pk).status == "running"
    assert nothing_saved()  # the killed transaction took its rows with it

    assert recover().retried == []  # within the timeout the worker may still be alive
    done = recover(after_the_timeout())
    assert done.retried == [str(lost.pk)]
    lost.refresh_from_db()
    assert (lost.status, lost.exception_class_path) == ("FAILED", WORKER_LOST)
    job.refresh_from_db()
    assert (job.status, job.progress) == ("queued", 0)
    assert uploads(place), "the upload is kept for the retry"

    worker = subprocess.run(
        [str(BIN / "layak"), "run-worker", "--batch", "--no-startup-delay"],
        env=place["env"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    job.refresh_from_db()
    assert job.status == "done", job.message
    assert job.dataset is not None
    assert job.dataset.children == 40
    assert ProfilDataset.objects.count() == 1
    assert uploads(place) == []
    assert WorkerHeartbeat.objects.filter(worker_id="doomed-worker").exists()


@override_settings(LAYAK_TASK_RETRIES=0)
def test_with_no_retries_left_the_job_says_it_was_interrupted(
    place: dict[str, Any], tmp_path: Path
) -> None:
    job = start_import(place)
    kill_mid_import(place, tmp_path)

    done = recover(after_the_timeout())

    assert len(done.reported) == 1
    assert done.retried == []
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.outcome("id") == [
        "impor terputus karena proses latar belakang berhenti di tengah jalan; tidak ada yang "
        "disimpan. Unggah berkasnya lagi"
    ]
    assert job.stored_name == ""
    assert uploads(place) == []  # the extract holds NIKs: it goes with the job
    assert nothing_saved()
    assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()


def test_a_task_whose_worker_still_beats_is_left_alone(place: dict[str, Any]) -> None:
    job = start_import(place)
    task = DBTaskResult.objects.get()
    beat("busy-worker", starting=True)
    task.claim("busy-worker")
    later = after_the_timeout()
    beat("busy-worker", now=later)

    assert len(recover(later)) == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"
    assert ProfilImport.objects.get(pk=job.pk).status == "queued"


def test_a_worker_restarted_under_the_same_id_gives_up_its_predecessors_task(
    place: dict[str, Any],
) -> None:
    start_import(place)
    task = DBTaskResult.objects.get()
    task.claim("host-a-worker")
    beat("host-a-worker", starting=True)  # the unit restarted it with the same --worker-id

    done = recover()  # no need to wait for the timeout

    assert done.retried == [str(task.pk)]
