"""Sari keeps the bodies that supply data without being agencies on the OPD page: the Forum Anak
Daerah and Dunia Usaha are coordinated by DP3AP2KB, and every page that says who supplies a
question names them with their coordinator."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db
FORUM = "Forum Anak Daerah (dikoordinasi DP3AP2KB)"


def text_of(response: Any) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_supplier_is_named_on_the_assignment_and_question_pages(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    sari = login("sari")
    listing = text_of(sari.get(reverse("evaluation:assignments", args=[cycle.pk])))
    row = listing.split('<td data-label="Kode">6.5</td>', 1)[1].split("</tr>", 1)[0]
    assert FORUM in row
    assert "<strong>DP3AP2KB</strong>" in row
    business = listing.split('<td data-label="Kode">9.3</td>', 1)[1].split("</tr>", 1)[0]
    assert "Dunia Usaha (dikoordinasi DP3AP2KB)" in business

    edit = text_of(sari.get(reverse("evaluation:assignment_edit", args=[cycle.pk, "6.5"])))
    assert f"Sumber data di instrumen: DPPPAPPKB, {FORUM}" in edit
    fad = Agency.objects.get(region=cycle.region, short_name="FAD")
    assert f'value="{fad.pk}"' not in edit  # a supplier is never assigned a question itself

    page = text_of(login("rina").get(reverse("evaluation:question", args=[cycle.pk, "6.5"])))
    assert f"Sumber data: DPPPAPPKB, {FORUM}" in page


def test_sari_records_a_supplier_and_cannot_make_an_office_with_officers_one(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    sari = login("sari")
    agencies = text_of(sari.get(reverse("regions:agencies")))
    assert "sumber data, dikoordinasi DP3AP2KB" in agencies
    dp3a = Agency.objects.get(region=cycle.region, short_name="DP3AP2KB")
    created = sari.post(
        reverse("regions:agency_new"),
        {
            "name": "Tim Penggerak PKK",
            "short_name": "PKK",
            "aliases_text": "TP PKK",
            "coordinator": dp3a.pk,
            "active": "on",
        },
    )
    assert created.status_code == 302
    pkk = Agency.objects.get(region=cycle.region, short_name="PKK")
    assert pkk.coordinator == dp3a
    event = AuditEvent.objects.get(action="agency.save", object_id=str(pkk.pk))
    assert event.after is not None
    assert event.after["coordinator"] == "DP3AP2KB"

    dinkes = Agency.objects.get(region=cycle.region, short_name="Dinkes")
    refused = sari.post(
        reverse("regions:agency_edit", args=[dinkes.pk]),
        {"name": dinkes.name, "short_name": "Dinkes", "coordinator": dp3a.pk, "active": "on"},
    )
    assert refused.status_code == 400  # the form again, with the rule at its field
    assert "punya petugas" in html.unescape(refused.content.decode())  # Budi works there
    errors = refused.context["form"].errors.as_data()
    assert [e.code for e in errors["coordinator"]] == ["agency.has_officers"]
    dinkes.refresh_from_db()
    assert dinkes.coordinator is None
    # A supplier cannot coordinate: it is not among the choices.
    form = text_of(sari.get(reverse("regions:agency_edit", args=[dinkes.pk])))
    assert f'<option value="{pkk.pk}"' not in form
    assert f'<option value="{dp3a.pk}"' in form
