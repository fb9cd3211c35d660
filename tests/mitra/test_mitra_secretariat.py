"""Sekretariat Sari keeps the organisations, links the stakeholder account, sees the totals per
kind, indicator and kecamatan and the share of organisations in PUSPA."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.mitra.models import Contribution, Organisation, StakeholderAccount, Status
from layak.mitra.queries import summarise


@pytest.mark.django_db
def test_sari_adds_an_organisation_and_links_the_account(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    sari = login("sari")
    data = {
        "name": "Ikatan Dokter Anak Metro",
        "kind": "profesi",
        "puspa_member": "on",
        "puspa_since": "2025-02-01",
        "active": "on",
        "account": str(users["mitra"].pk),
    }
    response = sari.post(reverse("mitra:organisation_new"), data)
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Ikatan Dokter Anak Metro")
    assert organisation.region_id == "18.72"
    assert StakeholderAccount.objects.get(user=users["mitra"]).organisation == organisation
    assert AuditEvent.objects.filter(action="mitra.organisation.save").exists()
    page = login("mitra").get(reverse("mitra:index"))
    assert page["Location"] == reverse("mitra:organisation", args=[organisation.pk])


@pytest.mark.django_db
def test_puspa_since_needs_membership(login: Callable[[str], Client]) -> None:
    response = login("sari").post(
        reverse("mitra:organisation_new"),
        {"name": "Sanggar Tari Anak", "kind": "ormas", "puspa_since": "2025-02-01"},
    )
    assert response.status_code == 400  # the form again, with its errors
    assert "kosongkan bila organisasi bukan anggota PUSPA" in response.content.decode()
    errors = response.context["form"].errors.as_data()
    assert [e.code for e in errors["puspa_since"]] == ["mitra.puspa_since_without_membership"]
    assert not Organisation.objects.filter(name="Sanggar Tari Anak").exists()


@pytest.mark.django_db
def test_the_totals_count_confirmed_contributions_only(world: Any, sinar: Any) -> None:
    from layak.regions.models import Region

    region = Region.objects.get(code="18.72")
    year = timezone.localdate().year
    before = summarise(region, year)
    pending = Contribution.objects.create(
        organisation=sinar,
        title="Taman baca anak",
        date=timezone.localdate() - timedelta(days=1),
        value=Decimal("7000000"),
        place_id="18.72.02.1001",
        indicator_code="20",
        status=Status.PENDING,
        created_by=sinar.accounts.get().user,
    )
    assert summarise(region, year).value == before.value
    pending.status = Status.CONFIRMED
    pending.save()
    after = summarise(region, year)
    assert after.value == before.value + Decimal("7000000")
    assert after.count == before.count + 1
    utara = next(line for line in after.by_kecamatan if line.key == "18.72.02")
    assert utara.label == "Metro Utara"
    business = next(line for line in after.by_kind if line.key == "dunia_usaha")
    assert business.value >= Decimal("7000000")
    assert [line.key for line in after.by_indicator] == sorted(
        (line.key for line in after.by_indicator), key=lambda c: (int(c.rstrip("AB")), c)
    )
    assert after.organisations == Organisation.objects.filter(region=region, active=True).count()
    assert 0 < (after.puspa_share or 0) < 100


@pytest.mark.django_db
def test_the_summary_page_reads_in_rupiah(login: Callable[[str], Client]) -> None:
    page = login("sari").get(reverse("mitra:summary")).content.decode()
    assert "Organisasi anggota PUSPA" in page
    assert "Metro Selatan" in page
    assert "Rp " in page
