"""T8: refusals and files that leave the system are audited: who, role, URL name and method for
every 403 (web and API); who, which file and which object for every download."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.accounts.models import User
from layak.api.tokens import create_token
from layak.audit.models import AuditEvent
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db


def _person(username: str) -> Any:
    return User.objects.get(username=username)


def _signed_in(username: str) -> Client:
    client = Client()
    client.force_login(_person(username))
    return client


def _new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=since).order_by("id"))


def _last() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.mark.parametrize(
    ("username", "method", "url_name"),
    [
        ("budi", "get", "evaluation:stages"),  # an officer on the secretariat's page
        ("mitra", "get", "evaluation:dashboard"),  # a stakeholder on the evaluation
        ("forumanak", "post", "evaluation:lock"),  # a child on a stage lock
    ],
)
def test_a_refusal_is_audited_with_who_role_url_and_method(
    world: Any, username: str, method: str, url_name: str
) -> None:
    args: list[Any] = [world.cycle_id]
    if url_name == "evaluation:lock":
        args.append(1)
    client = _signed_in(username)
    since = _last()
    response = getattr(client, method)(reverse(url_name, args=args))
    assert response.status_code == 403
    (event,) = _new_events(since)
    person = _person(username)
    assert (event.action, event.actor_id, event.actor_name, event.role) == (
        "access.denied",
        person.pk,
        username,
        person.role,
    )
    assert event.object_id == url_name
    assert event.after == {
        "url": url_name,
        "method": method.upper(),
        "path": reverse(url_name, args=args),
    }
    assert event.region_code == "18.72"
    assert event.ip == "127.0.0.1"


def test_an_api_refusal_is_audited_as_the_tokens_owner(world: Any) -> None:
    nadia = _person("nadia")
    _, text = create_token(nadia, "uji", actor=nadia)
    path = f"/api/v1/cycles/{world.cycle_id}/answers/12.2/verifications/verifikasi_administrasi"
    since = _last()
    response = Client().put(
        path,
        {"status": "diterima", "version": 0},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {text}",
    )
    assert response.status_code == 403
    (event,) = _new_events(since)
    assert (event.action, event.actor_name, event.role) == (
        "access.denied",
        "nadia",
        "verifikator_nasional",
    )
    assert event.after is not None
    assert (event.after["method"], event.after["path"]) == ("PUT", path)
    assert event.after["url"].startswith("api:")
    assert text not in repr(event.after)


def test_an_excel_export_is_audited_with_the_file_and_the_object(world: Any) -> None:
    dinkes = Agency.objects.get(region_id="18.72", short_name="Dinkes")
    client = _signed_in("budi")
    since = _last()
    response = client.get(reverse("roundtrip:export", args=[world.cycle_id, dinkes.pk]))
    assert response.status_code == 200
    (event,) = _new_events(since)
    assert (event.action, event.actor_name, event.role) == ("file.download", "budi", "opd")
    assert event.object_type == "roundtrip:export"
    assert event.object_id == f"cycle_id={world.cycle_id},agency_id={dinkes.pk}"
    assert event.after is not None
    assert event.after["file"].endswith(".xlsx")
    assert event.after["file"] in response["Content-Disposition"]


def test_a_profil_anak_pdf_is_audited_once(world: Any) -> None:
    client = _signed_in("sari")
    since = _last()
    response = client.get(reverse("profil:pdf", args=["18.72", 2025]))
    assert response.status_code == 200
    (event,) = _new_events(since)
    assert (event.action, event.object_type, event.region_code) == (
        "file.download",
        "profil:pdf",
        "18.72",
    )
    assert event.after is not None
    assert (event.after["region_code"], event.after["year"]) == ("18.72", "2025")


def test_pages_and_public_files_are_not_downloads(world: Any) -> None:
    sari = _signed_in("sari")
    since = _last()
    dashboard = sari.get(reverse("evaluation:dashboard", args=[world.cycle_id]))
    assert dashboard.status_code == 200
    assert Client().get(reverse("public:region", args=["18.72"])).status_code == 200
    assert [e.action for e in _new_events(since)] == []
