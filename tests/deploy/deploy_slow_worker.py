"""A `layak run-worker` whose Profil Anak import stops inside its transaction, after every row
is written and before the commit, so a test can kill it there (run as a script by
test_deploy_worker_recovery.py)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def main(marker: Path, worker_id: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from layak.profil import services

    original = services.record

    def record_then_hang(action: str, **kwargs: Any) -> Any:
        event = original(action, **kwargs)
        if action == "profil.import":
            marker.write_text("rows written, not committed", encoding="utf-8")
            time.sleep(600)
        return event

    services.record = record_then_hang  # type: ignore[assignment]
    call_command("run-worker", "--no-startup-delay", "--interval", "0.1", "--worker-id", worker_id)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
