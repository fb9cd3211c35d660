"""Active content in a PDF, found in its dictionaries, including those packed inside compressed
object streams (/Type /ObjStm, PDF 1.5+), which are inflated here under a fixed budget.

Stream bodies other than object streams (page content, images, fonts) are data in which bytes
such as `/JS ` occur by chance, about once in 10 MB of compressed images, so they are not
searched: active content is only ever named in a dictionary.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from layak.core.messages import Message, msg

MB = 1024 * 1024
# Object streams hold dictionaries only: a few hundred KB in real documents.
MAX_OBJSTM_UNPACKED = 20 * MB

# An OpenAction that runs something names its action (/S /JavaScript, /S /Launch); one that
# only opens a page is harmless, so /OpenAction itself is not on the list.
ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|AA)\b")
# A PDF name may spell any character as #xx (/J#61vaScript is /JavaScript).
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM_START = re.compile(rb">>\s*stream\r?\n")
OBJ_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")
OBJSTM = re.compile(rb"/Type\s*/ObjStm\b")
FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")


def _unescaped(data: bytes) -> bytes:
    return NAME_ESCAPE.sub(lambda m: bytes.fromhex(m.group(1).decode("ascii")), data)


def _active(data: bytes) -> bytes | None:
    """The first active-content name in dictionary text (escaped spellings included)."""
    found = ACTIVE.search(data) or ACTIVE.search(_unescaped(data))
    return found.group(1) if found else None


def _streams(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(dictionary, body start, body end) of every stream, in order."""
    pos = 0
    while (start := STREAM_START.search(data, pos)) is not None:
        end = data.find(b"endstream", start.end())
        if end < 0:
            return
        headers = list(OBJ_HEADER.finditer(data, pos, start.start()))
        begin = headers[-1].end() if headers else pos
        yield data[begin : start.start() + 2], start.end(), end
        pos = end + len(b"endstream")


def _inflate(body: bytes, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, budget + 1)
    except zlib.error:
        raise PdfRefused(msg("evidence.pdf_broken_stream")) from None
    if len(out) > budget:
        raise PdfRefused(msg("evidence.pdf_stream_too_big", limit=MAX_OBJSTM_UNPACKED))
    return out


class PdfRefused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def check_pdf(data: bytes) -> None:
    """Raise PdfRefused when the PDF holds active content anywhere a reader would act on it."""
    kept: list[bytes] = []
    pos = 0
    budget = MAX_OBJSTM_UNPACKED
    for dictionary, body_start, body_end in _streams(data):
        kept.append(data[pos:body_start])
        pos = body_end
        plain = _unescaped(dictionary)
        if not OBJSTM.search(plain):
            continue
        filters = FILTER.search(plain)
        names = re.findall(rb"/([A-Za-z0-9]+)", filters.group(1)) if filters else []
        if names not in ([], [b"FlateDecode"], [b"Fl"]):
            shown = "+".join(n.decode("ascii") for n in names)
            raise PdfRefused(msg("evidence.pdf_unreadable_stream", filter=shown))
        body = data[body_start:body_end]
        inner = _inflate(body, budget) if names else body
        budget -= len(inner)
        what = _active(inner)
        if what is not None:
            raise PdfRefused(msg("evidence.pdf_active", what=what.decode("ascii")))
    kept.append(data[pos:])
    what = _active(b"".join(kept))
    if what is not None:
        raise PdfRefused(msg("evidence.pdf_active", what=what.decode("ascii")))
