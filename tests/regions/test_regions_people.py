"""Accounts on the web: the administrator keeps every account, Sari (secretariat of Kota Metro)
her own region's staff; every change is one service call and one audit row."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from layak.accounts import services
from layak.accounts.models import User
from layak.audit.models import AuditEvent
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
NEW = reverse("regions:person_new")


def handed_over(response: Any) -> str:
    found = re.search(r'<code class="secret">([^<]+)</code>', response.content.decode())
    assert found, "the page shows the handed-over password"
    return found.group(1)


def test_sari_creates_a_dinsos_officer_who_changes_the_password_at_first_log_in(
    login: Callable[[str], Client], world: Any
) -> None:
    sari = login("sari")
    dinsos = Agency.objects.get(region_id="18.72", short_name="Dinsos")
    page = sari.get(NEW)
    assert page.status_code == 200
    assert 'name="region"' not in page.content.decode()  # always her own region
    response = sari.post(
        NEW,
        {"username": "ani", "first_name": "Ani", "last_name": "Rahma", "role": "opd",
         "agency": str(dinsos.pk)},
    )  # fmt: skip
    assert response.status_code == 200
    initial = handed_over(response)

    ani = User.objects.get(username="ani")
    assert (ani.role, ani.region_id, ani.agency_id) == ("opd", "18.72", dinsos.pk)
    assert ani.must_change_password
    event = AuditEvent.objects.get(action="user.create", object_id=str(ani.pk))
    assert (event.actor_name, event.region_code, event.after["agency"]) == (
        "sari",
        "18.72",
        "Dinsos",
    )
    assert initial not in repr(event.after)

    ani_client = Client()
    ani_client.post(LOGIN, {"username": "ani", "password": initial})
    home = ani_client.get(reverse("evaluation:dashboard", args=[world.cycle_id]))
    assert (home.status_code, home["Location"]) == (302, reverse("accounts:password"))


def test_sari_cannot_create_a_verifier_nor_touch_accounts_outside_her_region(
    login: Callable[[str], Client], users: dict[str, User]
) -> None:
    sari = login("sari")
    response = sari.post(NEW, {"username": "vira", "role": "verifikator_provinsi"})
    assert response.status_code == 400
    assert response.context["form"].has_error("role", "invalid_choice")
    assert not User.objects.filter(username="vira").exists()
    # The service refuses it too, whatever form sent it.
    verifier = User(username="vira", role="verifikator_provinsi", region_id="18.72")
    with pytest.raises(PermissionDenied):
        services.create_account(verifier, by=users["sari"])

    # The administrator's and Vina's accounts are not there for her: 404, as if none existed.
    for other in ("admin", "vina"):
        page = sari.get(reverse("regions:person", args=[users[other].pk]))
        assert page.status_code == 404
        reset = sari.post(reverse("regions:person_reset", args=[users[other].pk]))
        assert reset.status_code == 404
    listed = sari.get(reverse("regions:people")).content.decode()
    assert "budi" in listed
    assert "vina" not in listed
    assert "nadia" not in listed


def test_admin_unlocks_budi_after_a_lockout(
    login: Callable[[str], Client], world: Any, users: dict[str, User]
) -> None:
    budi = Client()
    for attempt in range(5):
        budi.post(LOGIN, {"username": "budi", "password": f"tebakan-{attempt}"})
    assert budi.post(LOGIN, {"username": "budi", "password": world.password}).status_code == 429

    admin = login("admin")
    page = admin.get(reverse("regions:person", args=[users["budi"].pk]))
    assert "Buka kunci akun" in page.content.decode()
    response = admin.post(reverse("regions:person_unlock", args=[users["budi"].pk]))
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.unlock")
    assert (event.actor_name, event.before, event.after) == (
        "admin",
        {"failed_log_ins": 6},
        {"failed_log_ins": 0},
    )  # five guesses, and the right password while locked
    assert budi.post(LOGIN, {"username": "budi", "password": world.password}).status_code == 302

    # Nothing to unlock any more: refused with its message, nothing audited.
    again = admin.post(reverse("regions:person_unlock", args=[users["budi"].pk]), follow=True)
    assert "tidak sedang terkunci" in again.content.decode()
    assert AuditEvent.objects.filter(action="user.unlock").count() == 1


def test_sari_resets_budis_password_and_deactivates_dewi(
    login: Callable[[str], Client], world: Any, users: dict[str, User]
) -> None:
    dewi = Client()
    dewi.force_login(users["dewi"])
    sari = login("sari")
    reset = sari.post(reverse("regions:person_reset", args=[users["budi"].pk]))
    new_password = handed_over(reset)
    budi = User.objects.get(username="budi")
    assert budi.check_password(new_password)
    assert budi.must_change_password
    assert AuditEvent.objects.filter(action="user.password_reset", actor_name="sari").count() == 1

    off = sari.post(
        reverse("regions:person_active", args=[users["dewi"].pk]), {"action": "nonaktifkan"}
    )
    assert off.status_code == 302
    assert not User.objects.get(username="dewi").is_active
    # Dewi's open session ends at once; her history stays.
    assert dewi.get(reverse("evaluation:dashboard", args=[world.cycle_id])).status_code == 302
    event = AuditEvent.objects.get(action="user.deactivate")
    assert (event.before, event.after) == ({"active": True}, {"active": False})

    # Her own account is not hers to deactivate here.
    own = sari.post(
        reverse("regions:person_active", args=[users["sari"].pk]),
        {"action": "nonaktifkan"},
        follow=True,
    )
    assert User.objects.get(username="sari").is_active
    assert "Akun Anda sendiri" in own.content.decode()
