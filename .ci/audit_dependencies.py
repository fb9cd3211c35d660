"""Known vulnerabilities in the locked dependencies (T11, docs/security.md).

Exports uv.lock to pinned requirements (every group) and asks pip-audit about exactly those
pins: no resolution, nothing installed. A known vulnerability fails the build. When PyPI's
vulnerability service cannot be reached, or answers for none of the packages, nothing was
checked: that prints a clear warning and does not fail, since CI machines may have no network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Vulnerabilities accepted on purpose: id -> reason (also listed in docs/security.md).
ACCEPTED: dict[str, str] = {}


def verdict(returncode: int, report: dict[str, Any] | None, stderr: str) -> tuple[int, str]:
    """(exit status, message) for one pip-audit run with `--format json`."""
    if report is None:
        reason = stderr.strip().splitlines()[-1] if stderr.strip() else f"exit {returncode}"
        return 0, f"WARNING: pip-audit could not run, dependencies NOT audited: {reason}"
    found, skipped, audited = [], [], 0
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(dependency["name"])
            continue
        audited += 1
        for vuln in dependency.get("vulns", []):
            if vuln["id"] not in ACCEPTED:
                fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
                found.append(
                    f"{dependency['name']} {dependency['version']}: {vuln['id']} ({fixes})"
                )
    if found:
        return 1, "Known vulnerabilities in the locked dependencies:\n  " + "\n  ".join(found)
    if audited == 0:
        return 0, (
            f"WARNING: the PyPI vulnerability service answered for none of the {len(skipped)} "
            "locked packages (no network?): dependencies NOT audited"
        )
    message = f"pip-audit: no known vulnerabilities in {audited} locked packages"
    if skipped:
        message += f"; WARNING: {len(skipped)} not audited: {', '.join(sorted(skipped))}"
    return 0, message


def main() -> int:
    uv = os.environ.get("UV", str(ROOT / ".tools" / "bin" / "uv"))
    pip_audit = os.environ.get("PIP_AUDIT", str(Path(sys.executable).parent / "pip-audit"))
    with tempfile.TemporaryDirectory() as folder:
        requirements, output = Path(folder) / "requirements.txt", Path(folder) / "audit.json"
        export = [uv, "export", "--frozen", "--no-hashes", "--no-emit-project", "--all-groups"]
        export += ["--format", "requirements-txt", "--quiet", "-o", str(requirements)]
        subprocess.run(export, cwd=ROOT, check=True)  # noqa: S603 - our own tools and arguments
        command = [pip_audit, "-r", str(requirements), "--no-deps", "--disable-pip"]
        command += ["--progress-spinner", "off", "--timeout", "15", "-f", "json", "-o", str(output)]
        for vuln_id in ACCEPTED:
            command += ["--ignore-vuln", vuln_id]
        try:
            done = subprocess.run(  # noqa: S603 - our own tools and arguments
                command, capture_output=True, text=True, timeout=600, check=False
            )
            returncode, stderr = done.returncode, done.stderr
        except subprocess.TimeoutExpired:
            returncode, stderr = -1, "pip-audit took longer than 10 minutes"
        try:
            report = json.loads(output.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            report = None
    status, message = verdict(returncode, report, stderr)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
