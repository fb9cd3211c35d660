"""The one way an upload comes in: a document judged by content then name, with its refusal
audited once; a table refused before its reader opens it when it is empty, too large or badly
named."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from layak.audit.models import AuditEvent
from layak.core.messages import msg
from layak.demo.pdf import sample_pdf
from layak.files.inspect import JPEG, PDF, PNG, Refused
from layak.files.refusals import ACTION, UploadPath
from layak.files.uploads import Uploader, check_data_file, check_document

PDF_BYTES = sample_pdf(["Notulen rapat"])
BY = Uploader(None, UploadPath.FORUM_DECREE, "18.72", object_type="forum", object_id=7)


def refusals() -> list[dict[str, object]]:
    return [e.after for e in AuditEvent.objects.filter(action=ACTION).order_by("pk")]


@pytest.mark.django_db
def test_a_document_that_passes_comes_back_with_its_bytes_kind_and_label() -> None:
    checked = check_document(SimpleUploadedFile(".SK Forum.pdf", PDF_BYTES), BY)
    assert (checked.data, checked.kind) == (PDF_BYTES, PDF)
    assert (checked.name, checked.safe_name) == (".SK Forum.pdf", "SK Forum.pdf")
    assert refusals() == []


@pytest.mark.django_db
def test_content_is_judged_before_the_name_and_the_refusal_is_audited_once() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(Refused) as refused:
        check_document(SimpleUploadedFile("grafik.svg", svg), BY)
    assert refused.value.message.key == "evidence.unknown_type"
    with pytest.raises(Refused) as refused:
        check_document(SimpleUploadedFile("laporan.pdf.exe", PDF_BYTES), BY)
    assert refused.value.message.key == "file.name_runnable"
    assert refusals() == [
        {"path": "forum.sk", "file": "grafik.svg", "rule": "evidence.unknown_type"},
        {"path": "forum.sk", "file": "laporan.pdf.exe", "rule": "file.name_runnable"},
    ]


@pytest.mark.django_db
def test_a_path_keeps_only_its_kinds() -> None:
    wrong = msg("forum.decree_kind")
    upload = SimpleUploadedFile("sk.pdf", PDF_BYTES)
    with pytest.raises(Refused) as refused:
        check_document(upload, BY, kinds=(PNG, JPEG), wrong_kind=wrong)
    assert refused.value.message.key == "forum.decree_kind"
    assert [r["rule"] for r in refusals()] == ["forum.decree_kind"]


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("jawaban.xlsx", b"", "file.empty"),
        ("jawaban.xlsx", b"x" * 11, "file.too_large"),
        ("jawaban.xlsx.js", b"x", "file.name_runnable"),
    ],
)
def test_a_table_is_refused_before_it_is_read(name: str, data: bytes, rule: str) -> None:
    with pytest.raises(Refused) as refused:
        check_data_file(SimpleUploadedFile(name, data), limit=10)
    assert refused.value.message.key == rule


def test_a_table_within_the_rules_is_left_to_its_reader() -> None:
    check_data_file(SimpleUploadedFile("profil.csv", b"nik,umur\n"), limit=10)
