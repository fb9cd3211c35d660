"""Evidence (data dukung): Budi of Dinkes uploads the documents behind his answers. Files are
judged by their bytes, stored under names Layak chooses, and a refused or failed upload leaves
neither a row nor a file behind.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.evaluation.models import Answer, StageWindow
from layak.evaluation.queries.scores import evidence_counts
from layak.evidence import services
from layak.evidence.models import EvidenceFile
from layak.evidence.services import add_evidence, may_read, remove_evidence
from layak.files.inspect import Refused, inspect
from layak.regions.models import Region

pytestmark = pytest.mark.django_db

# 12.6 (Dinkes alone) is answered "tidak" in the demo, with no document yet.
IMMUNISATION = "12.6"
STORED = re.compile(r"^bukti/18\.72/\d{4}/[0-9a-f]{32}\.(pdf|png|xlsx|docx|jpg)$")


@pytest.fixture
def add(people, cycle, upload) -> Callable[..., list[EvidenceFile]]:
    """`add("laporan.pdf", data)`: Budi attaches files to 12.6 with a valid title and year."""

    def attach(
        *files: tuple[str, bytes], title: str = "Laporan imunisasi", year: str = "2024", **kw
    ) -> list[EvidenceFile]:
        user = kw.pop("user", people.budi)
        question = cycle.instrument.question(kw.pop("code", IMMUNISATION))
        return add_evidence(
            user,
            cycle,
            question,
            [upload(name, data) for name, data in files],
            title=title,
            year=year,
            **kw,
        )

    return attach


@pytest.mark.parametrize(
    ("name", "fixture", "extension", "content_type"),
    [
        ("laporan imunisasi.pdf", "pdf_bytes", "pdf", "application/pdf"),
        ("foto posyandu.png", "png_bytes", "png", "image/png"),
        ("rekap.xlsx", "xlsx_bytes", "xlsx", "spreadsheetml.sheet"),
        ("notulen.docx", "docx_bytes", "docx", "wordprocessingml.document"),
        # The name the uploader gives is only a label: content decides the kind.
        ("../../etc/scan.pdf", "png_bytes", "png", "image/png"),
    ],
)
def test_budi_adds_a_document_stored_under_a_name_layak_chooses(
    request, people, cycle, add, counts, name, fixture, extension, content_type
):
    data: bytes = request.getfixturevalue(fixture)
    before = counts()
    assert IMMUNISATION not in evidence_counts(cycle)

    (evidence,) = add((name, data), title="  Laporan cakupan imunisasi  ", year="2024")

    assert STORED.match(evidence.stored_name), evidence.stored_name
    assert evidence.stored_name.endswith(f".{extension}")
    assert evidence.original_name == name.rsplit("/", 1)[-1]
    assert evidence.original_name not in evidence.stored_name
    assert evidence.content_type.endswith(content_type)
    assert (evidence.title, evidence.document_year) == ("Laporan cakupan imunisasi", 2024)
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.size == len(data)
    assert evidence.uploaded_by == people.budi
    with default_storage.open(evidence.stored_name, "rb") as stored:
        assert stored.read() == data
    assert evidence_counts(cycle)[IMMUNISATION] == 1
    after = counts()
    assert (after.evidence, after.stored_files) == (before.evidence + 1, before.stored_files + 1)
    event = AuditEvent.objects.filter(action="evidence.add").first()
    assert event is not None
    assert (event.actor, event.object_id) == (people.budi, str(evidence.answer_id))
    assert event.after == {
        **evidence.snapshot(),
        "question": IMMUNISATION,
        "evidence": evidence.pk,
    }


def test_evidence_for_an_unanswered_question_creates_an_empty_answer(people, cycle, add, pdf_bytes):
    pending = "14.10"  # Dinkes; the demo leaves it unanswered
    assert not Answer.objects.filter(cycle=cycle, question_code=pending).exists()

    (evidence,) = add(("laporan.pdf", pdf_bytes), code=pending)

    answer = evidence.answer
    assert (answer.question_code, answer.value, answer.unit) == (pending, "", None)


# Files Layak refuses, each with the rule it breaks.


def sample_with(pdf: bytes, extra: bytes) -> bytes:
    return pdf.replace(b"/Type /Catalog", b"/Type /Catalog " + extra, 1)


def pixel_flood(png: bytes, width: int, height: int) -> bytes:
    """A small PNG whose header claims width × height (with a correct checksum)."""
    data = bytearray(png)
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def forty_eight_megapixels() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, "PNG")
    return buffer.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)

REFUSED = {
    # name: (what the uploader calls it, how it is made, the rule)
    "html named .pdf": (
        "laporan.pdf",
        lambda f: b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        "evidence.unknown_type",
    ),
    "pdf with javascript": (
        "laporan.pdf",
        lambda f: sample_with(f["pdf"], b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "evidence.pdf_active",
    ),
    "pdf with javascript in an escaped name": (
        "laporan.pdf",
        lambda f: sample_with(f["pdf"], b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"),
        "evidence.pdf_active",
    ),
    "pdf with javascript after a content stream": (
        "laporan.pdf",
        lambda f: f["pdf"].replace(
            b"/BaseFont /Helvetica", b"/BaseFont /Helvetica /AA << /O << /S /JavaScript >> >>"
        ),
        "evidence.pdf_active",
    ),
    "pdf with a launch action": (
        "laporan.pdf",
        lambda f: sample_with(f["pdf"], b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
        "evidence.pdf_active",
    ),
    "truncated pdf": (
        "laporan.pdf",
        lambda f: f["pdf"][: len(f["pdf"]) // 2],
        "evidence.pdf_truncated",
    ),
    # A file with a PDF's first and last lines and nothing a reader could open in between.
    "pdf with no document inside": (
        "laporan.pdf",
        lambda f: b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
        "evidence.pdf_damaged",
    ),
    "svg": (
        "grafik.svg",
        lambda f: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "evidence.unknown_type",
    ),
    "png with a script after its end": (
        "foto.png",
        lambda f: f["png"] + b"<script>alert(1)</script>",
        "evidence.hidden_data",
    ),
    "png with a zip after its end": (
        "foto.png",
        lambda f: f["png"] + f["docx"],
        "evidence.hidden_data",
    ),
    "png declaring 20000 x 20000 pixels": (
        "peta.png",
        lambda f: pixel_flood(f["png"], 20_000, 20_000),
        "evidence.too_many_pixels",
    ),
    "png of 48 megapixels": (
        "peta.png",
        lambda f: f["png48"],
        "evidence.too_many_pixels",
    ),
    "legacy office file": ("rekap.xls", lambda f: OLE, "file.legacy_or_encrypted"),
    "xlsx with macros": ("rekap.xlsx", lambda f: f["macro"], "file.macro"),
    "zip bomb docx": ("notulen.docx", lambda f: f["bomb"], "file.zip_ratio"),
    "empty file": ("kosong.pdf", lambda f: b"", "file.empty"),
}


@pytest.fixture(scope="module")
def samples(pdf_bytes, png_bytes, docx_bytes, macro_xlsx_bytes, zip_bomb_docx) -> dict:
    return {
        "pdf": pdf_bytes,
        "png": png_bytes,
        "docx": docx_bytes,
        "macro": macro_xlsx_bytes,
        "bomb": zip_bomb_docx,
        "png48": forty_eight_megapixels(),
    }


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_file_leaves_nothing_behind_but_one_audit_event(
    people, add, counts, samples, case
):
    name, make, rule = REFUSED[case]
    data = make(samples)
    before = counts()

    with pytest.raises(InputError) as refused:
        add((name, data))

    problems = refused.value.problems
    assert [(p.message.key, p.column) for p in problems] == [(rule, name)]
    after = counts()
    assert (after.answers, after.evidence, after.stored_files) == (
        before.answers,
        before.evidence,
        before.stored_files,
    )
    assert after.audit == before.audit + 1
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.action, event.actor, event.object_id) == (
        "unggahan_ditolak",
        people.budi,
        IMMUNISATION,
    )
    assert event.after == {"path": "bukti", "file": name, "rule": rule}


def test_a_scan_whose_image_bytes_happen_to_spell_js_is_accepted(add, pdf_bytes):
    """Compressed image data is random-looking: `/JS ` or `/AA>` turn up in it by chance
    (about once per 10 MB). That is data, not an action, and the scan is accepted."""
    pixels = bytes(range(256)) * 8 + b"\x8f/JS \x12\x00/AA>\x9c/Launch\x01" + bytes(range(256))
    image = (
        b"6 0 obj\n<< /Type /XObject /Subtype /Image /Width 64 /Height 40 /BitsPerComponent 8 "
        b"/ColorSpace /DeviceGray /Filter /FlateDecode /Length "
        + str(len(pixels)).encode()
        + b" >>\nstream\n"
        + pixels
        + b"\nendstream\nendobj\n"
    )
    scan = pdf_bytes.replace(b"xref\n", image + b"xref\n", 1)
    assert inspect(scan).extension == "pdf"

    (evidence,) = add(("pindaian.pdf", scan))
    assert evidence.content_type == "application/pdf"


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", list(REFUSED))
def test_inspect_names_the_rule(samples, case):
    """The same rules, straight from the inspector (Refused carries the message)."""
    _name, make, rule = REFUSED[case]
    with pytest.raises(Refused) as refused:
        inspect(make(samples))
    assert refused.value.message.key == rule


def test_one_bad_file_refuses_the_whole_upload(add, counts, pdf_bytes, png_bytes):
    before = counts()

    with pytest.raises(InputError) as refused:
        add(
            ("laporan.pdf", pdf_bytes),
            ("grafik.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            ("foto.png", png_bytes + b"<script>"),
        )

    assert [p.column for p in refused.value.problems] == ["grafik.svg", "foto.png"]
    after = counts()
    assert (after.evidence, after.stored_files) == (before.evidence, before.stored_files)
    assert after.audit == before.audit + 2  # one event per refused file


@pytest.mark.parametrize(
    ("title", "year", "problems"),
    [
        ("", "2024", [("evidence.title_required", "title")]),
        ("Laporan", "1999", [("evidence.bad_year", "document_year")]),
        ("Laporan", "next", [("evidence.bad_year", "document_year")]),
        ("Laporan", "dua ribu", [("evidence.bad_year", "document_year")]),
        ("  ", "", [("evidence.title_required", "title"), ("evidence.bad_year", "document_year")]),
    ],
)
def test_a_document_needs_a_title_and_a_plausible_year(
    add, counts, pdf_bytes, title, year, problems
):
    if year == "next":
        year = str(timezone.localdate().year + 1)
    before = counts()

    with pytest.raises(InputError) as refused:
        add(("laporan.pdf", pdf_bytes), title=title, year=year)

    assert [(p.message.key, p.column) for p in refused.value.problems] == problems
    # Nothing is stored; the file itself was never judged, so there is no refusal to log.
    assert counts() == before


def test_a_failed_database_write_removes_the_files_already_stored(
    add, counts, monkeypatch, pdf_bytes, png_bytes
):
    """The first file is stored and recorded; recording the second fails: the transaction is
    rolled back, and both stored files are deleted again."""
    real_record = services.record_evidence_event
    calls = []

    def record_then_fail(*args, **kwargs):
        calls.append(args[0])
        if len(calls) > 1:
            raise RuntimeError("disk full")
        return real_record(*args, **kwargs)

    monkeypatch.setattr(services, "record_evidence_event", record_then_fail)
    before = counts()

    with pytest.raises(RuntimeError, match="disk full"):
        add(("laporan.pdf", pdf_bytes), ("foto.png", png_bytes), code="14.10")

    assert calls == ["evidence.add", "evidence.add"]
    assert counts() == before  # no answer, no row, no audit event, no file


def test_budi_cannot_attach_files_to_another_agencys_question(people, add, counts, pdf_bytes):
    before = counts()
    with pytest.raises(PermissionDenied):
        add(("akta.pdf", pdf_bytes), code="4.1")
    with pytest.raises(PermissionDenied):
        add(("akta.pdf", pdf_bytes), code=IMMUNISATION, user=people.dewi)
    assert counts() == before


def test_documents_wait_for_an_open_window(cycle, add, counts, move_window, pdf_bytes):
    move_window(Stage.SELF_ASSESSMENT, opened=-60, closed=-1)
    before = counts()
    with pytest.raises(InputError) as refused:
        add(("laporan.pdf", pdf_bytes))
    assert refused.value.problems[0].message.key == "stage.closed"
    assert counts() == before

    # Field verification gives regions about 2×24 hours to upload what is missing.
    now = timezone.now()
    StageWindow.objects.filter(cycle=cycle, stage=Stage.FIELD.value).update(
        opens_at=now - timezone.timedelta(hours=1),
        documents_until=now + timezone.timedelta(hours=47),
    )
    (late,) = add(("laporan.pdf", pdf_bytes))
    assert late.pk is not None


# Removing and reading.


def test_budi_removes_a_file_it_stays_stored_but_counts_no_more(
    people, cycle, add, pdf_bytes, counts
):
    (evidence,) = add(("laporan.pdf", pdf_bytes))
    assert evidence_counts(cycle)[IMMUNISATION] == 1
    stored = counts().stored_files

    removed = remove_evidence(people.budi, evidence)

    assert removed.removed_at is not None
    assert removed.removed_by == people.budi
    assert IMMUNISATION not in evidence_counts(cycle)
    assert default_storage.exists(evidence.stored_name)
    assert counts().stored_files == stored
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()
    event = AuditEvent.objects.filter(action="evidence.remove").first()
    assert event is not None
    assert event.before is not None
    assert event.after is not None
    assert (event.before["removed"], event.after["removed"]) == (False, True)

    events = AuditEvent.objects.count()
    assert remove_evidence(people.budi, removed).removed_at == removed.removed_at
    assert AuditEvent.objects.count() == events  # removing twice changes nothing


def test_budi_cannot_remove_a_disdukcapil_file(people, add, pdf_bytes):
    (birth_records,) = add(("akta.pdf", pdf_bytes), code="4.1", user=people.dewi)

    with pytest.raises(PermissionDenied):
        remove_evidence(people.budi, birth_records)

    birth_records.refresh_from_db()
    assert birth_records.removed_at is None


def test_who_may_read_a_file(people, add, pdf_bytes):
    (dinkes_file,) = add(("laporan.pdf", pdf_bytes))

    readers = {
        name: may_read(getattr(people, name), dinkes_file)
        for name in ("budi", "dewi", "sari", "kartika", "vina", "nadia", "oki", "mitra")
    }
    assert readers == {
        "budi": True,
        "dewi": False,  # an officer of another agency
        "sari": True,
        "kartika": True,
        "vina": True,
        "nadia": True,
        "oki": False,  # an operator reads only his own unit's files
        "mitra": False,
    }


def test_an_operator_reads_only_his_own_units_files(people, add, pdf_bytes):
    metro_pusat = Region.objects.get(code="18.72.01")
    metro_timur = Region.objects.get(code="18.72.02")
    (own,) = add(("sk.pdf", pdf_bytes), code="25.2", user=people.oki, unit=metro_pusat)
    (other,) = add(("sk.pdf", pdf_bytes), code="25.2", user=people.sari, unit=metro_timur)
    (region_level,) = add(("rekap.pdf", pdf_bytes), code="25.2", user=people.sari)

    assert may_read(people.oki, own)
    assert not may_read(people.oki, other)
    assert not may_read(people.oki, region_level)
    assert may_read(people.sari, other)
    with pytest.raises(PermissionDenied):
        remove_evidence(people.oki, other)


def test_nobody_reads_a_removed_file(people, add, pdf_bytes):
    """The file and its history are kept, but it is no one's to download any more."""
    (evidence,) = add(("laporan.pdf", pdf_bytes))
    removed = remove_evidence(people.budi, evidence)

    readers = ("admin", "budi", "sari", "kartika", "vina", "nadia")
    assert {name: may_read(getattr(people, name), removed) for name in readers} == dict.fromkeys(
        readers, False
    )
    assert default_storage.exists(removed.stored_name)
