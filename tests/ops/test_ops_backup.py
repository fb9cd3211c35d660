"""T9: `layak backup` and `layak restore` on the demo world (database and evidence files), run as
the real script against the test database; the copy goes into an empty place and must give the
same rows and file hashes, and the app must work on it. Damaged or altered backups, and places
that are not empty, are refused with nothing written."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

# Run inside the copy: `layak check` and `layak migrate --check`, its row counts, then Sari signs
# in, opens her home page and downloads one evidence file through the app's own access rules.
PROBE = """
import hashlib, json, os, django
from django.conf import settings
# The test session hashed the demo password with its fast hasher.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
django.setup()
from django.core.management import call_command
call_command("check", fail_level="ERROR")
call_command("migrate", check_unapplied=True, verbosity=0)
from django.db import connection
from django.test import Client
from layak.evidence.models import EvidenceFile
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute("SELECT COUNT(*) FROM " + connection.ops.quote_name(table))
        counts[table] = cursor.fetchone()[0]
client = Client()
login = client.post("/masuk/", {"username": "sari", "password": os.environ["PROBE_PASSWORD"]})
home = client.get("/", follow=True)
evidence = EvidenceFile.objects.present().order_by("pk").first()
download = client.get(f"/bukti/{evidence.pk}/")
body = b"".join(download.streaming_content)
print(json.dumps({
    "counts": counts,
    "login": login.status_code,
    "signed_in": "_auth_user_id" in client.session,
    "home": home.status_code,
    "download": download.status_code,
    "download_sha256": hashlib.sha256(body).hexdigest(),
    "evidence_sha256": evidence.sha256,
}))
"""


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _live_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture(scope="module")
def backup(source: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("backup") / "cadangan-2026"
    done = source.run("backup", "--ke", folder, "--json")
    assert done.returncode == 0, done.stderr
    return folder


def _manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_restore_into_an_empty_place_gives_the_same_data_and_the_app_works(
    world: Any, source: Any, backup: Path, empty_place: Callable[[], Any]
) -> None:
    from django.db import connection

    manifest = _manifest(backup)
    live = _live_counts()
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["tables"] == live
    assert live["evidence_evidencefile"] > 0
    assert live["audit_auditevent"] > 0
    source_files = _hashes(source.files)
    assert len(source_files) > 10
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == source_files

    copy = empty_place()
    restored = copy.run("restore", backup, "--json")
    assert restored.returncode == 0, restored.stderr
    summary = json.loads(restored.stdout)
    assert summary["files"] == len(source_files)
    assert summary["rows"] == sum(live.values())
    assert _hashes(copy.files) == source_files

    probe = copy.python(PROBE, PROBE_PASSWORD=world.password, ALLOWED_HOSTS="testserver")
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    assert seen["counts"] == live
    assert seen["login"] == 302
    assert seen["signed_in"]
    assert seen["home"] == 200
    assert seen["download"] == 200
    assert seen["download_sha256"] == seen["evidence_sha256"]


def _altered_file(folder: Path) -> str:
    name = _manifest(folder)["files"][0]["name"]
    path = folder / "files" / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return name


def _altered_dump(folder: Path) -> str:
    dump = folder / _manifest(folder)["database"]["file"]
    with dump.open("ab") as stream:
        stream.write(b"\0")
    return "basis data"


def _extra_file(folder: Path) -> str:
    (folder / "files" / "evidence").mkdir(parents=True, exist_ok=True)
    (folder / "files" / "evidence" / "sisipan.pdf").write_bytes(b"%PDF-1.4 sisipan")
    return "evidence/sisipan.pdf"


def _missing_file(folder: Path) -> str:
    name = _manifest(folder)["files"][-1]["name"]
    (folder / "files" / name).unlink()
    return name


def test_a_damaged_or_altered_backup_is_refused_naming_every_problem_before_writing(
    backup: Path, tmp_path: Path, empty_place: Callable[[], Any]
) -> None:
    damaged = tmp_path / "rusak"
    shutil.copytree(backup, damaged)
    named = [damage(damaged) for damage in (_altered_file, _altered_dump, _extra_file)]
    named.append(_missing_file(damaged))
    target = empty_place()

    refused = target.run("restore", damaged)

    assert refused.returncode == 2
    assert "rusak atau diubah; tidak ada yang dipulihkan" in refused.stderr
    for name in named:
        assert name in refused.stderr
    assert "hash SHA-256 tidak cocok" in refused.stderr
    assert "tidak tercantum di manifest" in refused.stderr
    assert "berkas hilang" in refused.stderr
    assert not target.files.exists()
    assert target.tables() == []


def test_a_replaced_manifest_is_refused_when_its_printed_hash_is_given(
    backup: Path, tmp_path: Path, empty_place: Callable[[], Any]
) -> None:
    printed = hashlib.sha256((backup / "manifest.json").read_bytes()).hexdigest()
    forged = tmp_path / "dipalsukan"
    shutil.copytree(backup, forged)
    name = _altered_file(forged)
    manifest = _manifest(forged)
    entry = next(f for f in manifest["files"] if f["name"] == name)
    entry["sha256"] = hashlib.sha256((forged / "files" / name).read_bytes()).hexdigest()
    (forged / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    target = empty_place()

    refused = target.run("restore", forged, "--sha256-manifest", printed)

    assert refused.returncode == 2
    assert "manifest diganti" in refused.stderr
    assert not target.files.exists()
    assert target.tables() == []


def test_restore_refuses_a_database_or_file_folder_that_is_not_empty(
    source: Any, backup: Path, empty_place: Callable[[], Any]
) -> None:
    into_live = source.run("restore", backup)
    assert into_live.returncode == 2
    assert "basis data tujuan tidak kosong" in into_live.stderr

    target = empty_place()
    (target.files / "evidence").mkdir(parents=True)
    (target.files / "evidence" / "lama.pdf").write_bytes(b"%PDF-1.4 lama")
    into_files = target.run("restore", backup)
    assert into_files.returncode == 2
    assert "penyimpanan berkas tujuan tidak kosong (mis. evidence/lama.pdf)" in into_files.stderr
    assert _hashes(target.files) == {
        "evidence/lama.pdf": hashlib.sha256(b"%PDF-1.4 lama").hexdigest()
    }


def test_backup_refuses_a_folder_that_is_not_empty(layak: Any, tmp_path: Path) -> None:
    folder = tmp_path / "terisi"
    folder.mkdir()
    (folder / "catatan.txt").write_text("milik orang lain", encoding="utf-8")

    refused = layak("backup", "--ke", folder)

    assert refused.code == 2
    assert "tidak kosong" in refused.err
    assert [p.name for p in folder.iterdir()] == ["catatan.txt"]
