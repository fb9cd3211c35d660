"""Fault: the database drops the app's connections (a PostgreSQL restart or fail-over). The
app server keeps its connection between requests (CONN_MAX_AGE); with CONN_HEALTH_CHECKS it
notices the dead one at the next request and opens a new one, so the user sees no error."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.deploy.test_deploy_gunicorn import free_port, get
from tests.deploy.test_deploy_worker_recovery import database_url

pytestmark = pytest.mark.django_db(transaction=True)

BIN = Path(sys.executable).parent
# Only the app server's connections are dropped, found by the name it gives PostgreSQL.
APP_NAME = "layak-fault-test"
CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def terminate_other_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [APP_NAME],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def test_the_next_request_after_the_database_dropped_the_connection_succeeds(
    tmp_path: Path,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("connections are dropped by PostgreSQL (DATABASE_URL=postgres://...)")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "DJANGO_", "LAYAK_", "SECRET_KEY"))
    }
    env.update(
        DATABASE_URL=f"{database_url()}?application_name={APP_NAME}",
        LAYAK_DATA_DIR=str(tmp_path),
        LAYAK_WEB_WORKERS="1",
    )
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(CONFIG), "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, body = get(port, "/publik/")  # reads the regions served
                break
            except OSError:
                assert server.poll() is None
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert status == 200, body[:300]

        assert terminate_other_connections() >= 1  # the worker's kept connection is gone

        for _ in range(3):
            status, _, body = get(port, "/publik/")
            assert status == 200, body[:300]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
