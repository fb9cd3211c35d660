"""Active content in an uploaded PDF, found by reading the file as a PDF reader does.

pikepdf (qpdf) opens the file: it follows the cross-reference table (rebuilding it from the
objects themselves when it is damaged, as readers do), decrypts, and decodes streams with their
filters and predictors. Every object qpdf knows is checked, reachable from the document or not,
and so is every object packed in a compressed object stream, read at the offsets the stream's
own header gives: qpdf does not look inside object streams when it rebuilds a damaged table,
but a reader may, so those objects are checked whether the table lists them or not.

Refused (`evidence.pdf_active`, naming what was found):
- JavaScript anywhere: an action, the document's name tree, a field, an annotation, a /JS
  string or stream; additional actions run on events (/AA);
- actions that leave the document or play media: Launch, GoToR, GoToE, GoTo3DView, Thread,
  SubmitForm, ImportData, Sound, Movie, Rendition, RichMediaExecute; an opening action
  (/OpenAction) that does anything but go to a page;
- links to anything but http(s) and mailto (file:, \\\\server\\share, javascript:);
- XFA forms, embedded files and file attachments, multimedia and 3D annotations.
Ordinary links a reader clicks (http, https, mailto) are kept: reports and regulations are full
of them, and nothing is fetched until a person clicks.

The file is judged and stored as uploaded, never rewritten: a rewritten PDF would lose its
electronic signature (TTE) and would no longer match the hash of the uploader's file.

Work is bounded before it is done (docs/uploads.md): the file is at most 10 MB, the tables list
at most MAX_OBJECTS objects, the page tree holds at most MAX_PAGES pages, object streams decode
to at most MAX_UNPACKED bytes together, and qpdf decodes no single stream past that.
"""

from __future__ import annotations

import io
import re

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

from layak.core.messages import Message, msg

MB = 1024 * 1024
MAX_OBJECTS = 100_000
MAX_PAGES = 2_000
# Object streams hold dictionaries only: a few hundred KB in real documents.
MAX_UNPACKED = 20 * MB
MAX_WARNINGS = 10_000

# qpdf's limits are process-wide; nothing else in Layak reads PDFs with it. Flate, PNG/TIFF
# predictors and RunLength then never decode one stream (the cross-reference stream included,
# which qpdf decodes while opening) past the object-stream budget.
pikepdf.settings.set_qpdf_limits(
    flate_max_memory=MAX_UNPACKED,
    png_max_memory=MAX_UNPACKED,
    tiff_max_memory=MAX_UNPACKED,
    run_length_max_memory=MAX_UNPACKED,
    doc_max_warnings=MAX_WARNINGS,
)

# LZW has no memory limit in qpdf: a 1 MB LZW cross-reference stream takes 2 GB and 10 s to
# open. The filter has been obsolete since PDF 1.2 (1996), so a PDF that names it anywhere is
# refused before qpdf sees it. A name may spell any character as #xx, so each may be either.
LZW = re.compile(
    b"/"
    + b"".join(
        b"(?:%s|#%s[%s])" % (bytes([c]), b"%x" % (c >> 4), re.escape(b"%x%X" % (c & 15, c & 15)))
        for c in b"LZWDecode"
    )
)
# Object streams may use these filters only; the ASCII ones only shrink their input.
OBJSTM_FILTERS = frozenset(
    ("/FlateDecode", "/Fl", "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85")
)

# The rules below read each object as qpdf writes it back out: names spelled one way (no #xx),
# keys sorted, one space between a key and its value, strings escaped so a parenthesis inside
# one is always "\(" or "\)". Strings are removed before names are looked for, so a title
# that mentions /JS is text, not a script.
END = rb"(?=[\s/<>\[\]()]|$)"
STRING = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f]*>")
# Active content by its key alone, wherever it is; actions that run code, leave the document
# or play media, wherever they are (an action /Next, an annotation, a field, the name tree).
REFUSED = re.compile(
    rb"/(JS|JavaScript|XFA|EmbeddedFiles|EF|RichMediaContent|OnInstantiate)"
    + END
    + rb"|/S /(Launch|GoToR|GoToE|GoTo3DView|Thread|SubmitForm|ImportData|Sound|Movie"
    + rb"|Rendition|RichMediaExecute)"
    + END
    + rb"|/Subtype /(FileAttachment|Sound|Movie|RichMedia|Screen|3D)"
    + END
    + rb"|/Type /(EmbeddedFile|3D)"
    + END
    + rb"|/(AA) (?:<< /|\d+ \d+ R)"  # additional actions, run on events by themselves
)
OPENING = re.compile(rb"/OpenAction (?:<<|\d+ \d+ R)")
LINK = re.compile(rb"/URI (\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f]*>|\d+ \d+ R)")
# One cheap look at every object; only those it finds are read closely.
SUSPECT = re.compile(b"|".join((REFUSED.pattern, OPENING.pattern, rb"/URI ")))
LINK_SCHEMES = (b"http://", b"https://", b"mailto:")


