"""The other side of the hostile corpus: what officers upload every day is still kept. PDFs
with links a person clicks, forms without scripts, files protected from editing, Layak's own
reports made by WeasyPrint, the demo's sample documents, workbooks written by openpyxl and
Word documents with hyperlinks and fields."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from weasyprint import HTML

from layak.demo.pdf import sample_pdf
from layak.evidence.models import EvidenceFile
from layak.files.inspect import PDF, inspect, inspect_upload
from tests.hostile.hostile_office import ordinary_office
from tests.hostile.hostile_pdf import ordinary_pdfs

pytestmark = pytest.mark.django_db

ORDINARY_PDFS = ordinary_pdfs()
ORDINARY_OFFICE = ordinary_office()


@pytest.mark.parametrize("case", list(ORDINARY_PDFS))
def test_an_ordinary_pdf_is_kept(case):
    assert inspect(ORDINARY_PDFS[case]) is PDF


@pytest.mark.parametrize("case", list(ORDINARY_OFFICE))
def test_an_ordinary_office_file_is_kept(case):
    data = ORDINARY_OFFICE[case]
    expected = "xlsx" if case.startswith("a workbook") else "docx"
    assert inspect(data).extension == expected


def test_a_page_weasyprint_made_with_links_is_kept():
    """Links to the web and to a heading of the same file, as Layak's reports carry them."""
    data = HTML(
        string=(
            '<h1 id="ringkasan">Ringkasan</h1><p><a href="https://kemenpppa.go.id/">KemenPPPA'
            '</a> · <a href="mailto:gugustugas@metrokota.go.id">surel</a> · '
            '<a href="#ringkasan">kembali</a></p>'
        )
    ).write_pdf()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        actions = [a.get("/A") for a in pdf.pages[0].get("/Annots", [])]
        assert {str(a.get("/S")) for a in actions if a is not None} == {"/URI"}
        assert len(actions) == 3  # two links out, one to the heading (a destination)
    assert inspect_upload("ringkasan.pdf", data) is PDF


def test_the_demos_sample_documents_are_kept(world):
    """Every PDF the demo stored went through the same inspector when the demo was loaded;
    read back from storage, each passes it again."""
    stored = EvidenceFile.objects.filter(content_type="application/pdf")
    assert stored.exists()
    for evidence in stored:
        with default_storage.open(evidence.stored_name, "rb") as file:
            assert inspect(file.read()) is PDF, evidence.original_name
    assert inspect(sample_pdf(["Daftar hadir", "Pindaian contoh (simulasi)"])) is PDF


def test_budi_attaches_the_report_sari_downloaded(
    world, client_of, refusals, isolated_file_storage
):
    """Layak's own self-assessment report (WeasyPrint) is evidence like any other PDF."""
    sari = client_of("sari")
    asked = sari.post(reverse("reports:self_assessment", args=[world.cycle_id]))
    job = sari.get(asked["Location"]).context["job"]  # made at once by the tests' backend
    report = sari.get(reverse("reports:report_download", args=[job.pk]))
    assert report.status_code == 200
    data = b"".join(report.streaming_content) if report.streaming else report.content
    before = EvidenceFile.objects.count()

    response = client_of("budi").post(
        reverse("evidence:upload", args=[world.cycle_id, "12.6"]),
        {
            "files": SimpleUploadedFile("Penilaian-Mandiri.pdf", data),
            "title": "Laporan penilaian mandiri",
            "document_year": "2024",
        },
    )

    assert response.status_code in (200, 302), response.content[:500]
    assert EvidenceFile.objects.count() == before + 1
    kept = EvidenceFile.objects.latest("pk")
    assert (kept.original_name, kept.size) == ("Penilaian-Mandiri.pdf", len(data))
    with default_storage.open(kept.stored_name, "rb") as file:
        assert file.read() == data  # stored as uploaded, never rewritten
    assert refusals() == []


def test_a_pdf_protected_from_editing_is_stored_as_it_came(
    world, client_of, refusals, isolated_file_storage
):
    """Refusing rather than rewriting keeps an electronically signed decree's bytes, and so
    its signature, whole."""
    data = ORDINARY_PDFS["protected from editing (no password to open)"]
    assert b"/Encrypt" in data
    client_of("budi").post(
        reverse("evidence:upload", args=[world.cycle_id, "12.6"]),
        {"files": SimpleUploadedFile("sk.pdf", data), "title": "SK", "document_year": "2024"},
    )
    kept = EvidenceFile.objects.latest("pk")
    with default_storage.open(kept.stored_name, "rb") as file:
        assert file.read() == data
    assert refusals() == []
