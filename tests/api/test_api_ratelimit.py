"""The rate limit holds across app processes: another process (its own database connection
and Python memory) spends part of a token's minute, and this process then gets only the rest;
a counter in process memory would give each process the whole limit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings

from layak.api import security
from layak.api.security import count_request

RATE = 6
MINUTE = 29_000_000  # pinned in both processes, so the test cannot straddle two minutes

# The other process of the app: five requests with the token, their status codes printed.
WORKER = f"""
import json, os
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.test import Client
from layak.api import security
security.current_minute = lambda: {MINUTE}
headers = {{"Authorization": "Bearer " + os.environ["TOKEN"]}}
print(json.dumps([Client().get("/api/v1/instruments", headers=headers).status_code
                  for _ in range(5)]))
"""


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def committed_token(transactional_db: None) -> str:
    """A token committed to the test database, so the other process sees it. Its owner is
    created here: transactional tests run after the others and the flush before them may have
    emptied the demo world; their own flush removes these rows afterwards."""
    from layak.accounts.models import User
    from layak.accounts.roles import Role
    from layak.api.models import ApiToken
    from layak.api.tokens import digest_of

    text = "lyk_" + "p" * 43
    owner = User.objects.create_user(username="dua_proses", password=None, role=Role.ADMIN)
    ApiToken.objects.create(user=owner, name="dua proses", prefix=text[:12], digest=digest_of(text))
    return text


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_limit(
    committed_token: str,
    tmp_path: Path,
    django_db_blocker: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "LAYAK_API_RATE": str(RATE),
        "LAYAK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "layak.settings",
        "TOKEN": committed_token,
    }
    other = subprocess.run(
        [sys.executable, "-c", WORKER],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(other.stdout.strip().splitlines()[-1]) == [200] * 5
    monkeypatch.setattr(security, "current_minute", lambda: MINUTE)
    headers = {"Authorization": f"Bearer {committed_token}"}
    with django_db_blocker.unblock(), override_settings(LAYAK_API_RATE=RATE):
        here = [Client().get("/api/v1/instruments", headers=headers) for _ in range(3)]
    assert [r.status_code for r in here] == [200, 429, 429]
    assert 1 <= int(here[1]["Retry-After"]) <= 60


@pytest.mark.django_db
def test_the_counter_counts_per_token_and_per_minute(users: dict[str, Any]) -> None:
    from layak.api.models import RateCount
    from layak.api.tokens import create_token

    first, second = (create_token(users["budi"], name)[0] for name in ("a", "b"))
    assert [count_request(first.pk, 100) for _ in range(3)] == [1, 2, 3]
    assert count_request(second.pk, 100) == 1  # another token: its own count
    assert count_request(first.pk, 101) == 1  # a new minute starts again
    # The minute before last is deleted when a new minute begins.
    count_request(first.pk, 103)
    assert set(RateCount.objects.filter(token=first).values_list("minute", flat=True)) == {103}
