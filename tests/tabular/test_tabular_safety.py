"""The file reader refuses what is not a table, and hostile workbooks before any parser reads them.

Every refusal goes through `layak score`: exit status 2, a message, no traceback, no hang.
"""

from __future__ import annotations

import contextlib
import random
import signal
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from layak.core.messages import InputError
from layak.tabular import read_table
from layak.tabular.limits import Limits
from layak.tabular.read import OLE_MAGIC

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
        for n in range(1, 10)
    )
    + "]>\n"
)
EXTERNAL = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>\n'


def refused(layak, path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    messages = []
    for lang in ("id", "en"):
        monkeypatch.setenv("LAYAK_LANGUAGE", lang)
        result = layak("score", path)
        assert result.code == 2, (result.out, result.err)
        assert result.out == ""
        assert "Traceback" not in result.err
        messages.append(result.err)
    assert messages[0].startswith("Galat: ")
    assert messages[1].startswith("Error: ")
    return messages[0], messages[1]


def rebuild(
    source: Path,
    target: Path,
    extra: dict[str, bytes] | None = None,
    replace: dict[str, bytes] | None = None,
) -> Path:
    """A copy of the workbook `source` with entries added or replaced."""
    replace = replace or {}
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = replace.get(info.filename, original.read(info.filename))
            copy.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            copy.writestr(name, data, zipfile.ZIP_DEFLATED)
    return target


class _Forbidden:
    """Stands for python-calamine's workbook: opening one fails the test."""

    @classmethod
    def from_filelike(cls, *args: object, **kwargs: object) -> None:
        raise AssertionError("calamine was called on a refused archive")


@pytest.fixture
def no_parser_may_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """The zip directory checks refuse the file before calamine or any XML parser reads it."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("an XML parser was called on a refused archive")

    monkeypatch.setattr("layak.tabular.xlsx.CalamineWorkbook", _Forbidden)
    monkeypatch.setattr("layak.tabular.xlsx.sheet_parts", forbidden)
    monkeypatch.setattr(openpyxl, "load_workbook", forbidden)


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (an entity bomb that expanded would take minutes and gigabytes)."""

    def expired(signum: int, frame: object) -> None:
        raise AssertionError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_truncated_workbook_is_refused(layak, monkeypatch, template_xlsx, tmp_path) -> None:
    path = tmp_path / "terpotong.xlsx"
    path.write_bytes(template_xlsx.read_bytes()[:3000])
    indonesian, english = refused(layak, path, monkeypatch)
    assert "berkas bukan buku kerja Excel .xlsx yang sah" in indonesian
    assert "not a valid Excel .xlsx workbook" in english


def test_a_workbook_with_a_broken_sheet_is_refused(
    layak, monkeypatch, template_xlsx, tmp_path
) -> None:
    path = rebuild(
        template_xlsx,
        tmp_path / "rusak.xlsx",
        replace={"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c"},
    )
    indonesian, _ = refused(layak, path, monkeypatch)
    assert "berkas bukan buku kerja Excel .xlsx yang sah" in indonesian


def test_a_pdf_renamed_xlsx_is_refused(layak, monkeypatch, tmp_path) -> None:
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    indonesian, english = refused(layak, path, monkeypatch)
    assert "berkas bernama .xlsx tetapi isinya bukan buku kerja Excel" in indonesian
    assert "named .xlsx but does not hold an Excel workbook" in english


def test_random_bytes_renamed_csv_are_refused_as_binary(layak, monkeypatch, tmp_path) -> None:
    data = random.Random(2024).randbytes(4096)  # noqa: S311 - reproducible, not secret
    assert not data.startswith((b"PK", OLE_MAGIC, b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    path = tmp_path / "acak.csv"
    path.write_bytes(data)
    indonesian, english = refused(layak, path, monkeypatch)
    assert "berkas berisi data biner, bukan tabel teks" in indonesian
    assert "the file holds binary data, not a text table" in english


def test_a_legacy_ole_file_renamed_xlsx_is_refused(layak, monkeypatch, tmp_path) -> None:
    path = tmp_path / "lama.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    indonesian, english = refused(layak, path, monkeypatch)
    assert "buku kerja Excel lama (.xls) atau terenkripsi" in indonesian
    assert "old Excel workbook (.xls) or password-protected" in english


def test_a_workbook_with_macros_is_refused(
    layak, monkeypatch, template_xlsx, tmp_path, no_parser_may_open
) -> None:
    path = rebuild(
        template_xlsx, tmp_path / "makro.xlsx", extra={"xl/vbaProject.bin": b"\xd0\xcf" * 64}
    )
    indonesian, english = refused(layak, path, monkeypatch)
    assert "buku kerja berisi makro (VBA)" in indonesian
    assert "contains macros (VBA)" in english


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    layak, monkeypatch, template_xlsx, tmp_path, no_parser_may_open
) -> None:
    path = rebuild(template_xlsx, tmp_path / "bom.xlsx")
    megabyte = bytes(1 << 20)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/image1.png", "w", force_zip64=True) as entry:
            for _ in range(101):
                entry.write(megabyte)
        info = archive.getinfo("xl/media/image1.png")
    assert info.file_size > 100 * 1024 * 1024
    assert path.stat().st_size < 1024 * 1024  # ~100 KB on disk
    indonesian, english = refused(layak, path, monkeypatch)
    assert "xl/media/image1.png" in indonesian
    assert "berkas ditolak" in indonesian
    assert "refused" in english


def test_a_workbook_with_too_many_entries_is_refused(
    layak, monkeypatch, template_xlsx, tmp_path, no_parser_may_open
) -> None:
    extra = {f"xl/media/m{i}.xml": b"" for i in range(2001)}
    path = rebuild(template_xlsx, tmp_path / "banyak.xlsx", extra=extra)
    indonesian, english = refused(layak, path, monkeypatch)
    assert "berkas internal (batas 2.000)" in indonesian
    assert "internal files (the limit is 2,000)" in english


@pytest.mark.parametrize("name", ["../../evil", "xl/../../evil.xml", "/etc/cron.d/evil"])
def test_an_entry_escaping_the_archive_is_refused(
    layak, monkeypatch, template_xlsx, tmp_path, no_parser_may_open, name
) -> None:
    path = rebuild(template_xlsx, tmp_path / "jalur.xlsx", extra={name: b"x"})
    indonesian, english = refused(layak, path, monkeypatch)
    assert f"nama berkas internal yang tidak aman: {name!r}" in indonesian
    assert "unsafe internal file name" in english


def test_a_zip_that_is_no_workbook_is_refused(layak, monkeypatch, tmp_path) -> None:
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    indonesian, english = refused(layak, path, monkeypatch)
    assert "bukan buku kerja Excel (xl/workbook.xml tidak ada)" in indonesian
    assert "not an Excel workbook (no xl/workbook.xml)" in english


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
@pytest.mark.parametrize("doctype", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external"])
def test_an_xml_entity_attack_is_refused_by_defusedxml(
    layak, monkeypatch, template_xlsx, tmp_path, part: str, doctype: str
) -> None:
    with zipfile.ZipFile(template_xlsx) as original:
        xml = original.read(part).decode("utf-8")
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    tag = "<sheets>" if part.endswith("workbook.xml") else "<sheetData>"
    assert tag in body
    poisoned = doctype + body.replace(tag, tag.replace(">", ' a="&lol9;">'), 1)
    path = rebuild(template_xlsx, tmp_path / "xml.xlsx", replace={part: poisoned.encode()})
    with deadline(20):
        indonesian, english = refused(layak, path, monkeypatch)
    # Refused from the zip directory before any XML parser runs (defusedxml stays behind it).
    assert f"bagian {part} berisi deklarasi entitas XML (DTD)" in indonesian
    assert f"part {part} holds an XML entity declaration (DTD)" in english


def test_a_workbook_renamed_csv_is_read_as_a_workbook(layak, demo_xlsx, tmp_path) -> None:
    path = tmp_path / "jawaban.csv"
    path.write_bytes(demo_xlsx.read_bytes())
    result = layak("score", path)
    assert result.code == 0, result.err
    assert "Nindya" in result.out


def test_a_text_table_renamed_xlsx_is_refused(layak, monkeypatch, tmp_path) -> None:
    path = tmp_path / "jawaban.xlsx"
    path.write_text("kode,nilai,bukti\n1.1,12,1\n", encoding="utf-8")
    indonesian, english = refused(layak, path, monkeypatch)
    assert "berkas bernama .xlsx tetapi isinya bukan buku kerja Excel" in indonesian
    assert "does not hold an Excel workbook" in english


def test_the_unpacked_size_of_all_entries_is_limited(template_xlsx, no_parser_may_open) -> None:
    with zipfile.ZipFile(template_xlsx) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    with pytest.raises(InputError) as refused:
        read_table(template_xlsx, ("kode",), limits=Limits(max_unpacked_bytes=unpacked - 1))
    grouped = f"{unpacked:,}"  # the reader's thousands mark: 167.979 bita, 167,979 bytes
    assert f"terurai menjadi {grouped.replace(',', '.')} bita" in refused.value.render("id")
    assert f"unpacks to {grouped} bytes" in refused.value.render("en")
