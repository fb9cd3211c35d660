"""T7, spelled out: one agency's officer never reaches another agency's work; stakeholders and
Forum Anak see no evaluation page; another region's cycle does not exist for a region's staff;
locked stages refuse writes through the views, not only in the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.loader import load_builtin
from layak.core.stages import Stage
from layak.evaluation.models import Answer, StageWindow, Verification
from layak.evaluation.services import set_lock
from layak.evaluation.setup import open_cycle
from layak.evidence.models import EvidenceFile
from layak.regions.models import Region
from tests.support.people import USERNAMES
from tests.web.websupport import (
    KEC_OKI,
    KEC_OTHER,
    Q_DINKES,
    Q_DUKCAPIL,
    Q_KECAMATAN,
    walk_urls,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _answer(cycle: Any, code: str, unit: str | None = None) -> tuple[Any, ...]:
    answer = Answer.objects.get(cycle=cycle, question_code=code, unit_id=unit)
    return (answer.value, answer.points, answer.note, answer.status, answer.version)


def test_officer_never_reads_or_changes_another_agencys_question(
    cycle: Any,
    login: Callable[[str], Client],
    evidence_on: Callable[..., int],
    pdf_upload: Callable[..., Any],
) -> None:
    """budi (Dinkes) against 4.2, a question of dewi's Disdukcapil only."""
    label = cycle.instrument.question(Q_DUKCAPIL).label
    file_id = evidence_on(Q_DUKCAPIL)
    before = _answer(cycle, Q_DUKCAPIL)
    files_before = EvidenceFile.objects.count()
    events_before = AuditEvent.objects.exclude(action__startswith="auth.").count()
    c = cycle.pk
    budi = login("budi")

    page = budi.get(reverse("evaluation:question", args=[c, Q_DUKCAPIL]))
    assert page.status_code == 404
    assert label not in page.content.decode()  # not even a hint that it exists
    for headers in ({}, HTMX):
        save = budi.post(
            reverse("evaluation:save_answer", args=[c, Q_DUKCAPIL]),
            {"value": "tidak", "note": "bukan milik saya", "action": "ajukan", "version": "1"},
            **headers,
        )
        assert save.status_code == 404
    upload = budi.post(
        reverse("evidence:upload", args=[c, Q_DUKCAPIL]),
        {"title": "Akta", "document_year": str(cycle.year), "files": pdf_upload()},
    )
    assert upload.status_code == 404
    download = budi.get(reverse("evidence:download", args=[file_id]))
    assert download.status_code == 404
    remove = budi.post(reverse("evidence:remove", args=[file_id]), **HTMX)
    assert remove.status_code == 404
    listing = budi.get(reverse("evaluation:questions", args=[c]), {"cari": Q_DUKCAPIL})
    assert f"/pertanyaan/{Q_DUKCAPIL}/" not in listing.content.decode()

    assert _answer(cycle, Q_DUKCAPIL) == before
    assert EvidenceFile.objects.count() == files_before
    assert EvidenceFile.objects.get(pk=file_id).removed_at is None
    # No download and no change recorded.
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == events_before

    # The same requests by dewi succeed, so the 404s above are budi's and not the URLs'.
    dewi = login("dewi")
    assert dewi.get(reverse("evaluation:question", args=[c, Q_DUKCAPIL])).status_code == 200
    response = dewi.get(reverse("evidence:download", args=[file_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_officers_are_kept_apart_in_both_directions(
    cycle: Any, login: Callable[[str], Client], evidence_on: Callable[..., int]
) -> None:
    dinkes_file = evidence_on(Q_DINKES)
    dewi = login("dewi")
    c = cycle.pk
    assert dewi.get(reverse("evaluation:question", args=[c, Q_DINKES])).status_code == 404
    assert dewi.get(reverse("evidence:download", args=[dinkes_file])).status_code == 404
    save = dewi.post(
        reverse("evaluation:save_answer", args=[c, Q_DINKES]), {"value": "0", "action": "ajukan"}
    )
    assert save.status_code == 404
    assert _answer(cycle, Q_DINKES)[0] == "100"


@pytest.mark.parametrize("username", ["mitra", "forumanak"])
def test_stakeholder_and_forum_anak_get_403_on_every_evaluation_page(
    username: str, login: Callable[[str], Client], target: Callable[..., Any]
) -> None:
    client = login(username)
    names = [
        name
        for _, name, _ in walk_urls()
        # home is in the matrix: a Forum Anak member's home is their aspirations page
        if name.split(":")[0] in ("evaluation", "evidence", "regions")
    ]
    assert len(names) > 15
    # Each refusal is audited (access.denied) but changes nothing.
    changes = AuditEvent.objects.exclude(action__startswith="auth.").exclude(action="access.denied")
    before, refused = changes.count(), 0
    for name in names:
        concrete = target(name, username, "own")
        for method in ("get", "post"):
            response = getattr(client, method)(concrete.url, concrete.data)
            if response.status_code == 405:  # a form's target (POST only) or a page (GET only)
                assert response["Allow"] == ("POST" if method == "get" else "GET")
                continue
            assert response.status_code == 403, f"{method.upper()} {concrete.url}"
            refused += 1
    assert changes.count() == before
    assert AuditEvent.objects.filter(action="access.denied", actor_name=username).count() == refused


def test_another_regions_cycle_is_not_there_for_this_regions_staff(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    now = timezone.now()
    day = timedelta(days=1)
    windows = {Stage.SELF_ASSESSMENT: (now - day, now + day, None)}
    lampung, _ = open_cycle(
        Region.objects.get(code="18.71"), cycle.year, load_builtin("kla-2024"), windows
    )
    pages = [
        reverse("evaluation:dashboard", args=[lampung.pk]),
        reverse("evaluation:questions", args=[lampung.pk]),
        reverse("evaluation:question", args=[lampung.pk, "1.1"]),
    ]
    for username in ("sari", "kartika", "budi", "oki"):
        client = login(username)
        for url in pages:
            assert client.get(url).status_code == 404, f"{username} {url}"
    stages = reverse("evaluation:stages", args=[lampung.pk])
    assert login("sari").get(stages).status_code == 404
    assert login("admin").get(stages).status_code == 200
    # Lampung's verifier, the national verifier and the administrator do see it.
    for username in ("vina", "nadia", "admin"):
        client = login(username)
        for url in pages:
            assert client.get(url).status_code == 200, f"{username} {url}"
    # Lampung's verifier does not see a region of another province (Kota Bengkulu).
    bengkulu, _ = open_cycle(
        Region.objects.get(code="17.71"), cycle.year, load_builtin("kla-2024"), windows
    )
    vina = login("vina")
    assert vina.get(reverse("evaluation:dashboard", args=[bengkulu.pk])).status_code == 404
    assert (
        login("nadia").get(reverse("evaluation:dashboard", args=[bengkulu.pk])).status_code == 200
    )
    # A window of the other cycle cannot be locked through this region's cycle.
    window = StageWindow.objects.get(cycle=lampung)
    sari = login("sari")
    response = sari.post(
        reverse("evaluation:lock", args=[cycle.pk, window.pk]), {"action": "kunci", "reason": "x"}
    )
    assert response.status_code == 404
    window.refresh_from_db()
    assert not window.locked


def test_home_lists_each_persons_cycles(cycle: Any, login: Callable[[str], Client]) -> None:
    """With one cycle in view home goes straight to it; with two it lists them."""
    now = timezone.now()
    windows = {Stage.SELF_ASSESSMENT: (now, now + timedelta(days=1), None)}
    open_cycle(Region.objects.get(code="18.71"), cycle.year, load_builtin("kla-2024"), windows)
    assert login("sari").get("/")["Location"] == reverse("evaluation:dashboard", args=[cycle.pk])
    page = login("vina").get("/")
    assert page.status_code == 200
    assert "Kota Bandar Lampung" in page.content.decode()
    assert "Kota Metro" in page.content.decode()


@pytest.fixture
def locked_self_assessment(cycle: Any, users: dict[str, Any]) -> str:
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    reason = "Rekap dikirim ke provinsi"
    set_lock(users["sari"], window, locked=True, reason=reason)
    return reason


def test_locked_stage_rejects_answer_writes_through_the_views(
    cycle: Any, login: Callable[[str], Client], locked_self_assessment: str
) -> None:
    before = _answer(cycle, Q_DINKES)
    events = AuditEvent.objects.exclude(action__startswith="auth.").count()
    budi = login("budi")
    url = reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES])
    data = {"value": "50", "note": "", "action": "ajukan", "version": "1"}

    plain = budi.post(url, data)
    assert plain.status_code == 400
    text = plain.content.decode()
    assert "dikunci oleh sekretariat" in text
    assert locked_self_assessment in text
    partial = budi.post(url, data, **HTMX)
    assert partial.status_code == 400
    assert "dikunci oleh sekretariat" in partial.content.decode()
    assert "<html" not in partial.content.decode()

    # The page itself offers no form while the stage is locked.
    page = budi.get(reverse("evaluation:question", args=[cycle.pk, Q_DINKES])).content.decode()
    assert url not in page
    assert _answer(cycle, Q_DINKES) == before
    assert AuditEvent.objects.exclude(action__startswith="auth.").count() == events


def test_locked_stage_rejects_files_and_unit_answers_through_the_views(
    cycle: Any,
    login: Callable[[str], Client],
    evidence_on: Callable[..., int],
    pdf_upload: Callable[..., Any],
    locked_self_assessment: str,
) -> None:
    file_id = evidence_on(Q_DINKES)
    files = EvidenceFile.objects.count()
    budi = login("budi")
    upload = budi.post(
        reverse("evidence:upload", args=[cycle.pk, Q_DINKES]),
        {"title": "Laporan", "document_year": str(cycle.year), "files": pdf_upload()},
    )
    assert upload.status_code == 400
    assert "dikunci oleh sekretariat" in upload.content.decode()
    remove = budi.post(reverse("evidence:remove", args=[file_id]))
    assert remove.status_code == 400
    assert "dikunci oleh sekretariat" in remove.content.decode()
    assert EvidenceFile.objects.count() == files
    assert EvidenceFile.objects.get(pk=file_id).removed_at is None

    before = _answer(cycle, Q_KECAMATAN, KEC_OKI)
    oki = login("oki")
    unit = oki.post(
        reverse("evaluation:save_unit_answer", args=[cycle.pk, Q_KECAMATAN, KEC_OKI]),
        {"value": "tidak", "version": "1"},
    )
    assert unit.status_code == 400
    assert "dikunci oleh sekretariat" in unit.content.decode()
    assert _answer(cycle, Q_KECAMATAN, KEC_OKI) == before


def test_locked_verification_stage_rejects_the_verifiers_decision(
    cycle: Any, users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.ADMINISTRATIVE.value)
    set_lock(users["sari"], window, locked=True, reason="Menunggu jadwal ulang")
    vina = login("vina")
    url = reverse(
        "evaluation:save_verification", args=[cycle.pk, Q_DINKES, Stage.ADMINISTRATIVE.value]
    )
    response = vina.post(url, {"status": "diterima", "note": ""})
    assert response.status_code == 400
    assert "Menunggu jadwal ulang" in response.content.decode()
    assert not Verification.objects.filter(answer__question_code=Q_DINKES).exists()


def test_every_demo_user_is_in_the_tests(users: dict[str, Any]) -> None:
    assert set(users) == set(USERNAMES)


def test_an_operator_reads_only_his_units_and_the_citys_history(
    cycle: Any,
    users: dict[str, Any],
    login: Callable[[str], Client],
    evidence_on: Callable[..., int],
) -> None:
    """Metro Utara's answer, note and file are not Oki's (Metro Pusat) to read, not even in the
    question's history; Sari, who keeps every unit, reads them."""
    from layak.evaluation.services import save_answer
    from layak.regions.models import Region

    question = cycle.instrument.question(Q_KECAMATAN)
    other = Region.objects.get(code=KEC_OTHER)
    mine = Answer.objects.get(cycle=cycle, question_code=Q_KECAMATAN, unit=other)
    save_answer(
        users["sari"],
        cycle,
        question,
        value="ya",
        note="catatan internal Metro Utara",
        expected_version=mine.version,
        submit=True,
        unit=other,
    )
    file_id = evidence_on(Q_KECAMATAN, KEC_OTHER)
    secret = EvidenceFile.objects.get(pk=file_id)

    oki = login("oki").get(reverse("evaluation:question", args=[cycle.pk, Q_KECAMATAN]))
    page = oki.content.decode()
    assert oki.status_code == 200
    for hidden in ("catatan internal Metro Utara", secret.title, secret.original_name):
        assert hidden not in page
    assert secret.sha256[:12] not in page

    sari = login("sari").get(reverse("evaluation:question", args=[cycle.pk, Q_KECAMATAN]))
    assert "catatan internal Metro Utara" in sari.content.decode()
