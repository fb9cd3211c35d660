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
  SubmitForm, ImportData, Sound, Movie, Rendition, RichMediaExecute, and any action type not
  known here; an opening action (/OpenAction) that does anything but go to a page;
- links to anything but http(s) and mailto (file:, \\\\server\\share, javascript:);
- XFA forms, embedded files and file attachments, multimedia and 3D annotations.
Ordinary links a reader clicks (http, https, mailto) are kept: reports and regulations are full
of them, and nothing is fetched until a person clicks.

The file is judged and stored as uploaded, never rewritten: a rewritten PDF would lose its
electronic signature (TTE) and would no longer match the hash of the uploader's file.

Work is bounded before it is done (docs/uploads.md): the file is at most 10 MB, the tables list
at most MAX_OBJECTS objects, the page tree holds at most MAX_PAGES pages, object streams decode
to at most MAX_UNPACKED bytes together (and qpdf decodes no single stream past that), and the
walk visits at most MAX_ITEMS dictionary entries and array items.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String

from layak.core.messages import Message, msg

MB = 1024 * 1024
MAX_OBJECTS = 100_000
MAX_PAGES = 2_000
# Object streams hold dictionaries only: a few hundred KB in real documents.
MAX_UNPACKED = 20 * MB
MAX_ITEMS = 2_000_000
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

# Actions that reach outside the document, run code or play media, wherever they are.
REFUSED_ACTIONS = frozenset(
    (
        *("/JavaScript", "/Launch", "/GoToR", "/GoToE", "/GoTo3DView", "/Thread"),
        *("/SubmitForm", "/ImportData", "/Sound", "/Movie", "/Rendition", "/RichMediaExecute"),
    )
)
# What an action slot (/A, /Next) may hold: moving within the document, an ordinary link,
# showing or hiding parts of it, resetting a form.
ALLOWED_ACTIONS = frozenset(
    ("/GoTo", "/GoToDp", "/URI", "/Named", "/Hide", "/SetOCGState", "/Trans", "/ResetForm")
)
LINK_SCHEMES = ("http://", "https://", "mailto:")
# Keys whose presence alone is active content or a file inside the file.
REFUSED_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/XFA": "XFA",
    "/EmbeddedFiles": "EmbeddedFiles",
    "/EF": "EmbeddedFile",
    "/RichMediaContent": "RichMedia",
    "/OnInstantiate": "3D JavaScript",
}
REFUSED_SUBTYPES = frozenset(
    ("/FileAttachment", "/Sound", "/Movie", "/RichMedia", "/Screen", "/3D")
)
REFUSED_TYPES = frozenset(("/EmbeddedFile", "/3D", "/RichMediaContent"))


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
    walk = _Walk()
    # Object streams are decoded under the budget before qpdf resolves anything inside them.
    packed = {entry.obj_stream_number or 0 for entry in table.values() if entry.type == 2}
    for objgen, entry in table.items():
        if entry.type == 1:
            obj = document.get_object(objgen)
            if isinstance(obj, Stream) and obj.stream_dict.get("/Type") == Name.ObjStm:
                packed.add(objgen[0])
    for number in sorted(packed):
        stream = document.get_object((number, 0))
        if not isinstance(stream, Stream):
            raise PdfRefused(msg("evidence.pdf_broken_stream"))
        walk.objects += _check_packed(_decoded(stream, walk), stream.stream_dict, walk)
        if walk.objects > MAX_OBJECTS:
            raise _too_complex("objects", walk.objects, MAX_OBJECTS)
    walk.visit(document.trailer)
    for objgen, entry in table.items():
        if entry.type in (1, 2):
            walk.visit(document.get_object(objgen))
    catalog = document.trailer.get("/Root")
    if not isinstance(catalog, Dictionary):
        raise PdfRefused(msg("evidence.pdf_damaged"))
    _check_opening(catalog.get("/OpenAction"))
    pages = _count_pages(catalog.get("/Pages"))
    if pages > MAX_PAGES:
        raise _too_complex("pages", pages, MAX_PAGES)


def _too_complex(what: str, count: int, limit: int) -> PdfRefused:
    key = "evidence.pdf_too_many_pages" if what == "pages" else "evidence.pdf_too_many_objects"
    return PdfRefused(msg(key, count=count, limit=limit))


def _decoded(stream: Stream, walk: _Walk) -> bytes:
    """An object stream's data, refusing filters other than those object streams use and a
    total over the budget."""
    filters = stream.stream_dict.get("/Filter")
    names = list(filters) if isinstance(filters, Array) else [] if filters is None else [filters]
    unknown = [str(name).lstrip("/") for name in names if str(name) not in OBJSTM_FILTERS]
    if unknown:
        raise PdfRefused(msg("evidence.pdf_unreadable_stream", filter="+".join(unknown)))
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError as error:
        if "memory limit" in str(error):  # qpdf's own limit on one stream, set above
            raise PdfRefused(msg("evidence.pdf_stream_too_big", limit=MAX_UNPACKED)) from None
        raise PdfRefused(msg("evidence.pdf_broken_stream")) from None
    walk.unpacked += len(data)
    if walk.unpacked > MAX_UNPACKED:
        raise PdfRefused(msg("evidence.pdf_stream_too_big", limit=MAX_UNPACKED))
    return data


