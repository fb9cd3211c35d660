"""`layak backup` and `layak restore`: the database, every file of the default storage and a
manifest of row counts, sizes and SHA-256 hashes (docs/operations.md).

A restore goes only into an empty place, checks every hash before it writes anything, and checks
row counts and file hashes again once it has written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.utils import timezone

from layak.ops import database
from layak.ops.errors import OpsRefused

FORMAT = "layak-backup/1"
MANIFEST = "manifest.json"
FILES = "files"
CHUNK = 1024 * 1024
MAX_LISTED = 20


def _hash_stream(stream: Any, copy_to: Any = None) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return size, digest.hexdigest()


def hash_file(path: Path) -> tuple[int, str]:
    with path.open("rb") as stream:
        return _hash_stream(stream)


def storage_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every stored file's name, walking the storage's folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from storage_names(storage, f"{folder}/{sub}" if folder else sub)


def safe_name(name: object) -> bool:
    """A relative path with no way out of the folder it is restored into."""
    if not isinstance(name, str) or not name or "\\" in name:
        return False
    if any(ord(c) < 32 for c in name):
        return False
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "." not in path.parts


def _is_empty_folder(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def create(target: Path) -> dict[str, Any]:
    """Write a backup into `target` (new or empty); on failure leave the folder empty again."""
    if not _is_empty_folder(target):
        raise OpsRefused(
            f"folder {target} tidak kosong: pilih folder baru atau kosong untuk cadangan",
            f"folder {target} is not empty: choose a new or empty folder for the backup",
        )
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        return _write(target)
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise


def _write(target: Path) -> dict[str, Any]:
    started = timezone.now()
    dump_name, counts, server = database.dump(target)
    size, sha = hash_file(target / dump_name)
    files = []
    for name in storage_names(default_storage):
        if not safe_name(name):
            raise OpsRefused(
                f"nama berkas tersimpan tidak aman: {name!r}", f"unsafe stored file name: {name!r}"
            )
        out = target / FILES / name
        out.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, out.open("wb") as copy:
            file_size, file_sha = _hash_stream(source, copy)
        files.append({"name": name, "size": file_size, "sha256": file_sha})
    manifest = {
        "format": FORMAT,
        "layak_version": version("layak"),
        "created_at": started.isoformat(),
        "finished_at": timezone.now().isoformat(),
        "database": {
            "vendor": database.vendor(),
            "server_version": server,
            "file": dump_name,
            "size": size,
            "sha256": sha,
            "tables": counts,
        },
        "files": files,
    }
    partial = target / f"{MANIFEST}.part"
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    partial.rename(target / MANIFEST)  # the manifest appears last and whole
    return manifest


# Restore -----------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OpsRefused(
            f"{path} tidak ada: ini bukan cadangan Layak yang utuh",
            f"{path} is missing: this is not a complete Layak backup",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OpsRefused(
            f"{path} tidak terbaca ({exc}): cadangan rusak", f"{path} unreadable ({exc}): damaged"
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise OpsRefused(f"{path}: format bukan {FORMAT}", f"{path}: the format is not {FORMAT}")
    return manifest


def _entry_problem(folder: Path, entry: Any, label: str) -> str | None:
    if not isinstance(entry, dict) or not safe_name(entry.get("name", entry.get("file"))):
        return f"{label}: entri manifest tidak sah"
    path = folder / str(entry.get("name", entry.get("file")))
    if not path.is_file():
        return f"{label}: berkas hilang"
    size, sha = hash_file(path)
    if size != entry.get("size"):
        return f"{label}: ukuran {size} bukan {entry.get('size')}"
    if sha != entry.get("sha256"):
        return f"{label}: hash SHA-256 tidak cocok"
    return None


def verify(source: Path, manifest: dict[str, Any]) -> None:
    """Every hash of the backup against its manifest, and no file the manifest does not list."""
    problems = []
    db = manifest.get("database")
    problem = _entry_problem(source, db, "basis data")
    if problem:
        problems.append(problem)
    tables = db.get("tables") if isinstance(db, dict) else None
    if not isinstance(tables, dict) or not all(
        isinstance(k, str) and isinstance(v, int) for k, v in tables.items()
    ):
        problems.append("basis data: jumlah baris per tabel di manifest tidak sah")
    entries = manifest.get("files")
    if not isinstance(entries, list):
        entries, problems = [], [*problems, "daftar berkas di manifest tidak sah"]
    listed = set()
    for entry in entries:
        name = entry.get("name") if isinstance(entry, dict) else None
        listed.add(name)
        problem = _entry_problem(source / FILES, entry, f"berkas {name!r}")
        if problem:
            problems.append(problem)
    files_root = source / FILES
    if files_root.exists():
        for path in sorted(files_root.rglob("*")):
            name = path.relative_to(files_root).as_posix()
            if path.is_file() and name not in listed:
                problems.append(f"berkas {name!r}: tidak tercantum di manifest")
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:MAX_LISTED])
        more = len(problems) - MAX_LISTED
        tail = f"\n- ... dan {more} masalah lain" if more > 0 else ""
        raise OpsRefused(
            f"cadangan {source} rusak atau diubah; tidak ada yang dipulihkan:\n{shown}{tail}",
            f"backup {source} is damaged or altered; nothing was restored:\n{shown}{tail}",
        )


def _check_empty_target(manifest: dict[str, Any]) -> None:
    wanted = manifest["database"].get("vendor")
    if wanted != database.vendor():
        raise OpsRefused(
            f"cadangan ini dari {wanted}, sedangkan basis data tujuan {database.vendor()}",
            f"this backup is from {wanted}, the target database is {database.vendor()}",
        )
    tables = database.tables()
    if tables:
        raise OpsRefused(
            f"basis data tujuan tidak kosong ({len(tables)} tabel): pulihkan hanya ke basis data "
            "baru yang kosong (LAYAK_DATA_DIR baru untuk SQLite, atau basis data PostgreSQL baru)",
            f"the target database is not empty ({len(tables)} tables): restore only into a new, "
            "empty database (a new LAYAK_DATA_DIR for SQLite, or a new PostgreSQL database)",
        )
    first = next(storage_names(default_storage), None)
    if first is not None:
        raise OpsRefused(
            f"penyimpanan berkas tujuan tidak kosong (mis. {first}): pulihkan hanya ke folder "
            "berkas yang kosong",
            f"the target file storage is not empty (e.g. {first}): restore only into an empty one",
        )


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int
    bytes: int


def restore(source: Path) -> Restored:
    manifest = read_manifest(source)
    verify(source, manifest)
    _check_empty_target(manifest)
    db = manifest["database"]
    database.load(source / db["file"])
    for entry in manifest["files"]:
        with (source / FILES / entry["name"]).open("rb") as stream:
            saved = default_storage.save(entry["name"], File(stream))
        if saved != entry["name"]:
            raise OpsRefused(
                f"penyimpanan menyimpan {entry['name']} sebagai {saved}",
                f"the storage kept {entry['name']} as {saved}",
            )
    _check_restored(manifest)
    return Restored(
        tables=len(db["tables"]),
        rows=sum(db["tables"].values()),
        files=len(manifest["files"]),
        bytes=sum(e["size"] for e in manifest["files"]),
    )


def _check_restored(manifest: dict[str, Any]) -> None:
    problems = []
    now = database.counts()
    for table, rows in manifest["database"]["tables"].items():
        if now.get(table) != rows:
            problems.append(f"tabel {table}: {now.get(table)} baris, cadangan {rows}")
    for entry in manifest["files"]:
        with default_storage.open(entry["name"], "rb") as stream:
            size, sha = _hash_stream(stream)
        if (size, sha) != (entry["size"], entry["sha256"]):
            problems.append(f"berkas {entry['name']}: isi setelah dipulihkan berbeda")
    if problems:
        shown = "\n".join(f"- {p}" for p in problems[:MAX_LISTED])
        raise OpsRefused(
            f"pemeriksaan setelah pemulihan gagal:\n{shown}",
            f"the check after restoring failed:\n{shown}",
        )
