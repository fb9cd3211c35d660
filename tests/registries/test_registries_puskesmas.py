"""Budi of Dinkes keeps Kota Metro's puskesmas: he registers them, records a decree (SK
Puskesmas Ramah Anak) with its scan, and sees the share of 15.1 rise. He may not touch the
schools, which Dinas Pendidikan keeps; Sari, the secretariat, keeps every kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.registries.models import Designation, Institution

pytestmark = pytest.mark.django_db

PUSKESMAS = [
    "Puskesmas Metro",
    "Puskesmas Yosomulyo",
    "Puskesmas Banjarsari",
    "Puskesmas Iringmulyo",
]


def add_puskesmas(client: Client, name: str, unit: str = "18.72.01.1005") -> Institution:
    response = client.post(
        reverse("registries:institution_new"),
        {
            "kind": "puskesmas",
            "name": name,
            "unit": unit,
            "address": "Jl. Kesehatan",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Institution.objects.get(region_id="18.72", kind="puskesmas", name=name)


def share_on_page(client: Client, year: int) -> str:
    page = client.get(reverse("registries:kind", args=["puskesmas"]) + f"?tahun={year}")
    assert page.status_code == 200
    return page.content.decode()


def test_budi_registers_a_puskesmas_decree_and_sees_the_share_rise(
    login: Callable[[str], Client], pdf_upload: Callable[..., Any]
) -> None:
    budi = login("budi")
    puskesmas = [add_puskesmas(budi, name) for name in PUSKESMAS]
    assert "0,0 %" in share_on_page(budi, 2024)

    response = budi.post(
        reverse("registries:designation_new", args=[puskesmas[1].pk]),
        {
            "basis": "sk",
            "number": "440/123/D.3/2024",
            "issued_on": "2024-02-12",
            "valid_from": "2024",
            "valid_until": "2026",
            "status": "berlaku",
            "file": pdf_upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decree = Designation.objects.get(number="440/123/D.3/2024")
    assert decree.stored_name
    assert decree.created_by.username == "budi"
    assert AuditEvent.objects.filter(action="registries.designation.save", object_id=str(decree.pk))

    page = share_on_page(budi, 2024)
    assert "25,0 %" in page  # one of four puskesmas ber-SK in 2024
    assert "440/123/D.3/2024" in page
    assert "0,0 %" in share_on_page(budi, 2023), "the decree takes effect in 2024"
    index = budi.get(reverse("registries:index") + "?tahun=2024").content.decode()
    assert "25,0 %" in index
    # Choosing another year on the kind's page replaces only the list (htmx).
    url = reverse("registries:kind", args=["puskesmas"]) + "?tahun=2023"
    part = budi.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "0,0 %" in part
    assert "<html" not in part

    # A closed puskesmas leaves the denominator: one of three.
    closed = puskesmas[3]
    response = budi.post(
        reverse("registries:institution_edit", args=[closed.pk]),
        {"kind": "puskesmas", "name": closed.name, "unit": "18.72.01.1005"},
    )
    assert response.status_code == 302
    assert "33,3 %" in share_on_page(budi, 2024)

    # Verifier Vina reads the figure and downloads the scan.
    vina = login("vina")
    assert (
        "33,3 %"
        in vina.get(
            reverse("registries:kind", args=["puskesmas"]) + "?wilayah=18.72&tahun=2024"
        ).content.decode()
    )
    download = vina.get(reverse("registries:designation_file", args=[decree.pk]))
    assert download.status_code == 200
    b"".join(download.streaming_content)


def test_budi_may_not_touch_schools(login: Callable[[str], Client]) -> None:
    sari = login("sari")
    response = sari.post(
        reverse("registries:institution_new"),
        {
            "kind": "sekolah_sd",
            "name": "SD Negeri 1 Metro",
            "unit": "18.72.01.1001",
            "active": "on",
        },
    )
    assert response.status_code == 302
    school = Institution.objects.get(name="SD Negeri 1 Metro")

    budi = login("budi")
    assert budi.get(reverse("registries:institution", args=[school.pk])).status_code == 200
    assert budi.get(reverse("registries:institution_edit", args=[school.pk])).status_code == 403
    assert budi.get(reverse("registries:designation_new", args=[school.pk])).status_code == 403
    response = budi.post(
        reverse("registries:institution_new"),
        {"kind": "sekolah_sd", "name": "SD Negeri 2 Metro", "active": "on"},
    )
    assert response.status_code == 400
    assert not Institution.objects.filter(name="SD Negeri 2 Metro").exists()
    form = budi.get(reverse("registries:institution_new")).content.decode()
    assert 'value="puskesmas"' in form
    assert 'value="sekolah_sd"' not in form

    # Dewi of Disdukcapil keeps no kind: she reads the registry and adds nothing.
    dewi = login("dewi")
    assert dewi.get(reverse("registries:index")).status_code == 200
    assert dewi.get(reverse("registries:institution_new")).status_code == 403


def test_a_decree_refused_whole_leaves_nothing(
    login: Callable[[str], Client], pdf_upload: Callable[..., Any]
) -> None:
    budi = login("budi")
    puskesmas = add_puskesmas(budi, "Puskesmas Metro")
    response = budi.post(
        reverse("registries:designation_new", args=[puskesmas.pk]),
        {
            "basis": "sk",
            "number": "440/9/2024",
            "valid_from": "2025",
            "valid_until": "2024",
            "status": "berlaku",
            "file": pdf_upload("sk.pdf", b"bukan pdf"),
        },
    )
    assert response.status_code == 400
    codes = {
        e.code for errors in response.context["form"].errors.as_data().values() for e in errors
    }
    assert {"registries.until_before_from", "registries.decree_date_required"} <= codes
    assert not Designation.objects.exists()

    response = budi.post(
        reverse("registries:designation_new", args=[puskesmas.pk]),
        {
            "basis": "sk",
            "number": "440/9/2024",
            "issued_on": "2024-01-05",
            "valid_from": "2024",
            "status": "berlaku",
            "file": pdf_upload("sk.pdf", b"bukan pdf"),
        },
    )
    assert response.status_code == 400
    codes = {e.code for e in response.context["form"].errors.as_data()["file"]}
    assert codes == {"registries.file_refused"}
    assert not Designation.objects.exists()
    assert AuditEvent.objects.filter(action="unggahan_ditolak", region_code="18.72").exists()


def test_verifiers_read_within_their_area_only(login: Callable[[str], Client]) -> None:
    """Vina verifies Lampung: Kota Metro's puskesmas are hers to read, Jakarta's are not there
    for her; Nadia, a national verifier, reads both. Neither changes anything."""
    metro = Institution.objects.create(region_id="18.72", kind="puskesmas", name="Puskesmas A")
    jakarta = Institution.objects.create(region_id="31.71", kind="puskesmas", name="Puskesmas B")
    vina = login("vina")
    assert vina.get(reverse("registries:institution", args=[metro.pk])).status_code == 200
    assert vina.get(reverse("registries:institution", args=[jakarta.pk])).status_code == 404
    assert vina.get(reverse("registries:index") + "?wilayah=31.71").status_code == 404
    assert vina.get(reverse("registries:institution_edit", args=[metro.pk])).status_code == 403
    nadia = login("nadia")
    assert nadia.get(reverse("registries:institution", args=[jakarta.pk])).status_code == 200
    choose = nadia.get(reverse("registries:index")).content.decode()
    assert "?wilayah=18.72" in choose
    assert "?wilayah=31.71" in choose
