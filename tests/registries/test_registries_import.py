"""Sari, the secretariat, imports Kota Metro's list of 30 primary schools: a bad row refuses the
whole file with the row and column named; a dry run shows what would change and writes nothing;
importing the corrected list writes all of it, and importing it again changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.registries.models import Designation, Institution
from tests.registries.conftest import as_csv, school_rows

pytestmark = pytest.mark.django_db


def post_list(client: Client, upload: SimpleUploadedFile, action: str) -> Any:
    """Import at once ("impor"), or check ("periksa"): the check is kept and shown on its page."""
    response = client.post(reverse("registries:import"), {"berkas": upload, "action": action})
    if action == "periksa" and response.status_code == 302:
        return client.get(response["Location"])
    return response


def problems(response: Any) -> list[dict[str, Any]]:
    return list(response.context["problems"])


def test_a_bad_row_refuses_the_whole_list_naming_row_and_column(
    login: Callable[[str], Client],
) -> None:
    rows = school_rows()
    rows[16]["kelurahan"] = "Kampung Baru"  # no such kelurahan in Kota Metro; file row 18
    rows[20]["tanggal_sk"] = "31/02/2024"  # row 22 holds a decree (21 is a multiple of 3)
    rows[23] |= {"kelurahan": "Kampung Lama", "berlaku_dari": "dua ribu"}  # row 25: both found
    sari = login("sari")
    response = post_list(sari, as_csv(rows), "impor")
    assert response.status_code == 400
    found = {(p["row"], p["column"], p["rule"]) for p in problems(response)}
    assert (18, "kelurahan", "registries.unit_unknown") in found
    assert (22, "tanggal_sk", "registries.not_a_date") in found
    assert (25, "kelurahan", "registries.unit_unknown") in found
    assert (25, "berlaku_dari", "registries.not_a_year") in found
    page = response.content.decode()
    row = re.search(r'<tr data-rule="registries.unit_unknown">(.*?)</tr>', page, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[:2] == ["18", "kelurahan"]
    assert "kelurahan/kecamatan &#x27;Kampung Baru&#x27; tidak ada di Kota Metro" in cells[2]
    assert "tidak ada yang disimpan" in page
    assert not Institution.objects.exists()
    assert not Designation.objects.exists()
    refusal = AuditEvent.objects.get(action="unggahan_ditolak", region_code="18.72")
    assert refusal.after["path"] == "registri"


def test_a_dry_run_then_the_import_then_the_same_list_again(
    login: Callable[[str], Client], empty_registries: int
) -> None:
    sari = login("sari")
    rows = school_rows()
    dry = post_list(sari, as_csv(rows), "periksa")
    assert dry.status_code == 200
    assert dry.context["counts"] == {"baru": 30, "berubah": 0, "tetap": 0, "ditolak": 0}
    assert sum(1 for r in dry.context["plan"].rows if r.designation == "baru") == 10
    assert not Institution.objects.exists(), "a dry run writes nothing"
    assert "Terapkan 30 perubahan" in dry.content.decode()

    check = dry.context["check"]
    apply_url = reverse("registries:import_apply", args=[check.pk])
    done = sari.post(apply_url, {"token": dry.context["plan"].token})
    assert done.status_code == 302
    assert Institution.objects.filter(region_id="18.72", kind="sekolah_sd").count() == 30
    assert Designation.objects.filter(institution__kind="sekolah_sd").count() == 10
    yosomulyo = Institution.objects.get(name="SD Negeri 6 Metro")
    assert yosomulyo.unit_id == "18.72.01.1005"  # "Yosomulyo" by name
    saves = AuditEvent.objects.filter(
        action="registries.institution.save", pk__gt=empty_registries
    ).count()
    assert saves == 30
    again = sari.post(apply_url, {"token": dry.context["plan"].token})
    assert again.status_code == 409
    assert "sudah diterapkan" in again.content.decode()

    index = sari.get(reverse("registries:index") + "?tahun=2024").content.decode()
    assert "33,3 %" in index  # 10 of 30 SD/MI ber-SK in 2024

    rows[0]["alamat"] = "Jl. Ki Hajar Dewantara"
    again = post_list(sari, as_csv(rows), "periksa")
    assert again.context["counts"] == {"baru": 0, "berubah": 1, "tetap": 29, "ditolak": 0}
    post_list(sari, as_csv(rows), "impor")
    assert Institution.objects.count() == 30
    assert (
        AuditEvent.objects.filter(
            action="registries.institution.save", pk__gt=empty_registries
        ).count()
        == saves + 1
    )


def test_a_check_is_not_applied_over_a_change_made_since(login: Callable[[str], Client]) -> None:
    """Sari checks a list; then one of its schools is registered by hand. Applying the old
    check is refused (the data changed since) and writes nothing."""
    sari = login("sari")
    rows = school_rows(3)
    dry = post_list(sari, as_csv(rows), "periksa")
    Institution.objects.create(region_id="18.72", kind="sekolah_sd", name="SD Negeri 2 Metro")
    check = dry.context["check"]
    stale = sari.post(
        reverse("registries:import_apply", args=[check.pk]), {"token": dry.context["plan"].token}
    )
    assert stale.status_code == 409
    assert Institution.objects.count() == 1
    assert "data di Layak berubah" in stale.content.decode()
    # Budi never sees Sari's check.
    budi = login("budi")
    assert budi.get(reverse("registries:import_check", args=[check.pk])).status_code == 404


def test_budi_may_not_import_schools(login: Callable[[str], Client]) -> None:
    rows = school_rows(3)
    rows.append(rows[0] | {"jenis": "Puskesmas", "nama": "Puskesmas Metro", "nomor_sk": ""})
    budi = login("budi")
    response = post_list(budi, as_csv(rows), "periksa")
    assert response.status_code == 200  # the check's page, with its refusals and no "Terapkan"
    assert "Terapkan" not in response.content.decode()
    found = {(p["row"], p["column"], p["rule"]) for p in problems(response)}
    assert found == {(n, "jenis", "registries.kind_not_kept") for n in (2, 3, 4)}
    assert "Puskesmas" in response.content.decode()


def test_the_same_list_as_a_workbook(login: Callable[[str], Client], tmp_path: Any) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Jenis", "Nama", "Kelurahan", "Nomor SK", "Tanggal SK", "Berlaku dari"])
    sheet.append(["TK/RA", "TK Pertiwi Metro", "18.72.02.1001", "421/5/2023", None, 2023])
    sheet.append(["SLB", "SLB Negeri Metro", "Kecamatan Metro Timur", "", None, None])
    sheet.append(["tk/ra", "TK Pertiwi Metro", "Imopuro", "", None, None])
    path = tmp_path / "daftar.xlsx"
    book.save(path)
    upload = SimpleUploadedFile("daftar.xlsx", path.read_bytes())
    sari = login("sari")
    response = post_list(sari, upload, "periksa")
    assert response.context["counts"]["ditolak"] == 2
    found = {(p["row"], p["column"], p["rule"]) for p in problems(response)}
    assert found == {
        (2, "tanggal_sk", "registries.decree_date_required"),
        (4, "nama", "registries.duplicate_name"),
    }
    # The same check in English: outcomes, kinds and refusals in the reader's language.
    sari.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = sari.get(response.wsgi_request.path).content.decode()
    assert "&#x27;TK Pertiwi Metro&#x27; is already in row 2 for the same kind" in page
    assert "Schools TK/RA (kindergarten)" in page
    assert ">refused<" in page


def test_a_file_that_is_no_table_is_refused(login: Callable[[str], Client]) -> None:
    upload = SimpleUploadedFile("daftar.csv", b"\x00\x01\x02 bukan tabel")
    response = post_list(login("sari"), upload, "impor")
    assert response.status_code == 400
    assert [p["rule"] for p in problems(response)] == ["file.binary"]
