"""The history under an answer reads as sentences: people by name, files by title and size,
statuses by their label; hashes, ids and internal flags stay in the audit log."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from layak.audit.models import AuditEvent
from layak.core.stages import Stage
from layak.demo.pdf import sample_pdf
from layak.evaluation.history import SENTENCES, read_history
from layak.evaluation.models import Answer
from tests.web.websupport import KEC_OKI, Q_KECAMATAN

pytestmark = pytest.mark.django_db
UNANSWERED_DINKES = "14.10"  # yes/no, left unanswered by the demo
NOTULEN_SIZE = 22417  # 21,9 KB


def history_of(client: Client, cycle: Any, code: str) -> str:
    page = html.unescape(
        client.get(reverse("evaluation:question", args=[cycle.pk, code])).content.decode()
    )
    block = page.split('id="h-riwayat"', 1)[1].split("</details>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block))


def notulen() -> SimpleUploadedFile:
    """Minutes of 22,417 bytes: a page with its text padded to that size."""
    data = sample_pdf(["Notulen rapat koordinasi imunisasi", "x" * 21742])
    assert len(data) == NOTULEN_SIZE
    return SimpleUploadedFile("Notulen.pdf", data, content_type="application/pdf")


def test_vina_sends_budis_answer_back_and_the_history_names_them(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    save = reverse("evaluation:save_answer", args=[cycle.pk, UNANSWERED_DINKES])
    assert budi.post(save, {"value": "ya", "note": "", "action": "ajukan"}).status_code == 302
    upload = reverse("evidence:upload", args=[cycle.pk, UNANSWERED_DINKES])
    sent = budi.post(
        upload,
        {"title": "Notulen rapat imunisasi", "document_year": str(cycle.year),
         "files": notulen()},
    )  # fmt: skip
    assert sent.status_code == 302

    vina = login("vina")
    verify = reverse(
        "evaluation:save_verification",
        args=[cycle.pk, UNANSWERED_DINKES, Stage.ADMINISTRATIVE.value],
    )
    note = "Lampirkan daftar hadir rapat."
    assert vina.post(verify, {"status": "perbaikan", "note": note}).status_code == 302

    history = history_of(vina, cycle, UNANSWERED_DINKES)
    assert "Vina Anggraini mengembalikan jawaban untuk diperbaiki pada tahap" in history
    assert note in history
    assert (
        "Budi Santoso menambahkan bukti “Notulen rapat imunisasi”: Notulen.pdf (21,9 KB)."
        in history
    )
    assert "Budi Santoso mengajukan jawaban." in history
    assert "jawaban: Ya" in history
    for internal in ("sha256", "False", "True", "dihapus", "ukuran", "berkas bukti", " budi "):
        assert internal not in history

    vina.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    history = history_of(vina, cycle, UNANSWERED_DINKES)
    assert "Vina Anggraini sent the answer back for revision at the" in history
    assert (
        "Budi Santoso added the evidence “Notulen rapat imunisasi”: Notulen.pdf (21.9 KB)."
        in history
    )
    assert "Budi Santoso submitted the answer." in history
    for internal in ("sha256", "False", "dihapus", "mengembalikan"):
        assert internal not in history
    # The audit log itself keeps every fact as recorded.
    added = AuditEvent.objects.get(action="evidence.add", after__title="Notulen rapat imunisasi")
    recorded = added.after or {}
    assert recorded["size"] == NOTULEN_SIZE
    assert len(recorded["sha256"]) == 64


def test_a_kecamatans_answer_is_told_by_the_kecamatans_name(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    oki = login("oki")
    url = reverse("evaluation:save_unit_answer", args=[cycle.pk, Q_KECAMATAN, KEC_OKI])
    assert oki.post(url, {"value": "ya"}).status_code == 302

    history = history_of(login("sari"), cycle, Q_KECAMATAN)
    assert "menyimpan jawaban Metro Pusat." in history
    assert KEC_OKI not in history
    assert "Jawaban kota dihitung ulang dari jawaban wilayah:" in history
    assert "units:" not in history
    assert "yes:" not in history


def test_sari_locks_a_stage_and_the_stages_page_says_so(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    sari = login("sari")
    window = cycle.windows.get(stage=Stage.SELF_ASSESSMENT.value)
    locked = sari.post(
        reverse("evaluation:lock", args=[cycle.pk, window.pk]),
        {"action": "kunci", "reason": "Rekap dikirim ke provinsi"},
    )
    assert locked.status_code == 302
    page = html.unescape(sari.get(reverse("evaluation:stages", args=[cycle.pk])).content.decode())
    assert (
        "Sari Wulandari mengunci tahap Penilaian mandiri. Alasan: Rekap dikirim ke provinsi" in page
    )
    assert "stage.lock" not in page


def test_the_question_page_reads_names_in_a_fixed_number_of_queries(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """People and units are read once for the whole history, not once per entry."""
    sari = login("sari")
    url = reverse("evaluation:question", args=[cycle.pk, Q_KECAMATAN])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert sari.get(url).status_code == 200
        return len(queries)

    before = count()
    save = reverse("evaluation:save_unit_answer", args=[cycle.pk, Q_KECAMATAN, KEC_OKI])
    oki = login("oki")
    for value in ("ya", "tidak", "ya", "tidak"):
        mine = Answer.objects.filter(cycle=cycle, question_code=Q_KECAMATAN, unit_id=KEC_OKI)
        version = str(mine[0].version if mine else 0)
        assert oki.post(save, {"value": value, "version": version}).status_code == 302
    assert AuditEvent.objects.filter(object_type="answer").count() >= 8
    login("sari")  # the one test client is Sari's again (Oki's saves left him messages)
    assert count() <= before + 3  # the names of people, units and agencies: one query each


def test_every_action_reads_in_both_languages() -> None:
    """Each sentence is in the catalogue: the English differs from the Indonesian."""
    for action in SENTENCES:
        event: Any = SimpleNamespace(
            action=action,
            at=None,
            actor_id=None,
            actor_name="sari",
            before={"status": "draf"},
            after={"status": "diterima", "stage": "administrasi"},
        )
        with translation.override("id"):
            [indonesian] = read_history([event])
        with translation.override("en"):
            [english] = read_history([event])
        assert indonesian.sentence != english.sentence, action
