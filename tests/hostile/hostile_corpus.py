"""Hostile files, built from bytes in the test process (nothing is downloaded).

`upload_corpus()` gives (file name, bytes, the rule that refuses it) for the file paths
(evidence, decrees, documents), with the PDFs of hostile_pdf.py and the Word documents and
workbooks of hostile_office.py.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

import openpyxl
from PIL import Image

from layak.demo.pdf import sample_pdf
from tests.hostile.hostile_office import hostile_office
from tests.hostile.hostile_pdf import hostile_pdfs

MB = 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

Case = tuple[str, bytes, str]


def workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kecamatan", "bayi"])
    sheet.append(["Metro Pusat", 412])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(
    data: bytes, extra: dict[str, bytes] | None = None, edit: Callable | None = None
) -> bytes:
    """The zip `data` with entries added and parts changed by `edit(name, bytes)`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, edit(info.filename, body) if edit else body)
        for name, body in (extra or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def with_doctype(data: bytes, doctype: str) -> bytes:
    def edit(name: str, body: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return body
        text = body.decode()
        text = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        return (doctype + text).encode()

    return rezip(data, edit=edit)


def zip_bomb(base: bytes) -> bytes:
    """One part of 110 MiB of zeros (about 110 KB packed: ratio near 1000:1)."""
    return rezip(base, {"xl/media/image1.bin": bytes(110 * MB)})


def unpacks_too_big(base: bytes) -> bytes:
    """110 parts of 1,000,000 zeros each: under the ratio check's 1 MiB floor one by one,
    110 MB (over 100 MiB) together."""
    return rezip(base, {f"xl/media/p{i}.bin": bytes(1_000_000) for i in range(110)})


def many_entries(base: bytes) -> bytes:
    return rezip(base, {f"xl/customXml/item{i}.xml": b"<a/>" for i in range(10_000)})


def encrypted_xlsx() -> bytes:
    """An OLE2 compound file naming the EncryptedPackage stream, as Excel writes a workbook
    with a password to open."""
    name = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    directory = name.ljust(64, b"\x00") + struct.pack("<H", len(name)) + bytes(62)
    return OLE + bytes(504) + directory.ljust(512, b"\x00")


def png(width: int = 32, height: int = 24) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def pixel_flood(data: bytes, width: int, height: int) -> bytes:
    """A small PNG whose header claims `width` x `height` (CRC corrected)."""
    ihdr = bytearray(data[12:29])
    ihdr[4:12] = struct.pack(">II", width, height)
    crc = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return data[:12] + bytes(ihdr) + crc + data[33:]


def pdf_with(pdf: bytes, objects: bytes, catalog_extra: bytes = b"") -> bytes:
    """The sample PDF with objects inserted before its xref and the catalog extended."""
    body = pdf.replace(b"/Type /Catalog", b"/Type /Catalog " + catalog_extra, 1)
    return body.replace(b"xref\n", objects + b"xref\n", 1)


def objstm(inner: bytes, *, type_name: bytes = b"/ObjStm", raw: bytes | None = None) -> bytes:
    """Object 40: a compressed object stream holding object 41 = `inner`."""
    packed = raw if raw is not None else zlib.compress(b"41 0 " + inner)
    return (
        b"40 0 obj\n<< /Type "
        + type_name
        + b" /N 1 /First 5 /Filter /FlateDecode /Length "
        + str(len(packed)).encode()
        + b" >>\nstream\n"
        + packed
        + b"\nendstream\nendobj\n"
    )


def upload_corpus() -> dict[str, Case]:
    pdf = sample_pdf(["Laporan", "Dinas Kesehatan Kota Metro"])
    image = png()
    book = workbook()
    script = b"<< /S /JavaScript /JS (app.alert(1)) >>"
    return {
        "zero-byte": ("kosong.pdf", b"", "file.empty"),
        "over-size pdf": ("besar.pdf", pdf + b"%" * (10 * MB), "file.too_large"),
        "xlsx zip bomb": ("rekap.xlsx", zip_bomb(book), "file.zip_ratio"),
        "xlsx unpacking past 100 MB": (
            "rekap.xlsx",
            unpacks_too_big(book),
            "file.zip_too_big_unpacked",
        ),
        "10,000-entry zip": ("rekap.xlsx", many_entries(book), "file.zip_too_many_entries"),
        "zip-slip entry": ("rekap.xlsx", rezip(book, {"../../evil.sh": b"x"}), "file.zip_bad_name"),
        "billion laughs": ("rekap.xlsx", with_doctype(book, LAUGHS), "file.xml_entities"),
        "XXE": ("rekap.xlsx", with_doctype(book, EXTERNAL), "file.xml_entities"),
        "macro workbook renamed": (
            "rekap.xlsx",
            rezip(book, {"xl/vbaProject.bin": b"VBA"}),
            "file.macro",
        ),
        "legacy xls renamed": ("rekap.xlsx", OLE + bytes(1024), "file.legacy_or_encrypted"),
        "encrypted xlsx": ("rekap.xlsx", encrypted_xlsx(), "file.legacy_or_encrypted"),
        "HTML posing as PDF": (
            "laporan.pdf",
            b"<html><script>alert(1)</script></html>",
            "evidence.unknown_type",
        ),
        "truncated PDF": ("laporan.pdf", pdf[: len(pdf) // 2], "evidence.pdf_truncated"),
        "PDF OpenAction JavaScript": (
            "laporan.pdf",
            pdf_with(pdf, b"", b"/OpenAction " + script),
            "evidence.pdf_active",
        ),
        "PDF JavaScript in an object stream": (
            "laporan.pdf",
            pdf_with(pdf, objstm(script), b"/OpenAction 41 0 R"),
            "evidence.pdf_active",
        ),
        "PDF JavaScript in an escaped object stream": (
            "laporan.pdf",
            pdf_with(pdf, objstm(b"<< /S /J#61vaScript /JS (x) >>", type_name=b"/Obj#53tm")),
            "evidence.pdf_active",
        ),
        "PDF object stream bomb": (
            "laporan.pdf",
            pdf_with(pdf, objstm(b"", raw=zlib.compress(b" " * (25 * MB), 9))),
            "evidence.pdf_stream_too_big",
        ),
        "PDF broken object stream": (
            "laporan.pdf",
            pdf_with(pdf, objstm(b"", raw=b"not zlib at all")),
            "evidence.pdf_broken_stream",
        ),
        "polyglot PNG with a zip": ("foto.png", image + book, "evidence.hidden_data"),
        "polyglot PNG with HTML": (
            "foto.png",
            image + b"<html><script>x</script>",
            "evidence.hidden_data",
        ),
        "SVG with script": (
            "grafik.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "evidence.unknown_type",
        ),
        "pixel flood": ("peta.png", pixel_flood(image, 30_000, 30_000), "evidence.too_many_pixels"),
        "double extension": ("laporan.pdf.exe", pdf, "file.name_runnable"),
        "runnable inner extension": ("foto.js.png", image, "file.name_runnable"),
        **hostile_pdfs(),
        **hostile_office(),
    }


# Names Django's multipart parser cleans before Layak sees them; other callers (the API, a
# command) may pass them as they are, and the services refuse them.
RAW_NAMES = {
    "path traversal": ("../../etc/laporan.pdf", "file.name_unsafe"),
    "windows path": ("..\\..\\laporan.pdf", "file.name_unsafe"),
    "control character": ("laporan\x00.pdf", "file.name_unsafe"),
    "right-to-left override": ("laporan\u202efdp.exe", "file.name_unsafe"),
}
