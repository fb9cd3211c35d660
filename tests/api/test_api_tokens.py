"""Personal API tokens: only a hash is kept, revoked, expired or unknown tokens get 401, a
password change revokes them, the owner's page creates (shown once, after a recent password)
and revokes, and `layak token` does the same for administrators."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from axes.utils import reset as reset_axes
from django.template.defaultfilters import date as date_filter
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from layak.accounts.confirm import CONFIRMED_AT
from layak.api.models import ApiToken
from layak.api.tokens import create_token, revoke_token
from layak.audit.models import AuditEvent
from tests.api.apisupport import error_of

CYCLES = "/api/v1/cycles"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.django_db
def test_only_the_hash_of_a_token_is_kept(users: dict[str, Any]) -> None:
    token, text = create_token(users["budi"], "dasbor dinkes")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(text.encode()).hexdigest()
    assert text not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert text.startswith(stored.prefix)
    assert AuditEvent.objects.filter(action="api_token.create", object_id=str(token.pk)).exists()


@pytest.mark.django_db
def test_budi_reads_with_his_token_and_not_after_revoking_it(
    client: Client, users: dict[str, Any]
) -> None:
    token, text = create_token(users["budi"], "uji")
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    revoke_token(token, actor=users["budi"])
    response = client.get(CYCLES, headers=bearer(text))
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer lyk_tidak-ada", "Bearer bukan-token", "Basic YnVkaTp4", "lyk_x"],
)
def test_no_or_unknown_token_is_401(client: Client, world: Any, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = client.get(CYCLES, headers=headers)
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"


@pytest.mark.django_db
def test_a_signed_in_session_is_not_an_api_credential(
    client: Client, users: dict[str, Any]
) -> None:
    client.force_login(users["sari"])
    assert client.get(CYCLES).status_code == 401


@pytest.mark.django_db
def test_a_deactivated_owner_loses_access_at_once(client: Client, users: dict[str, Any]) -> None:
    _token, text = create_token(users["dewi"], "uji")
    users["dewi"].is_active = False
    users["dewi"].save()
    assert client.get(CYCLES, headers=bearer(text)).status_code == 401


@pytest.mark.django_db
def test_sari_creates_a_token_shown_once_and_revokes_it(
    client: Client, users: dict[str, Any], world: Any
) -> None:
    client.force_login(users["sari"])
    page = reverse("apitoken:list")
    created = client.post(page, {"name": "dasbor provinsi", "password": world.password})
    assert created.status_code == 200
    text = created.context["created"]
    assert text.startswith("lyk_")
    assert text in created.content.decode()
    assert text not in client.get(page).content.decode()  # shown once
    token = ApiToken.objects.get(user=users["sari"])
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200
    assert client.post(reverse("apitoken:revoke", args=[token.pk])).status_code == 302
    assert client.get(CYCLES, headers=bearer(text)).status_code == 401
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=users["sari"]).count() == 1


@pytest.mark.django_db
def test_a_token_needs_a_name(client: Client, users: dict[str, Any]) -> None:
    client.force_login(users["sari"])
    assert client.post(reverse("apitoken:list"), {"name": " "}).status_code == 400
    assert not ApiToken.objects.filter(user=users["sari"]).exists()


@pytest.mark.django_db
def test_nobody_revokes_someone_elses_token(client: Client, users: dict[str, Any]) -> None:
    token, text = create_token(users["budi"], "uji")
    client.force_login(users["dewi"])
    assert client.post(reverse("apitoken:revoke", args=[token.pk])).status_code == 404
    client.logout()
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200


@pytest.mark.django_db
def test_the_token_command_creates_lists_and_revokes(
    layak: Callable[..., Any], client: Client, world: Any
) -> None:
    made = layak("token", "create", "vina", "--nama", "rekap provinsi")
    assert made.code == 0, made.err
    text = made.out.strip().splitlines()[-1]
    until = timezone.localtime(ApiToken.objects.get(user__username="vina").expires_at)
    assert f"berlaku sampai {until:%Y-%m-%d %H:%M}" in made.out
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200
    listed = layak("token", "list", "--pengguna", "vina", "--json")
    (row,) = json.loads(listed.out)
    assert row["name"] == "rekap provinsi"
    assert row["revoked_at"] is None
    assert row["state"] == "aktif"
    assert row["expires_at"] == ApiToken.objects.get(pk=row["id"]).expires_at.isoformat()
    assert text not in listed.out
    assert layak("token", "revoke", row["prefix"]).code == 0
    assert client.get(CYCLES, headers=bearer(text)).status_code == 401
    assert layak("token", "revoke", str(row["id"])).code == 0  # already revoked: says so
    assert layak("token", "create", "tidak-ada", "--nama", "x").code == 2
    assert layak("token", "revoke", "lyk_tidakada").code == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "linked"),
    [
        ("sari", True),
        ("budi", True),
        ("oki", True),
        ("vina", True),
        ("mitra", False),
        ("forumanak", False),
    ],
)
def test_the_user_menu_links_the_token_page_for_people_who_may_use_the_api(
    client: Any, users: dict[str, Any], username: str, linked: bool
) -> None:
    client.force_login(users[username])
    page = client.get("/", follow=True).content.decode()
    assert ('href="/token-api/"' in page) is linked


# Expiry (issue 14, finding 4).


@pytest.fixture
def no_failed_attempts(world: Any) -> Iterator[None]:
    reset_axes()
    yield
    reset_axes()


@pytest.mark.django_db
def test_a_token_expires_after_ninety_days_and_then_answers_401(
    client: Client, users: dict[str, Any]
) -> None:
    token, text = create_token(users["budi"], "dasbor dinkes")
    assert token.expires_at - token.created_at == timedelta(days=90)
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(CYCLES, headers={**bearer(text), "Accept-Language": "en"})
    assert response.status_code == 401
    error = error_of(response)
    assert error["code"] == "unauthorized"
    assert "expired" in error["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
@override_settings(LAYAK_API_TOKEN_DAYS=7)
def test_the_lifetime_is_a_setting(users: dict[str, Any]) -> None:
    token, _text = create_token(users["budi"], "uji")
    assert token.expires_at - token.created_at == timedelta(days=7)
    event = AuditEvent.objects.get(action="api_token.create", object_id=str(token.pk))
    assert event.after["expires_at"] == token.expires_at.isoformat()


@pytest.mark.django_db
def test_the_token_page_and_the_command_show_when_a_token_expires(
    client: Client, users: dict[str, Any], layak: Callable[..., Any]
) -> None:
    live, _ = create_token(users["sari"], "dasbor provinsi")
    old, _ = create_token(users["sari"], "skrip lama")
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(users["sari"])
    page = client.get(reverse("apitoken:list")).content.decode()
    assert "Berlaku sampai" in page
    with translation.override("id"):
        assert date_filter(timezone.localtime(live.expires_at), "j M Y H:i") in page
    assert "kedaluwarsa" in page
    assert "Token baru berlaku 90 hari" in page
    # Only the live token can be revoked from the page.
    assert reverse("apitoken:revoke", args=[live.pk]) in page
    assert reverse("apitoken:revoke", args=[old.pk]) not in page

    listed = layak("token", "list", "--pengguna", "sari")
    lines = {line.split()[0]: line for line in listed.out.splitlines()}
    assert "kedaluwarsa" in lines[str(old.pk)]
    assert "aktif" in lines[str(live.pk)]
    assert f"s.d. {timezone.localtime(live.expires_at):%Y-%m-%d}" in lines[str(live.pk)]


# Revoked by a password change.


@pytest.mark.django_db
def test_changing_ones_password_revokes_every_token(
    client: Client, users: dict[str, Any], world: Any, no_failed_attempts: None
) -> None:
    texts = [create_token(users["budi"], name)[1] for name in ("dasbor", "skrip")]
    other = create_token(users["dewi"], "dasbor")[1]
    assert (
        client.post("/masuk/", {"username": "budi", "password": world.password}).status_code == 302
    )
    new = "hujan-sore-di-Yosomulyo-72"
    changed = client.post(
        reverse("accounts:password"),
        {"old_password": world.password, "new_password1": new, "new_password2": new},
    )
    assert changed.status_code == 302
    for text in texts:
        assert Client().get(CYCLES, headers=bearer(text)).status_code == 401
    assert Client().get(CYCLES, headers=bearer(other)).status_code == 200
    revoked = AuditEvent.objects.filter(action="api_token.revoke")
    assert revoked.count() == 2
    assert {e.after["reason"] for e in revoked} == {"password_change"}


@pytest.mark.django_db
def test_any_way_of_setting_a_password_revokes_the_tokens(
    client: Client, users: dict[str, Any]
) -> None:
    _token, text = create_token(users["rina"], "uji")
    rina = users["rina"]
    rina.set_password("tetapan-baru-Iringmulyo-93")
    rina.save()
    assert client.get(CYCLES, headers=bearer(text)).status_code == 401
    # A token made after the change works.
    assert client.get(CYCLES, headers=bearer(create_token(rina, "baru")[1])).status_code == 200


@pytest.mark.django_db
def test_a_rehash_at_log_in_is_no_password_change(users: dict[str, Any], world: Any) -> None:
    _token, text = create_token(users["nadia"], "uji")
    nadia = users["nadia"]
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
            "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
    ):
        assert nadia.check_password(world.password)  # upgrades the stored hash
    assert nadia.password.startswith("pbkdf2_")
    assert not nadia.must_change_password
    assert Client().get(CYCLES, headers=bearer(text)).status_code == 200


# Creating a token needs a recent password.


def _confirmed_minutes_ago(client: Client, minutes: int) -> None:
    session = client.session
    session[CONFIRMED_AT] = int(timezone.now().timestamp()) - minutes * 60
    session.save()


@pytest.mark.django_db
def test_the_token_page_asks_for_the_password_when_the_last_proof_is_old(
    client: Client, users: dict[str, Any], world: Any, no_failed_attempts: None
) -> None:
    page = reverse("apitoken:list")
    client.force_login(users["sari"])  # no password typed in this session
    assert 'name="password"' in client.get(page).content.decode()

    missing = client.post(page, {"name": "dasbor"})
    assert missing.status_code == 400
    assert "Ketik kata sandi Anda" in missing.content.decode()
    wrong = client.post(page, {"name": "dasbor", "password": "tebakan-Sari-1"})
    assert wrong.status_code == 400
    assert "Kata sandi salah" in wrong.content.decode()
    assert not ApiToken.objects.filter(user=users["sari"]).exists()
    failed = AuditEvent.objects.get(action="auth.password_check_failed")
    assert (failed.actor_name, failed.after) == ("sari", {"purpose": "api_token"})

    made = client.post(page, {"name": "dasbor", "password": world.password})
    assert made.status_code == 200
    assert made.context["created"].startswith("lyk_")
    # Within ten minutes no second proof is asked.
    assert 'name="password"' not in client.get(page).content.decode()
    assert client.post(page, {"name": "skrip"}).status_code == 200
    _confirmed_minutes_ago(client, 11)
    assert client.post(page, {"name": "skrip lagi"}).status_code == 400
    assert ApiToken.objects.filter(user=users["sari"]).count() == 2


@pytest.mark.django_db
def test_signing_in_with_the_form_is_a_fresh_proof(
    client: Client, world: Any, no_failed_attempts: None
) -> None:
    assert (
        client.post("/masuk/", {"username": "sari", "password": world.password}).status_code == 302
    )
    assert client.post(reverse("apitoken:list"), {"name": "dasbor"}).status_code == 200
    _confirmed_minutes_ago(client, 10)
    assert client.post(reverse("apitoken:list"), {"name": "dasbor 2"}).status_code == 400


@pytest.mark.django_db
def test_wrong_passwords_on_the_token_page_lock_the_account(
    client: Client, users: dict[str, Any], world: Any, no_failed_attempts: None
) -> None:
    client.force_login(users["vina"])
    page = reverse("apitoken:list")
    for attempt in range(4):
        assert client.post(page, {"name": "x", "password": f"salah-{attempt}"}).status_code == 400
    assert client.post(page, {"name": "x", "password": "salah-4"}).status_code == 429
    assert client.post(page, {"name": "x", "password": world.password}).status_code == 429
    assert not ApiToken.objects.filter(user=users["vina"]).exists()
    login = Client().post("/masuk/", {"username": "vina", "password": world.password})
    assert login.status_code == 429