class PdfRefused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def _active(what: str) -> PdfRefused:
    return PdfRefused(msg("evidence.pdf_active", what=what))


def check_pdf(data: bytes) -> None:
    """Raise PdfRefused when the PDF cannot be read, is too big to check, or holds active
    content anywhere a reader would act on it."""
    if LZW.search(data):
        raise PdfRefused(msg("evidence.pdf_unreadable_stream", filter="LZWDecode"))
    try:
        document = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PdfRefused(msg("evidence.pdf_password")) from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise PdfRefused(msg("evidence.pdf_damaged")) from None
    with document:
        try:
            _check(document)
        except PdfRefused:
            raise
        except (pikepdf.PdfError, ValueError, RuntimeError, TypeError):
            # qpdf raises on objects it cannot parse even after recovering; what cannot be
            # read cannot be shown safe.
            raise PdfRefused(msg("evidence.pdf_damaged")) from None


def _check(document: pikepdf.Pdf) -> None:
    table = document.get_xref_table()
    if len(table) > MAX_OBJECTS:
        raise _too_complex("objects", len(table), MAX_OBJECTS)
    # Object streams are decoded under the budget before qpdf resolves anything inside them.
    packed = {entry.obj_stream_number or 0 for entry in table.values() if entry.type == 2}
    for objgen, entry in table.items():
        if entry.type == 1:
            obj = document.get_object(objgen)
            if isinstance(obj, Stream) and obj.stream_dict.get("/Type") == Name.ObjStm:
                packed.add(objgen[0])
            _check_object(obj, document)
    unpacked = objects = 0
    for number in sorted(packed):
        stream = document.get_object((number, 0))
        if not isinstance(stream, Stream):
            raise PdfRefused(msg("evidence.pdf_broken_stream"))
        body = _decoded(stream)
        unpacked += len(body)
        if unpacked > MAX_UNPACKED:
            raise PdfRefused(msg("evidence.pdf_stream_too_big", limit=MAX_UNPACKED))
        listed = {
            entry.obj_stream_index or 0
            for entry in table.values()
            if entry.type == 2 and entry.obj_stream_number == number
        }
        objects += _check_packed(body, stream.stream_dict, listed, document)
        if objects > MAX_OBJECTS:
            raise _too_complex("objects", objects, MAX_OBJECTS)
    for objgen, entry in table.items():
        if entry.type == 2:
            _check_object(document.get_object(objgen), document)
    _check_object(document.trailer, document)
    if not isinstance(document.trailer.get("/Root"), Dictionary):
        raise PdfRefused(msg("evidence.pdf_damaged"))
    # qpdf lays the page tree out while opening, as a reader does (a page listed twice is
    # two pages); the count is the one a reader shows.
    if len(document.pages) > MAX_PAGES:
        raise _too_complex("pages", len(document.pages), MAX_PAGES)


def _too_complex(what: str, count: int, limit: int) -> PdfRefused:
    key = "evidence.pdf_too_many_pages" if what == "pages" else "evidence.pdf_too_many_objects"
    return PdfRefused(msg(key, count=count, limit=limit))


