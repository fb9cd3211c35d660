"""Credentials on the web (issue 14, finding 4): guessable passwords refused in Indonesian and
English, a password someone else chose changed before anything else, the old-password check
counted like a log-in, lockout per account across addresses, and a session's absolute lifetime.
The log-in form itself, the idle timeout and the per-address lockout: test_web_login.py."""

from __future__ import annotations

import getpass
import io
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from axes.utils import reset as reset_axes
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from layak.accounts.middleware import SIGNED_IN_AT
from layak.accounts.models import User
from layak.api.models import ApiToken
from layak.api.tokens import create_token
from layak.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/masuk/"
OFFICE = "127.0.0.1"  # the test client's REMOTE_ADDR
STRONG = "hujan-sore-di-Yosomulyo-72"


@pytest.fixture(autouse=True)
def no_failed_attempts(world: Any) -> Iterator[None]:
    reset_axes()
    yield
    reset_axes()


def sign_in(client: Client, username: str, password: str, address: str = OFFICE) -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def dashboard(client: Client, world: Any) -> Any:
    return client.get(reverse("evaluation:dashboard", args=[world.cycle_id]))


def change_password(client: Client, old: str, new: str = STRONG) -> Any:
    data = {"old_password": old, "new_password1": new, "new_password2": new}
    return client.post(reverse("accounts:password"), data)


# Guessable passwords (zxcvbn with Indonesian words and the person's own).


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",  # the finding
        "rahasiaindonesia",
        "bismillah123456",
        "sayangku12345",
        "Pancasila1945",
        "kotametrolayak",
        "kotametro1945",
        "Merdeka1945!",
        "layaklayaklayak",
        "qwertyuiop12",
    ],
)
def test_guessable_passwords_are_refused(password: str, users: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, users["budi"])
    assert "password_too_guessable" in [e.code for e in refused.value.error_list]


@pytest.mark.parametrize("password", [STRONG, "kopi tubruk pagi hari", "langit-biru-di-Metro-2031"])
def test_passphrases_of_unrelated_words_are_accepted(password: str, users: dict[str, Any]) -> None:
    assert validate_password(password, users["budi"]) is None


def test_the_refusal_says_what_to_do_in_both_languages(users: dict[str, Any]) -> None:
    messages = {}
    for language in ("id", "en"):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            validate_password("aaaaaaaaaaaa", users["budi"])
        (text,) = [e.messages[0] for e in refused.value.error_list if e.code.endswith("guessable")]
        messages[language] = text
    assert messages["id"].startswith("Kata sandi ini terlalu mudah ditebak.")
    assert "kalimat sandi" in messages["id"]
    assert messages["en"].startswith("This password is too easy to guess.")
    assert "passphrase" in messages["en"]


def test_the_password_page_refuses_a_guessable_password(world: Any, client: Client) -> None:
    assert sign_in(client, "budi", world.password).status_code == 302
    refused = change_password(client, world.password, "aaaaaaaaaaaa")
    assert refused.status_code == 400
    assert "terlalu mudah ditebak" in refused.content.decode()
    assert User.objects.get(username="budi").check_password(world.password)


# A password someone else chose.


def test_an_account_from_add_user_must_change_its_password_first(
    world: Any, client: Client, layak: Callable[..., Any]
) -> None:
    made = layak(
        "add-user", "ani", "--peran", "opd", "--wilayah", "18.72", "--opd", "Dinsos", "--nama",
        "Ani Rahma",
    )  # fmt: skip
    assert made.code == 0, made.err
    initial = made.out.split("Kata sandi awal: ")[1].split(" ")[0]
    assert User.objects.get(username="ani").must_change_password

    assert sign_in(client, "ani", initial).status_code == 302
    password_page = reverse("accounts:password")
    cycle_pages = [
        reverse("home"),
        reverse("evaluation:dashboard", args=[world.cycle_id]),
        reverse("apitoken:list"),
        reverse("profil:index"),
    ]
    for url in cycle_pages:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, password_page), url
    save = reverse("evaluation:save_answer", args=[world.cycle_id, "12.2"])
    assert client.post(save, {"value": "ya", "action": "draf"})["Location"] == password_page
    page = client.get(password_page)
    assert page.status_code == 200
    assert "Kata sandi Anda dipilih orang lain" in page.content.decode()

    assert change_password(client, initial).status_code == 302
    ani = User.objects.get(username="ani")
    assert not ani.must_change_password
    assert dashboard(client, world).status_code == 200


