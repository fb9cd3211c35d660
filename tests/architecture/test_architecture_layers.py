"""The layer contract of docs/architecture.md holds, and an import against it fails lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(src: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(REPO / "pyproject.toml")],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def copy_sources(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "src" / "layak",
        src / "layak",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates", "*.csv*"),
    )
    return src


def test_the_code_keeps_the_layers(tmp_path: Path) -> None:
    done = lint_imports(copy_sources(tmp_path), tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "line", "refusal"),
    [
        # The core never imports Django apps.
        (
            "core/scoring.py",
            "from layak.evaluation import models",
            "layak.core is not allowed to import layak.evaluation",
        ),
        # A domain app never imports a layer above it.
        (
            "gugus/services.py",
            "from layak.api import schemas",
            "layak.gugus is not allowed to import layak.api",
        ),
        # Domain apps on one layer stay independent of each other.
        (
            "mitra/services.py",
            "from layak.forum import models",
            "layak.mitra is not allowed to import layak.forum",
        ),
    ],
)
def test_an_import_against_the_layers_fails_lint(
    tmp_path: Path, module: str, line: str, refusal: str
) -> None:
    src = copy_sources(tmp_path)
    target = src / "layak" / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    done = lint_imports(src, tmp_path)
    assert done.returncode != 0
    assert refusal in done.stdout
