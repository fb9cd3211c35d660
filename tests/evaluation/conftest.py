"""Fixtures of the evaluation workspace tests: Kota Metro's cycle, its people by name, and
small real files to upload as evidence.

Every test here runs in the demo world (see tests/conftest.py), inside its own rolled-back
transaction, so the stories can change answers, windows and locks freely.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from layak.accounts.models import User
from layak.audit.models import AuditEvent
from layak.core.stages import Stage
from layak.demo.pdf import sample_pdf
from layak.evaluation.models import Answer, Cycle, StageWindow
from layak.evidence.models import EvidenceFile


class People:
    """The demo's accounts by username: `people.budi`, `people.vina`, ..."""

    def __init__(self) -> None:
        self._known: dict[str, User] = {}

    def __getattr__(self, username: str) -> User:
        if username.startswith("_"):
            raise AttributeError(username)
        if username not in self._known:
            self._known[username] = User.objects.get(username=username)
        return self._known[username]


@pytest.fixture
def people(world: Any) -> People:
    return People()


@pytest.fixture
def region_answer(cycle: Cycle) -> Callable[[str], Answer]:
    """The region-level answer of a question, as it is in the database now."""

    def get(code: str) -> Answer:
        return Answer.objects.get(cycle=cycle, question_code=code, unit__isnull=True)

    return get


@pytest.fixture
def move_window(cycle: Cycle) -> Callable[..., None]:
    """`move_window(Stage.SELF_ASSESSMENT, opened=-40, closed=-1)`: days from now."""

    def move(stage: Stage, *, opened: int, closed: int) -> None:
        now = timezone.now()
        StageWindow.objects.filter(cycle=cycle, stage=stage.value).update(
            opens_at=now + timedelta(days=opened), closes_at=now + timedelta(days=closed)
        )

    return move


@dataclass(frozen=True)
class Counts:
    answers: int
    audit: int
    evidence: int
    stored_files: int


@pytest.fixture
def counts(isolated_file_storage: Path) -> Callable[[], Counts]:
    """What a refused write must leave as it was: rows, audit events and stored files."""

    def now() -> Counts:
        return Counts(
            Answer.objects.count(),
            AuditEvent.objects.count(),
            EvidenceFile.objects.count(),
            sum(1 for p in isolated_file_storage.rglob("*") if p.is_file()),
        )

    return now


# Small real files, as an officer would upload them.


@pytest.fixture(scope="session")
def pdf_bytes() -> bytes:
    return sample_pdf(["Laporan cakupan imunisasi 2024", "Dinas Kesehatan Kota Metro"])


@pytest.fixture(scope="session")
def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "white").save(buffer, "PNG")
    return buffer.getvalue()


def _xlsx(with_macro: bool = False) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["kecamatan", "bayi", "imunisasi lengkap"])
    sheet.append(["Metro Pusat", 412, 398])
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not with_macro:
        return buffer.getvalue()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", b'\x00Attribute VB_Name = "Module1"')
    return out.getvalue()


@pytest.fixture(scope="session")
def xlsx_bytes() -> bytes:
    return _xlsx()


@pytest.fixture(scope="session")
def macro_xlsx_bytes() -> bytes:
    return _xlsx(with_macro=True)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>Notulen rapat Gugus Tugas KLA</w:t></w:r></w:p></w:body>"
    b"</w:document>"
)


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", DOCUMENT)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture(scope="session")
def docx_bytes() -> bytes:
    return _docx()


@pytest.fixture(scope="session")
def zip_bomb_docx() -> bytes:
    """A docx whose one picture unpacks 1000-fold: 20 MB of zeros in about 20 kB."""
    return _docx({"word/media/image1.png": bytes(20 * 1024 * 1024)})


@pytest.fixture
def upload() -> Callable[[str, bytes], SimpleUploadedFile]:
    def make(name: str, data: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, data, content_type="application/octet-stream")

    return make
