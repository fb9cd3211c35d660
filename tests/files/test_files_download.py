"""The one download response: every file leaves with the same safe headers, made on the spot or
streamed from storage."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse

from layak.files.download import download, download_stored


def test_a_made_file_is_a_private_attachment_never_sniffed() -> None:
    response = download(b"%PDF-1.7", filename="notulen-rapat-7.pdf", content_type="application/pdf")
    assert response.content == b"%PDF-1.7"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="notulen-rapat-7.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_name_outside_ascii_or_with_quotes_cannot_break_the_header() -> None:
    accented = download(b"x", filename="Profil-Anak-Kotá.pdf", content_type="application/pdf")
    assert accented["Content-Disposition"] == (
        "attachment; filename*=utf-8''Profil-Anak-Kot%C3%A1.pdf"
    )
    quoted = download(b"x", filename='a"; b.pdf', content_type="application/pdf")
    assert quoted["Content-Disposition"] == 'attachment; filename="a\\"; b.pdf"'


def test_inline_and_public_are_asked_for() -> None:
    shown = download(b"x", filename="a.pdf", content_type="application/pdf", inline=True)
    assert shown["Content-Disposition"] == 'inline; filename="a.pdf"'
    public = download(b"a,b\r\n", filename="layak.csv", content_type="text/csv", private=False)
    assert not public.has_header("Cache-Control")
    assert public["X-Content-Type-Options"] == "nosniff"


def test_a_stored_file_is_streamed_with_the_same_headers() -> None:
    name = default_storage.save("uji/unduh.pdf", ContentFile(b"%PDF-1.7 stored"))
    response = download_stored(name, filename="SK-7.pdf", content_type="application/pdf")
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stored"  # type: ignore[arg-type]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SK-7.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    response.file_to_stream.close()  # response.close() would signal the end of a request
