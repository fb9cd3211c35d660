"""The layer contract of docs/architecture.md holds, and an import against it fails lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def test_the_core_importing_a_django_app_fails_lint(tmp_path: Path) -> None:
    src = copy_sources(tmp_path)
    scoring = src / "layak" / "core" / "scoring.py"
    scoring.write_text(scoring.read_text() + "\nfrom layak.evaluation import models  # noqa\n")
    done = lint_imports(src, tmp_path)
    assert done.returncode != 0
    assert "layak.core is not allowed to import layak.evaluation" in done.stdout
    assert "layak.core.scoring -> layak.evaluation.models" in done.stdout


def test_a_domain_app_importing_the_api_fails_lint(tmp_path: Path) -> None:
    src = copy_sources(tmp_path)
    services = src / "layak" / "gugus" / "services.py"
    services.write_text(services.read_text() + "\nfrom layak.api import schemas  # noqa\n")
    done = lint_imports(src, tmp_path)
    assert done.returncode != 0
    assert "layak.gugus is not allowed to import layak.api" in done.stdout


def test_two_domain_apps_on_one_layer_stay_independent(tmp_path: Path) -> None:
    src = copy_sources(tmp_path)
    services = src / "layak" / "mitra" / "services.py"
    services.write_text(services.read_text() + "\nfrom layak.forum import models  # noqa\n")
    done = lint_imports(src, tmp_path)
    assert done.returncode != 0
    assert "layak.mitra is not allowed to import layak.forum" in done.stdout
