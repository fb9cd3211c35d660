"""The fixtures that bring the demo's people into a test (a pytest plugin, registered by
`pytest_plugins` in tests/conftest.py, so every folder has the same ones).

- `users["budi"]`: the demo's accounts by username (every one of `people.USERNAMES`).
- `login("budi")`: the test client signed in as budi; `login("anon")` signs it out.
- `empty_registries`: the demo's registries removed inside the test's transaction.
- `quick_pdf`: PDFs are "rendered" without WeasyPrint's layout or Typst's typesetting (for tests
  of who gets what).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.test import Client

from layak.accounts.middleware import SEEN_AT, SIGNED_IN_AT
from layak.accounts.models import User
from tests.support.people import ANONYMOUS, USERNAMES


@pytest.fixture
def users(world: Any) -> dict[str, User]:
    """`users["budi"]`: every demo account of tests/support/people.py, by username."""
    return {u.username: u for u in User.objects.filter(username__in=USERNAMES)}


def _valid_session(session_key: str, user: User) -> Any:
    """The session, if it still exists and still belongs to `user` as Django would accept it
    (a view may have ended it, or a password change invalidated it); None otherwise."""
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    data = session.load()
    if data.get(SESSION_KEY) != str(user.pk):
        return None
    current = User.objects.get(pk=user.pk)
    return session if data.get(HASH_SESSION_KEY) == current.get_session_auth_hash() else None


@pytest.fixture(scope="session")
def signed_in_sessions(demo_world: Any, django_db_blocker: Any) -> dict[str, str]:
    """A session for each demo person, made once per test process outside any test's
    transaction, so that it outlives every rolled-back test: `login` takes it up instead of
    signing in again (a log-in, with its audit event, lockout reset and last-log-in write,
    costs ≈ 8 ms, and the suite switches person about 4,000 times). The session holds what
    Django's log-in puts in it; nothing else is written (no audit event, no `last_login`), so
    a test that counts log-ins counts only its own."""
    backend = next(
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user")
    )
    engine = import_module(settings.SESSION_ENGINE)
    keys = {}
    with django_db_blocker.unblock():
        for user in User.objects.filter(username__in=USERNAMES):
            session = engine.SessionStore()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = backend
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys[user.username] = session.session_key
    return keys


def _resume(session_key: str, user: User) -> bool:
    """Take up `user`'s session as of now, if it still holds. As the log-in form does, its
    lifetime and idle clock start now (the test's clock, which may be frozen), so the first
    page is not the one that saves them (and its query count is every page's)."""
    session = _valid_session(session_key, user)
    if session is None:
        return False
    session[SIGNED_IN_AT] = session[SEEN_AT] = int(time.time())
    session.save()
    return True


@pytest.fixture
def login(
    client: Client, users: dict[str, User], signed_in_sessions: dict[str, str]
) -> Callable[[str], Client]:
    """`login("budi")` signs the test client in as budi (`login("anon")` signs out).

    Each person's session is taken up once per test and then their cookie is swapped back in
    when the test switches to them, as a browser profile per person would. The session was
    made once per test process (`signed_in_sessions`); where it no longer holds (a flushed
    database, an ended session, a changed password) the person signs in again."""
    sessions: dict[str, str] = {}
    cookie = settings.SESSION_COOKIE_NAME

    def sign_in(username: str) -> Client:
        client.cookies.clear()  # as a log-out does: no session, language or CSRF cookie
        if username == ANONYMOUS:
            return client
        user = users[username]
        known = sessions.get(username)
        if known is not None and _valid_session(known, user) is not None:
            client.cookies[cookie] = known
            return client
        prepared = signed_in_sessions.get(username)
        if known is None and prepared is not None and _resume(prepared, user):
            client.cookies[cookie] = sessions[username] = prepared
            return client
        client.force_login(user)
        session = client.session
        session[SIGNED_IN_AT] = session[SEEN_AT] = int(time.time())
        session.save()
        sessions[username] = client.cookies[cookie].value
        return client

    return sign_in


QUICK_PDF = b"%PDF-1.7\n% access matrix\n%%EOF\n"


def _quick_layout(html: str) -> bytes:
    """WeasyPrint's layout without the layout: for tests that check who gets which answer, not
    the document (the reports' and Profil Anak's own tests render real PDFs). The template is
    still rendered, so a template error still fails."""
    return QUICK_PDF


def _quick_typeset(template: Path, data: Mapping[str, Any]) -> bytes:
    """Typst's typesetting without the typesetting, as `_quick_layout`: the data is still
    written as the template would read it (JSON), so a value it cannot carry still fails."""
    assert template.is_file()
    json.dumps(data)
    return QUICK_PDF


@pytest.fixture
def quick_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("layak.web.pdf.layout", _quick_layout)
    monkeypatch.setattr("layak.web.typeset.typeset", _quick_typeset)


@pytest.fixture
def empty_registries(world: Any) -> int:
    """An empty register: the demo's registries (layak.demo.registries) removed inside the
    test's rolled-back transaction, so a test's figures are its own. Returns the last audit
    row's id, so that a story counts its own events, not the demo's."""
    from layak.audit.models import AuditEvent
    from layak.registries.models import (
        AgencyStaff,
        Designation,
        Institution,
        Participant,
        TrainingEvent,
    )

    for model in (Participant, TrainingEvent, AgencyStaff, Designation, Institution):
        model.objects.all().delete()
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
