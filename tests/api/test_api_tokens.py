"""Personal API tokens: only a hash is kept, revoked or unknown tokens get 401, the owner's
page creates (shown once) and revokes, and `layak token` does the same for administrators."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from apisupport import error_of
from django.test import Client
from django.urls import reverse

from layak.api.models import ApiToken
from layak.api.tokens import create_token, revoke_token
from layak.audit.models import AuditEvent

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
    client: Client, users: dict[str, Any]
) -> None:
    client.force_login(users["sari"])
    page = reverse("apitoken:list")
    created = client.post(page, {"name": "dasbor provinsi"})
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
    made = layak("token", "buat", "vina", "--nama", "rekap provinsi")
    assert made.code == 0, made.err
    text = made.out.strip().splitlines()[-1]
    assert client.get(CYCLES, headers=bearer(text)).status_code == 200
    listed = layak("token", "daftar", "--pengguna", "vina", "--json")
    (row,) = json.loads(listed.out)
    assert row["name"] == "rekap provinsi"
    assert row["revoked_at"] is None
    assert text not in listed.out
    assert layak("token", "cabut", row["prefix"]).code == 0
    assert client.get(CYCLES, headers=bearer(text)).status_code == 401
    assert layak("token", "cabut", str(row["id"])).code == 0  # already revoked: says so
    assert layak("token", "buat", "tidak-ada", "--nama", "x").code == 2
    assert layak("token", "cabut", "lyk_tidakada").code == 2


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
