"""What an uploaded file really is, judged by its bytes, and whether Layak keeps it.

Accepted: PDF, PNG, JPEG, xlsx and docx. Refused: anything else (HTML posing as PDF, SVG,
legacy Office files), files over the size limits, truncated PDFs, PDFs a PDF library cannot
read or that hold active content (pdfscan.py), images over 40 megapixels or with data hidden
after their end, Office files with unsafe zip contents, macros, ActiveX or OLE objects, DDE or
links followed on opening (officescan.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from PIL import Image

from layak.core.messages import Message, msg
from layak.files.officescan import OfficeRefused, check_office
from layak.files.pdfscan import PdfRefused, check_pdf

MB = 1024 * 1024
MAX_PDF_OR_IMAGE = 10 * MB
MAX_OFFICE = 10 * MB
MAX_PIXELS = 40_000_000

# Extensions of programs and pages a browser or desktop would run, anywhere in a file's name.
RUNNABLE = frozenset(
    (
        *("exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar", "js"),
        *("jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "hta", "lnk", "reg", "sh", "app"),
        *("apk", "html", "htm", "xhtml", "svg", "php"),
    )
)
HIDDEN_MARKUP = re.compile(rb"(?i)<\s*(script|html|svg|iframe)\b")


@dataclass(frozen=True, slots=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
XLSX = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)


KINDS = (PDF, PNG, JPEG, XLSX, DOCX)


def content_type_of(extension: str) -> str:
    """The content type of a file Layak stored with this extension (it chose the extension
    from the content), or the generic binary type."""
    found = next((kind for kind in KINDS if kind.extension == extension), None)
    return found.content_type if found else "application/octet-stream"


class Refused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def inspect(data: bytes) -> FileKind:
    """The kind of an acceptable file; raises Refused with the rule it breaks."""
    if not data:
        raise Refused(msg("file.empty"))
    if data.startswith(b"%PDF-"):
        return _pdf(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _image(data, PNG)
    if data.startswith(b"\xff\xd8\xff"):
        return _image(data, JPEG)
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise Refused(msg("file.legacy_or_encrypted"))
    raise Refused(msg("evidence.unknown_type"))


def _size(data: bytes, limit: int) -> None:
    if len(data) > limit:
        raise Refused(msg("file.too_large", size=len(data), limit=limit))


def _pdf(data: bytes) -> FileKind:
    _size(data, MAX_PDF_OR_IMAGE)
    if b"%%EOF" not in data[-2048:]:
        raise Refused(msg("evidence.pdf_truncated"))
    try:
        check_pdf(data)
    except PdfRefused as refusal:
        raise Refused(refusal.message) from None
    return PDF


def _image(data: bytes, kind: FileKind) -> FileKind:
    _size(data, MAX_PDF_OR_IMAGE)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Refused(
                    msg("evidence.too_many_pixels", pixels=width * height, limit=MAX_PIXELS)
                )
            image.verify()
    except Refused:
        raise
    except Image.DecompressionBombError:
        # Pillow itself refuses, from the header alone, images over twice its limit.
        raise Refused(
            msg("evidence.too_many_pixels", pixels=f"> {2 * MAX_PIXELS}", limit=MAX_PIXELS)
        ) from None
    except Exception:  # Pillow raises many kinds of errors for broken images
        raise Refused(msg("evidence.broken_image", kind=kind.label)) from None
    end = data.rfind(b"IEND\xaeB`\x82") + 8 if kind is PNG else data.rfind(b"\xff\xd9") + 2
    if end < 2 or data[end:].strip(b"\x00"):
        raise Refused(msg("evidence.hidden_data"))
    if HIDDEN_MARKUP.search(data):
        raise Refused(msg("evidence.hidden_data"))
    return kind


def _office(data: bytes) -> FileKind:
    _size(data, MAX_OFFICE)
    try:
        kind = check_office(data)
    except OfficeRefused as refusal:
        raise Refused(refusal.message) from None
    return XLSX if kind == "xlsx" else DOCX


def check_name(name: str) -> None:
    """Refuse a name with folders or control characters (a web form's names arrive cleaned by
    Django; other callers may pass anything) or with a program's extension in it
    (report.pdf.exe, foto.js.png): a downloaded copy must not pass for something to run."""
    if (
        any(not ch.isprintable() for ch in name)
        or "/" in name
        or "\\" in name
        or name.strip() in ("", ".", "..")
        or len(name) > 255
    ):
        raise Refused(msg("file.name_unsafe", name=safe_original_name(name)))
    parts = name.casefold().split(".")[1:]
    runnable = [p.strip() for p in parts if p.strip() in RUNNABLE]
    if runnable:
        raise Refused(msg("file.name_runnable", name=name, extension=runnable[-1]))


def inspect_upload(name: str, data: bytes) -> FileKind:
    """`inspect` for an upload with its name: the bytes first (what the file is matters
    most), then the name's rules."""
    kind = inspect(data)
    check_name(name)
    return kind


def safe_original_name(name: str) -> str:
    """The uploader's file name, kept only as a label: no folders, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return cleaned[:200] or "berkas"