def _check_packed(body: bytes, header: Dictionary, walk: _Walk) -> int:
    """Check each object packed in an object stream at the offset its header gives; the
    number of objects. They are parsed by qpdf from a small PDF written around them."""
    first = header.get("/First")
    start = int(first) if isinstance(first, (int, pikepdf.Object)) else 0
    start = start if 0 <= start <= len(body) else 0
    numbers = re.findall(rb"\d+", body[:start])
    offsets = sorted({int(n) for n in numbers[1::2] if int(n) < len(body) - start})
    if not offsets:
        return 0
    ends = [*offsets[1:], len(body) - start]
    pieces = [body[start + a : start + b] for a, b in zip(offsets, ends, strict=True)]
    with pikepdf.open(io.BytesIO(_wrapped(pieces))) as packed:
        for number in range(4, len(pieces) + 4):
            walk.visit(packed.get_object((number, 0)))
    return len(pieces)


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


class _Walk:
    """Every dictionary inside the objects it is given (not following references: each
    indirect object is given on its own), checked against the rules above."""

    def __init__(self) -> None:
        self.items = 0
        self.objects = 0
        self.unpacked = 0

    def visit(self, root: pikepdf.Object) -> None:
        stack = [root]
        while stack:
            obj = stack.pop()
            if isinstance(obj, Stream):
                obj = obj.stream_dict
            if isinstance(obj, Dictionary):
                _check_dictionary(obj)
                children: Iterator[pikepdf.Object] = iter(obj.values())
                self.items += len(obj)
            elif isinstance(obj, Array):
                children = iter(obj)
                self.items += len(obj)
            else:
                continue
            if self.items > MAX_ITEMS:
                raise _too_complex("objects", self.items, MAX_ITEMS)
            stack.extend(
                child
                for child in children
                if isinstance(child, (Dictionary, Array)) and not child.is_indirect
            )


def _check_dictionary(d: Dictionary) -> None:
    keys = set(d.keys())
    found = keys & REFUSED_KEYS.keys()
    if found:
        raise _active(REFUSED_KEYS[min(found)])
    kind = d.get("/S")
    if isinstance(kind, Name):
        if str(kind) in REFUSED_ACTIONS:
            raise _active(str(kind).lstrip("/"))
        if kind == Name.URI:
            _check_link(d.get("/URI"))
    if isinstance(d.get("/Subtype"), Name) and str(d["/Subtype"]) in REFUSED_SUBTYPES:
        raise _active(str(d["/Subtype"]).lstrip("/"))
    if isinstance(d.get("/Type"), Name) and str(d["/Type"]) in REFUSED_TYPES:
        raise _active(str(d["/Type"]).lstrip("/"))
    events = d.get("/AA")
    if isinstance(events, Dictionary) and len(events):
        raise _active("AA")
    if "/A" in keys:
        _check_slot(d.get("/A"))
    if "/Next" in keys and isinstance(kind, Name):  # an action's chain, not an outline's
        _check_slot(d.get("/Next"))


def _check_slot(value: object) -> None:
    """An action slot holds an action (or, for /Next, an array of them) of a known kind."""
    for action in value if isinstance(value, Array) else [value]:
        if not isinstance(action, Dictionary):
            continue  # a destination, or nothing: nothing runs
        kind = action.get("/S")
        if not isinstance(kind, Name) or str(kind) not in ALLOWED_ACTIONS:
            raise _active(str(kind).lstrip("/") if isinstance(kind, Name) else "Action")


def _check_link(target: object) -> None:
    uri = bytes(target).decode("latin-1") if isinstance(target, String) else ""
    if not uri.strip().lower().startswith(LINK_SCHEMES):
        scheme = uri.strip().split(":", 1)[0][:20] if ":" in uri else uri.strip()[:20]
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


def _count_pages(root: object) -> int:
    """Leaves of the page tree, counted as a reader lays them out (a page listed twice counts
    twice), stopping past the limit."""
    count = 0
    stack = [root]
    seen: set[tuple[int, int]] = set()
    while stack and count <= MAX_PAGES:
        node = stack.pop()
        if not isinstance(node, Dictionary):
            continue
        kids = node.get("/Kids")
        if isinstance(kids, Array):
            if node.is_indirect:
                if node.objgen in seen:
                    continue  # a loop in the tree: qpdf breaks it too
                seen.add(node.objgen)
            stack.extend(kids)
        else:
            count += 1
    return count
