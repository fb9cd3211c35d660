"""T10: the real log-in form, lockout per username and address, log-out, deactivation, the
idle timeout, and weak passwords."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from layak.accounts.middleware import SEEN_AT, SEEN_EVERY
from layak.accounts.models import User
from layak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/masuk/"
OFFICE = "127.0.0.1"  # the test client's REMOTE_ADDR
HOME_OFFICE = "10.20.30.40"


@pytest.fixture(autouse=True)
def no_failed_attempts(world: Any) -> Iterator[None]:
    reset_axes()
    yield
    reset_axes()


def sign_in(client: Client, username: str, password: str, address: str = OFFICE) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client: Client, world: Any) -> bool:
    response = client.get(reverse("evaluation:dashboard", args=[world.cycle_id]))
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_login_form_signs_in_and_is_audited(world: Any, client: Client) -> None:
    page = client.get(LOGIN)
    assert page.status_code == 200
    assert 'name="password" type="password"' in page.content.decode()
    response = sign_in(client, "budi", world.password)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in(client, world)
    event = AuditEvent.objects.get(action="auth.login")
    assert (event.actor_name, event.role, event.ip) == ("budi", "opd", OFFICE)


def test_login_never_redirects_to_another_site(world: Any, client: Client) -> None:
    response = client.post(
        LOGIN,
        {"username": "sari", "password": world.password, "next": "https://contoh.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_is_audited_without_the_password(world: Any, client: Client) -> None:
    wrong = "salah-Sandi-93817"
    response = sign_in(client, "budi", wrong)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not signed_in(client, world)
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert (event.actor_name, event.actor_id, event.ip) == ("budi", None, OFFICE)
    assert sign_in(client, "budi", world.password).status_code == 302
    everything = repr(list(AuditEvent.objects.values()))
    assert wrong not in everything
    assert world.password not in everything


def test_five_failures_lock_that_username_from_that_address_only(
    world: Any, client: Client
) -> None:
    for attempt in range(5):
        response = sign_in(client, "budi", f"tebakan-{attempt}")
        assert response.status_code in (200, 429)
    attempt = AccessAttempt.objects.get(username="budi", ip_address=OFFICE)
    assert attempt.failures_since_start == 5

    # The sixth attempt, with the right password, meets the lockout page and signs no one in.
    locked = sign_in(client, "budi", world.password)
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert locked["X-Frame-Options"] == "DENY"
    assert not signed_in(client, world)
    assert not AuditEvent.objects.filter(action="auth.login").exists()
    # T8: the attempt that reached the limit and the one refused while locked are each audited.
    lockouts = AuditEvent.objects.filter(action="auth.lockout").order_by("id")
    assert [(e.actor_name, e.ip, e.after) for e in lockouts] == [
        ("budi", OFFICE, {"failure_limit": 5, "across_addresses": False, "cooloff_minutes": 15})
    ] * 2
    assert world.password not in repr(list(AuditEvent.objects.values()))

    # The same person from home, and a colleague in the same office, still get in.
    from_home = Client()
    assert sign_in(from_home, "budi", world.password, HOME_OFFICE).status_code == 302
    assert signed_in(from_home, world)
    colleague = Client()
    assert sign_in(colleague, "dewi", world.password).status_code == 302
    assert signed_in(colleague, world)

    # Neither success lifted the lock on budi from the office.
    assert sign_in(Client(), "budi", world.password).status_code == 429


def test_the_lock_lifts_after_fifteen_minutes(world: Any, client: Client) -> None:
    for attempt in range(5):
        sign_in(client, "budi", f"tebakan-{attempt}")
    attempts = AccessAttempt.objects.filter(username="budi", ip_address=OFFICE)
    attempts.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert sign_in(client, "budi", world.password).status_code == 429
    attempts.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "budi", world.password).status_code == 302
    assert signed_in(client, world)


def test_logout_is_post_only_and_ends_the_session(world: Any, client: Client) -> None:
    assert sign_in(client, "sari", world.password).status_code == 302
    key = client.session.session_key
    assert client.get(reverse("logout")).status_code == 405
    assert signed_in(client, world)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not Session.objects.filter(session_key=key).exists()
    assert not signed_in(client, world)
    assert AuditEvent.objects.filter(action="auth.logout", actor_name="sari").count() == 1


def test_deactivated_user_loses_access_at_once(world: Any, client: Client) -> None:
    assert sign_in(client, "budi", world.password).status_code == 302
    assert signed_in(client, world)
    User.objects.filter(username="budi").update(is_active=False)
    response = client.get(reverse("evaluation:dashboard", args=[world.cycle_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    # Nor can they sign in again.
    again = sign_in(Client(), "budi", world.password)
    assert again.status_code == 200
    assert "sessionid" not in again.cookies


def test_session_ends_after_the_idle_timeout(world: Any, client: Client) -> None:
    idle_minutes = int(os.environ.get("LAYAK_IDLE_MINUTES", "30"))
    assert idle_minutes * 60 == settings.SESSION_COOKIE_AGE
    assert sign_in(client, "sari", world.password).status_code == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    key = client.session.session_key

    # Within a minute of the last save, a request writes nothing (a page is no write on SQLite).
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(client, world)
    assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]

    # A request a minute or more later moves the end on: one minute left becomes the whole
    # timeout again. (The minute is passed by dating the last save back, not by waiting.)
    session = client.session
    session[SEEN_AT] = session[SEEN_AT] - SEEN_EVERY
    session.save()
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert signed_in(client, world)
    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE - 60) < left
    assert left <= timedelta(seconds=settings.SESSION_COOKIE_AGE)

    # Past the end, the next request finds no session.
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert not signed_in(client, world)


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ab3$xyz", "password_too_short"),
        ("qwerty123456", "password_too_common"),
        ("734982617325", "password_entirely_numeric"),
        ("budisantoso77", "password_too_similar"),
    ],
)
def test_weak_passwords_are_refused(password: str, code: str, users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, users["budi"])
    assert code in [e.code for e in refused.value.error_list]


def test_a_strong_password_is_accepted(users: dict[str, Any]) -> None:
    assert validate_password("hujan-sore-di-Yosomulyo-72", users["budi"]) is None


def test_an_old_session_cookie_is_worthless_after_logout(world: Any, client: Client) -> None:
    assert sign_in(client, "sari", world.password).status_code == 302
    cookie = client.cookies["sessionid"].value
    assert client.post(reverse("logout")).status_code == 302
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert not signed_in(replay, world)


def test_a_password_change_ends_the_other_sessions_of_the_account(
    world: Any, users: dict[str, Any]
) -> None:
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        assert sign_in(device, "budi", world.password).status_code == 302
    new = "hujan-sore-di-Yosomulyo-72"
    changed = laptop.post(
        reverse("accounts:password"),
        {"old_password": world.password, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    assert signed_in(laptop, world)
    assert not signed_in(phone, world)
    assert sign_in(Client(), "budi", world.password).status_code == 200
    assert sign_in(Client(), "budi", new).status_code == 302
    event = AuditEvent.objects.get(action="auth.password_change")
    assert (event.actor_name, event.after) == ("budi", {"changed": True})


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("", "qwerty123456", "id_new_password2", "Kata sandi ini terlalu umum."),
        (
            "",
            "Ab3$xyz",
            "id_new_password2",
            "Kata sandi terlalu pendek. Harus mengandung setidaknya 12 karakter.",
        ),
        ("salah-lama-123", "hujan-sore-di-Yosomulyo-72", "id_old_password", "salah"),
    ],
)
def test_the_password_page_refuses_weak_or_unproven_changes(
    world: Any, client: Client, users: dict[str, Any], old: str, new: str, field: str, message: str
) -> None:
    assert sign_in(client, "budi", world.password).status_code == 302
    refused = client.post(
        reverse("accounts:password"),
        {"old_password": old or world.password, "new_password1": new, "new_password2": new},
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert f'id="{field}-salah" role="alert">' in page
    assert message in page.split(f'id="{field}-salah"', 1)[1].split("</span>", 1)[0]
    budi = User.objects.get(username="budi")
    assert budi.check_password(world.password)
    assert not AuditEvent.objects.filter(action="auth.password_change").exists()


def test_passwords_are_kept_with_argon2id_and_an_older_hash_is_upgraded_at_log_in(
    users: dict[str, Any], client: Client
) -> None:
    """The production hashers (the suite itself hashes with MD5 for speed): a new password is
    an Argon2id hash; Budi's PBKDF2 hash from before still signs him in, and is replaced by an
    Argon2id one as he does."""
    from django.contrib.auth.hashers import check_password, make_password
    from django.test import override_settings

    from layak import settings as production

    password = "hujan-sore-di-Yosomulyo-72"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password(password).startswith("argon2$argon2id$")
        budi = users["budi"]
        budi.password = make_password(password, hasher="pbkdf2_sha256")
        budi.save(update_fields=["password"])
        assert sign_in(client, "budi", password).status_code == 302
        budi.refresh_from_db()
        assert budi.password.startswith("argon2$argon2id$")
        assert check_password(password, budi.password)
