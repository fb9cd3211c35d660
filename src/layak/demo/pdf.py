"""A minimal one-page PDF writer for the demo's sample evidence (no external tools needed)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile


def _escape(text: str) -> str:
    # PDF string literals: Latin-1 only; anything else becomes '?'.
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def sample_pdf(lines: list[str]) -> bytes:
    """A valid PDF 1.4 with the lines in Helvetica, top to bottom."""
    text = ["BT", "/F1 16 Tf", "72 760 Td", "20 TL"]
    for i, line in enumerate(lines):
        if i == 1:
            text.append("/F1 11 Tf")
        text.append(f"({_escape(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def sample_upload(name: str, lines: list[str]) -> SimpleUploadedFile:
    """`sample_pdf` as an uploaded file named `name`, for the services that take uploads."""
    return SimpleUploadedFile(name, sample_pdf(lines), "application/pdf")