def test_an_administrators_reset_must_be_changed_and_revokes_tokens(
    world: Any, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`layak changepassword budi` (Django's own command) is the administrator's reset."""
    _token, text = create_token(User.objects.get(username="budi"), "dasbor")
    chosen = "tetapan-admin-Sukarame-481"
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": chosen)
    call_command("changepassword", "budi", stdout=io.StringIO())
    budi = User.objects.get(username="budi")
    assert budi.check_password(chosen)
    assert budi.must_change_password
    assert not ApiToken.objects.filter(user=budi, revoked_at__isnull=True).exists()
    assert Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {text}").status_code == 401

    assert sign_in(client, "budi", chosen).status_code == 302
    assert dashboard(client, world)["Location"] == reverse("accounts:password")


def test_the_demo_accounts_share_their_password_without_being_forced(users: dict[str, Any]) -> None:
    assert [u for u in users.values() if u.must_change_password] == []


# The old password on the password page, counted like a log-in.


def test_wrong_old_passwords_lock_the_account_like_failed_log_ins(
    world: Any, client: Client
) -> None:
    assert sign_in(client, "budi", world.password).status_code == 302
    for attempt in range(4):
        wrong = change_password(client, f"tebakan-lama-{attempt}")
        assert wrong.status_code == 400
    fifth = change_password(client, "tebakan-lama-4")
    assert fifth.status_code == 429
    assert "Terlalu banyak percobaan" in fifth.content.decode()
    # Locked: even the right old password is not checked now.
    assert change_password(client, world.password).status_code == 429
    assert User.objects.get(username="budi").check_password(world.password)

    failures = AuditEvent.objects.filter(action="auth.password_check_failed")
    assert failures.count() == 5
    assert {(e.actor_name, e.after["purpose"], e.ip) for e in failures} == {
        ("budi", "password_change", OFFICE)
    }
    assert AuditEvent.objects.filter(action="auth.lockout", actor_name="budi").count() == 2
    # The log-in form from the same address is locked for budi too, not for his colleague.
    assert sign_in(Client(), "budi", world.password).status_code == 429
    assert sign_in(Client(), "dewi", world.password).status_code == 302
    everything = repr(list(AuditEvent.objects.values())) + repr(
        list(AccessAttempt.objects.values())
    )
    assert "tebakan-lama" not in everything
    assert world.password not in everything


# Lockout per account, across addresses.


def test_guesses_from_rotating_addresses_lock_the_account(world: Any) -> None:
    limit = settings.LAYAK_ACCOUNT_FAILURE_LIMIT
    assert limit == 20
    for n in range(limit - 1):
        address = f"10.9.{n // 200}.{n % 200 + 1}"
        assert sign_in(Client(), "budi", f"tebakan-{n}", address).status_code == 200
    # Nineteen guesses, each address below its own limit: budi still signs in from home.
    home = Client()
    assert sign_in(home, "budi", world.password, "10.20.30.40").status_code == 302
    home.post(reverse("logout"))

    assert sign_in(Client(), "budi", "tebakan-terakhir", "10.9.9.9").status_code == 429
    # Twenty: the account is locked from every address, with the right password too.
    assert sign_in(Client(), "budi", world.password, "10.20.30.40").status_code == 429
    assert sign_in(Client(), "budi", world.password, "172.16.0.5").status_code == 429
    # Other accounts, also at those addresses, are not.
    assert sign_in(Client(), "dewi", world.password, "10.9.0.1").status_code == 302
    lockout = AuditEvent.objects.filter(action="auth.lockout", actor_name="budi").first()
    assert lockout is not None
    assert lockout.after == {"failure_limit": 20, "across_addresses": True, "cooloff_minutes": 15}

    # Fifteen minutes after the last guess the lock lifts.
    AccessAttempt.objects.filter(username="budi").update(
        attempt_time=timezone.now() - timedelta(minutes=16)
    )
    assert sign_in(Client(), "budi", world.password, "10.20.30.40").status_code == 302


# The session's absolute lifetime.


def _started_hours_ago(client: Client, hours: float) -> None:
    session = client.session
    session[SIGNED_IN_AT] = int(session[SIGNED_IN_AT] - hours * 3600)
    session.save()


def test_a_session_ends_twelve_hours_after_log_in_however_busy(world: Any, client: Client) -> None:
    assert settings.LAYAK_SESSION_HOURS == 12
    assert sign_in(client, "sari", world.password).status_code == 302
    key = client.session.session_key
    _started_hours_ago(client, 11.9)
    assert dashboard(client, world).status_code == 200  # busy all along: the idle clock is fresh

    _started_hours_ago(client, 0.2)  # now 12.1 hours since log-in
    response = dashboard(client, world)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{LOGIN}?next=")
    assert not Session.objects.filter(session_key=key).exists()
    assert dashboard(client, world).status_code == 302
    assert AuditEvent.objects.filter(action="auth.logout", actor_name="sari").count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Sesi Anda berakhir setelah 12 jam" in page


@override_settings(LAYAK_SESSION_HOURS=1)
def test_the_lifetime_is_a_setting_and_counts_for_any_kind_of_sign_in(
    world: Any, client: Client, users: dict[str, Any]
) -> None:
    client.force_login(users["budi"])  # no log-in form: the lifetime counts from the first page
    assert dashboard(client, world).status_code == 200
    _started_hours_ago(client, 1)
    assert dashboard(client, world).status_code == 302
