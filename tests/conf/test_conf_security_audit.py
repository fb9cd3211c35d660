"""T11: the dependency audit (.ci/audit_dependencies.py, run by `make security`) fails the build
on a known vulnerability and only warns when the vulnerability service cannot be reached."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit_dependencies.py"


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DJANGO_VULN = {
    "name": "django",
    "version": "5.2.0",
    "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["5.2.1"], "description": "…"}],
}
CLEAN = {"name": "openpyxl", "version": "3.1.5", "vulns": []}
NOT_FOUND = {"name": "duckdb", "skip_reason": "Dependency not found on PyPI and could not be..."}


def test_a_known_vulnerability_fails_the_build(audit: ModuleType) -> None:
    status, message = audit.verdict(1, {"dependencies": [CLEAN, DJANGO_VULN]}, "")
    assert status == 1
    assert "django 5.2.0: PYSEC-2099-1 (5.2.1)" in message


def test_an_unreachable_service_warns_without_failing(audit: ModuleType) -> None:
    status, message = audit.verdict(1, None, "ConnectionError: pypi.org unreachable\n")
    assert status == 0
    assert message.startswith("WARNING")
    assert "NOT audited" in message
    assert "pypi.org unreachable" in message
    # A service that answers for no package at all (a blocking proxy) audited nothing either.
    status, message = audit.verdict(0, {"dependencies": [NOT_FOUND, NOT_FOUND]}, "")
    assert (status, message.startswith("WARNING")) == (0, True)


def test_a_clean_audit_names_what_it_could_not_check(audit: ModuleType) -> None:
    status, message = audit.verdict(0, {"dependencies": [CLEAN, NOT_FOUND]}, "")
    assert status == 0
    assert message == (
        "pip-audit: no known vulnerabilities in 1 locked packages; WARNING: 1 not audited: duckdb"
    )


def test_the_script_audits_the_exported_lock_file(tmp_path: Path) -> None:
    """End to end with a stand-in pip-audit: it is given uv.lock's pins and its JSON is read."""
    fake = tmp_path / "pip-audit"
    seen = tmp_path / "requirements-seen.txt"
    report = json.dumps({"dependencies": [DJANGO_VULN]})
    fake.write_text(
        "#!/usr/bin/env python3\nimport shutil, sys\nargs = sys.argv[1:]\n"
        f"shutil.copy(args[args.index('-r') + 1], {str(seen)!r})\n"
        f"open(args[args.index('-o') + 1], 'w').write({report!r})\nsys.exit(1)\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        env={**os.environ, "PIP_AUDIT": str(fake)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PYSEC-2099-1" in done.stderr
    pins = seen.read_text(encoding="utf-8")
    assert "\ndjango==" in pins
    assert "\npip-audit==" in pins
    assert "\nlocust==" in pins
