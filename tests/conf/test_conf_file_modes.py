"""The data folder and everything Layak creates in it are readable by their owner only
(issue 14, finding 5: the SQLite file was created readable by everyone), whatever the umask."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

# Run in a fresh process with the common umask 022, a data folder that does not exist yet, and
# an open SQLite connection in WAL mode, so that the -wal and -shm files exist when looked at.
SCRIPT = """
import json, os, stat
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from layak.demo.accounts import demo_password

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE coba (x INTEGER)")
    cursor.execute("INSERT INTO coba VALUES (1)")
stored = default_storage.save("bukti/2026/laporan.pdf", ContentFile(b"%PDF-1.7 isi"))
demo_password()
data = settings.DATA_DIR
paths = {
    "data": data,
    "database": data / "layak.sqlite3",
    "wal": data / "layak.sqlite3-wal",
    "shm": data / "layak.sqlite3-shm",
    "secret_key": data / "secret_key",
    "static": data / "static",
    "files": data / "files",
    "evidence_folder": data / "files" / "bukti" / "2026",
    "evidence": data / "files" / stored,
    "demo_password": data / "demo-password.txt",
}
print(json.dumps({k: oct(stat.S_IMODE(os.stat(p).st_mode)) for k, p in paths.items()}))
"""


def modes(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update({"LAYAK_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "layak.settings"})
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=lambda: os.umask(0o022),  # only the child process
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_data_folder_and_its_files_are_the_owners_alone(tmp_path: Path) -> None:
    found = modes(tmp_path / "layak" / "data")
    folders = {"data", "static", "files", "evidence_folder"}
    assert {k: v for k, v in found.items() if k in folders} == dict.fromkeys(folders, "0o700")
    assert {k: v for k, v in found.items() if k not in folders} == {
        k: "0o600" for k in found if k not in folders
    }
    # The parent made for it is private too; the folder above that was there already.
    assert stat.S_IMODE((tmp_path / "layak").stat().st_mode) == 0o700


def test_an_existing_data_folder_keeps_the_mode_its_operator_chose(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o750)
    found = modes(data)
    assert found["data"] == "0o750"
    assert found["database"] == "0o600"
    assert found["wal"] == "0o600"
