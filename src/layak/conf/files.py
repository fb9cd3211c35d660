"""Folders and files Layak creates for itself, readable by their owner only.

The data folder holds the SQLite database, evidence files, the generated secret key and the
demo password: nobody but the account that runs Layak should read them, whatever the process's
umask. The modes are given at creation (an existing folder or file keeps the mode its operator
chose). SQLite gives its -wal and -shm files the mode of the database file.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> None:
    """Create `path` and any missing parents with mode 0700."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)  # the umask can only narrow it


def private_file(path: Path, text: str = "") -> bool:
    """Create `path` with mode 0600 holding `text`, unless it exists; True when created. The
    mode is set as the file is opened, so it is never readable by others, not even briefly."""
    private_folder(path.parent)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return True