def _decoded(stream: Stream) -> bytes:
    """An object stream's data, refusing filters other than those object streams use."""
    filters = stream.stream_dict.get("/Filter")
    names = list(filters) if isinstance(filters, Array) else [] if filters is None else [filters]
    unknown = [str(name).lstrip("/") for name in names if str(name) not in OBJSTM_FILTERS]
    if unknown:
        raise PdfRefused(msg("evidence.pdf_unreadable_stream", filter="+".join(unknown)))
    try:
        return stream.read_bytes()
    except pikepdf.PdfError as error:
        if "memory limit" in str(error):  # qpdf's own limit on one stream, set above
            raise PdfRefused(msg("evidence.pdf_stream_too_big", limit=MAX_UNPACKED)) from None
        raise PdfRefused(msg("evidence.pdf_broken_stream")) from None


def _check_packed(body: bytes, header: Dictionary, listed: set[int], document: pikepdf.Pdf) -> int:
    """Check each object packed in an object stream at the offset its header gives, unless
    the table lists it there (qpdf then reads it like any other); the number of objects.
    The others are parsed by qpdf from a small PDF written around them."""
    first = header.get("/First")
    start = int(first) if isinstance(first, (int, pikepdf.Object)) else 0
    start = start if 0 <= start <= len(body) else 0
    numbers = [int(n) for n in re.findall(rb"\d+", body[:start])][1::2]
    offsets = sorted({n for n in numbers if n < len(body) - start})
    ends = dict(zip(offsets, [*offsets[1:], len(body) - start], strict=True))
    unlisted = sorted({n for i, n in enumerate(numbers) if i not in listed and n in ends})
    pieces = [body[start + offset : start + ends[offset]] for offset in unlisted]
    if not pieces:
        return len(numbers)
    with pikepdf.open(io.BytesIO(_wrapped(pieces))) as packed:
        for number in range(4, len(pieces) + 4):
            # References inside point into the real document, not the wrapper.
            _check_object(packed.get_object((number, 0)), document)
    return len(numbers)


def _wrapped(pieces: list[bytes]) -> bytes:
    """A one-page PDF (qpdf opens none without pages) with `pieces` as objects 4, 5, ..."""
    out = bytearray(b"%PDF-1.7\n")
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] >>",
        *pieces,
    ]
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        table,
    )
    return bytes(out)


def _check_object(obj: pikepdf.Object, document: pikepdf.Pdf) -> None:
    """One object (a stream by its dictionary), with the direct objects inside it; the
    objects it refers to are checked on their own."""
    holder = obj.stream_dict if isinstance(obj, Stream) else obj
    text = holder.unparse(resolved=True)
    if not SUSPECT.search(text):
        return
    for found in LINK.finditer(text):
        _check_link(found.group(1), document)
    names = STRING.sub(b"()", text)
    refused = REFUSED.search(names)
    if refused:
        what = next(g for g in refused.groups() if g).decode("ascii")
        raise _active({"JS": "JavaScript", "EF": "EmbeddedFile"}.get(what, what))
    if OPENING.search(names) and isinstance(holder, Dictionary):
        _check_opening(holder.get("/OpenAction"))


def _check_link(value: bytes, document: pikepdf.Pdf) -> None:
    """A link may lead to a web page or an e-mail, which opens only when clicked."""
    if value.startswith(b"("):
        target = value[1:-1]
    elif value.startswith(b"<"):
        target = bytes.fromhex(value[1:-1].decode("ascii"))
    else:
        number, generation = (int(n) for n in value.split()[:2])
        resolved = document.get_object((number, generation))
        target = bytes(resolved) if isinstance(resolved, String) else b""
    if not target.strip().lower().startswith(LINK_SCHEMES):
        scheme = target.strip().split(b":", 1)[0][:20].decode("latin-1")
        raise _active(f"URI {scheme}".strip())


def _check_opening(action: object) -> None:
    """The opening action may only show a page (a destination, or GoTo actions chained by
    /Next): anything else would run unasked."""
    chain = [action] if isinstance(action, Dictionary) else []
    for _ in range(50):  # a chain longer than that is no ordinary document's
        if not chain:
            return
        step = chain.pop()
        kind = step.get("/S")
        if kind != Name.GoTo:
            raise _active(f"OpenAction {str(kind).lstrip('/') if isinstance(kind, Name) else '?'}")
        following = step.get("/Next")
        steps = following if isinstance(following, Array) else [following]
        chain.extend(a for a in steps if isinstance(a, Dictionary))
    raise _active("OpenAction Next")
