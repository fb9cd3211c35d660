"""The question list's "Unduh Excel" / "Unggah Excel", the dry-run page and "Terapkan", as
Budi of Dinkes and Sari of the secretariat use them; Budi never touches Dewi's agency."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.evaluation.models import Answer
from layak.evaluation.services import save_answer
from layak.roundtrip.models import ImportPreview
from tests.roundtrip.roundtrip_support import Book


def signed_in(client: Client, person, username: str) -> Client:
    client.force_login(person(username))
    return client


def download(client: Client, cycle, agency) -> bytes:
    response = client.get(reverse("roundtrip:export", args=[cycle.pk, agency.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"
    return response.content


def upload(client: Client, cycle, agency, data: bytes, name: str = "dinkes.xlsx"):
    return client.post(
        reverse("roundtrip:upload", args=[cycle.pk]),
        {"opd": str(agency.pk), "berkas": SimpleUploadedFile(name, data)},
    )


@pytest.mark.django_db
def test_budi_downloads_fills_uploads_checks_and_applies(
    client, cycle, person, agency, tmp_path
) -> None:
    signed_in(client, person, "budi")
    page = client.get(reverse("evaluation:questions", args=[cycle.pk])).content.decode()
    assert "Unduh Excel Dinkes" in page
    assert "Unggah Excel" in page
    assert "Unduh semua OPD" not in page
    dinkes = agency("Dinkes")
    path = tmp_path / "dinkes.xlsx"
    path.write_bytes(download(client, cycle, dinkes))
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Jawaban", "Petunjuk"]
    sheet = workbook["Jawaban"]
    assert [c.value for c in sheet[1]][:12] == [
        "kode",
        "unit",
        "pertanyaan",
        "jenis jawaban",
        "nilai maks",
        "jawaban",
        "poin diklaim",
        "catatan",
        "poin saat ini",
        "jumlah bukti",
        "status verifikasi",
        "catatan verifikator",
    ]
    assert sheet.column_dimensions["M"].hidden  # versi
    assert sheet.protection.sheet
    Book(path).set("12.2", jawaban=66)

    response = upload(client, cycle, dinkes, path.read_bytes())
    assert response.status_code == 302
    preview_page = client.get(response["Location"])
    text = preview_page.content.decode()
    assert preview_page.status_code == 200
    assert "Terapkan 1 perubahan" in text
    token = re.search(r'name="token" value="([0-9a-f]{64})"', text).group(1)
    preview = ImportPreview.objects.get(user=person("budi"))
    answer = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    assert answer.value != "66"  # the check wrote nothing
    applied = client.post(reverse("roundtrip:apply", args=[cycle.pk, preview.pk]), {"token": token})
    assert applied.status_code == 302
    assert applied["Location"] == reverse("evaluation:questions", args=[cycle.pk])
    assert Answer.objects.get(pk=answer.pk).value == "66"
    again = client.post(reverse("roundtrip:apply", args=[cycle.pk, preview.pk]), {"token": token})
    assert again.status_code == 409
    assert "sudah diterapkan" in again.content.decode()


@pytest.mark.django_db
def test_a_stale_check_is_not_applied(client, cycle, person, agency, tmp_path) -> None:
    signed_in(client, person, "budi")
    dinkes = agency("Dinkes")
    path = tmp_path / "dinkes.xlsx"
    path.write_bytes(download(client, cycle, dinkes))
    Book(path).set("12.2", jawaban=12)
    location = upload(client, cycle, dinkes, path.read_bytes())["Location"]
    text = client.get(location).content.decode()
    token = re.search(r'name="token" value="([0-9a-f]{64})"', text).group(1)
    answer = Answer.objects.get(cycle=cycle, question_code="12.2", unit=None)
    save_answer(
        person("sari"),
        cycle,
        cycle.instrument.question("12.2"),
        value="70",
        note="",
        submit=False,
        expected_version=answer.version,
    )
    preview = ImportPreview.objects.get(user=person("budi"))
    response = client.post(
        reverse("roundtrip:apply", args=[cycle.pk, preview.pk]), {"token": token}
    )
    assert response.status_code == 409
    assert "berubah sejak berkas diperiksa" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).value == "70"


@pytest.mark.django_db
def test_a_bad_row_and_a_bad_file_are_shown_in_indonesian(
    client, cycle, person, agency, tmp_path
) -> None:
    signed_in(client, person, "budi")
    dinkes = agency("Dinkes")
    path = tmp_path / "dinkes.xlsx"
    path.write_bytes(download(client, cycle, dinkes))
    Book(path).set("12.2", jawaban="sebagian")
    page = client.get(upload(client, cycle, dinkes, path.read_bytes())["Location"])
    text = page.content.decode()
    assert "&#x27;sebagian&#x27; bukan angka" in text
    assert "Terapkan" not in text
    # The refused rows are audited once, as a refused file is.
    (refusal,) = AuditEvent.objects.filter(action="unggahan_ditolak", actor_name="budi")
    assert refusal.after["rule"] == "answer.not_a_number"
    refused = upload(client, cycle, dinkes, b"<html>bukan excel</html>", "jawaban.xlsx")
    assert refused.status_code == 400
    assert "bukan buku kerja Excel" in refused.content.decode()
    assert not ImportPreview.objects.filter(file_name="jawaban.xlsx").exists()


@pytest.mark.django_db
def test_budi_cannot_export_or_import_dewis_agency(client, cycle, person, agency) -> None:
    signed_in(client, person, "budi")
    disdukcapil = agency("Disdukcapil")
    assert (
        client.get(reverse("roundtrip:export", args=[cycle.pk, disdukcapil.pk])).status_code == 403
    )
    signed_in(client, person, "sari")
    data = download(client, cycle, disdukcapil)
    signed_in(client, person, "budi")
    assert upload(client, cycle, disdukcapil, data).status_code == 403
    assert not ImportPreview.objects.exists()
    assert client.get(reverse("roundtrip:export_all", args=[cycle.pk])).status_code == 403


@pytest.mark.django_db
def test_sari_takes_every_agencys_workbook_in_one_zip(client, cycle, person) -> None:
    signed_in(client, person, "sari")
    page = client.get(reverse("evaluation:questions", args=[cycle.pk])).content.decode()
    assert "Unduh semua OPD (zip)" in page
    response = client.get(reverse("roundtrip:export_all", args=[cycle.pk]))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        dinkes = archive.read(f"jawaban-{cycle.region_id}-{cycle.year}-Dinkes.xlsx")
    assert len(names) > 3
    assert openpyxl.load_workbook(io.BytesIO(dinkes)).sheetnames == ["Jawaban", "Petunjuk"]


@pytest.mark.django_db
def test_verifiers_see_no_excel_card(client, cycle, person) -> None:
    signed_in(client, person, "vina")
    page = client.get(reverse("evaluation:questions", args=[cycle.pk])).content.decode()
    assert "Unggah Excel" not in page
