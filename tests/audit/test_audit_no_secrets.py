"""T8: after a whole journey through the real forms (a failed and a good log-in with a password,
a wrong old password and a password change, a Profil Anak import of a registry extract with
NIKs, a wrong and a right password on the token page, an API token created and used) neither
the audit log, nor the log-in attempts table, nor anything logged holds a password, a session
id, the token or a NIK."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset as reset_axes
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from layak.accounts.confirm import CONFIRMED_AT
from layak.audit.models import AuditEvent
from layak.profil.models import ProfilDataset

pytestmark = pytest.mark.django_db
NIKS = [str(3172010101080101 + n) for n in range(4)]  # made up
EXTRACT = "nik,jenis_kelamin,tanggal_lahir,kode_wilayah,akta_kelahiran,kia,disabilitas\n" + "".join(
    f"{nik},{sex},2019-0{n + 1}-15,18.72.01.1001,Y,T,\n"
    for n, (nik, sex) in enumerate(zip(NIKS, "LPLP", strict=True))
)
NEW_PASSWORD = "langit-biru-di-Metro-2031"


def test_a_full_journey_leaves_no_secret_behind(
    world: Any, caplog: pytest.LogCaptureFixture
) -> None:
    reset_axes()
    caplog.set_level(logging.DEBUG)  # every logger, every level
    client = Client()
    wrong = f"salah-{world.password}"
    sessions = []

    failed = client.post("/masuk/", {"username": "sari", "password": wrong})
    assert failed.status_code == 200
    signed = client.post("/masuk/", {"username": "sari", "password": world.password})
    assert signed.status_code == 302
    sessions.append(client.cookies["sessionid"].value)

    wrong_old = f"lama-{world.password}"
    refused = client.post(
        reverse("accounts:password"),
        {"old_password": wrong_old, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert refused.status_code == 400
    changed = client.post(
        reverse("accounts:password"),
        {
            "old_password": world.password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert changed.status_code == 302
    sessions.append(client.cookies["sessionid"].value)

    upload = SimpleUploadedFile("ekstrak.csv", EXTRACT.encode(), content_type="text/csv")
    imported = client.post(
        reverse("profil:import", args=["18.72"]), {"year": "2024", "file": upload}
    )
    assert imported.status_code == 302
    assert ProfilDataset.objects.filter(region_id="18.72", year=2024).exists()

    # The token page asks for the password again once the last proof is old.
    session = client.session
    session[CONFIRMED_AT] -= 3600
    session.save()
    wrong_confirm = f"konfirmasi-{NEW_PASSWORD}"
    asked = client.post(
        reverse("apitoken:list"), {"name": "dasbor provinsi", "password": wrong_confirm}
    )
    assert asked.status_code == 400
    page = client.post(
        reverse("apitoken:list"), {"name": "dasbor provinsi", "password": NEW_PASSWORD}
    )
    token = re.search(r"lyk_[A-Za-z0-9_-]{40,}", page.content.decode())
    assert token is not None
    api = Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {token.group(0)}")
    assert api.status_code == 200

    actions = set(AuditEvent.objects.filter(actor_name="sari").values_list("action", flat=True))
    assert {
        "auth.login_failed",
        "auth.login",
        "auth.password_check_failed",
        "auth.password_change",
        "profil.upload",
        "api_token.create",
    } <= actions

    secrets = [
        world.password,
        wrong,
        wrong_old,
        NEW_PASSWORD,
        wrong_confirm,
        token.group(0),
        *sessions,
        *NIKS,
    ]
    kept = {
        "audit log": repr(list(AuditEvent.objects.values())),
        "log-in attempts": repr(list(AccessAttempt.objects.values()))
        + repr(list(AccessFailureLog.objects.values())),
        "log output": caplog.text
        + repr([(r.getMessage(), r.args, r.__dict__) for r in caplog.records]),
    }
    found = [
        f"{place} holds {secret[:6]}…"
        for place, text in kept.items()
        for secret in secrets
        if secret in text
    ]
    assert found == []
