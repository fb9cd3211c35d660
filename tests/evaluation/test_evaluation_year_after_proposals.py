"""Confirming last year's answers under this year's registries. Sari opens Kota Metro's next
cycle with last year's answers carried over. The demo's register of puskesmas proposes 60,0 %
for 15.1 (six of ten ber-SK) and 1 for 15.3 (one standardised) in the new year too; last
year's answers were 18,18 % and 2, written before the register existed, without a note.

Confirming an answer is writing it this year, so the rule of saving holds: Budi of Dinkes
cannot confirm 15.1 as it is (refused at the note field, nothing written) until he says why;
an answer with last year's note stands. Sari's "Tinjau semua yang tidak berubah" confirms the
rest and leaves the differing ones carried, named in its message, none half-confirmed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.evaluation.models import Answer, AnswerStatus, Cycle

pytestmark = pytest.mark.django_db

DIFFERS = "jawaban berbeda dari usulan registri (60,0 %): tulis catatan alasannya"


@pytest.fixture
def opened(cycle: Cycle, login: Callable[[str], Client]) -> Cycle:
    """Next year's cycle, open for the self-assessment from yesterday for a month, with last
    year's answers carried; last year's 15.3 had a note saying why it counted two."""
    Answer.objects.filter(cycle=cycle, question_code="15.3", unit__isnull=True).update(
        note="Termasuk puskesmas pembantu yang menilai mandiri."
    )
    now = timezone.localtime(timezone.now(), cycle.region.zone.info)
    moment = "%Y-%m-%dT%H:%M"
    form = {
        "year": str(cycle.year + 1),
        "instrument": "kla-2024",
        "target_predicate": "Nindya",
        "mandiri_opens_at": (now - timedelta(days=1)).strftime(moment),
        "mandiri_closes_at": (now + timedelta(days=30)).strftime(moment),
        "carry_answers": "on",
    }
    assert login("sari").post(reverse("cycle_new"), form).status_code == 302
    return Cycle.objects.get(region_id=cycle.region_id, year=cycle.year + 1)


def _carried(cycle: Cycle, code: str) -> Answer:
    return Answer.objects.get(cycle=cycle, question_code=code, unit__isnull=True)


def _reviews(answer: Answer) -> int:
    return AuditEvent.objects.filter(action="answer.review", object_id=str(answer.pk)).count()


def test_budi_confirms_last_years_figure_only_with_a_note_when_the_registry_differs(
    login: Callable[[str], Client], opened: Cycle, person: Callable[[str], Any]
) -> None:
    budi = login("budi")
    share = _carried(opened, "15.1")
    assert (share.value, share.note, share.awaiting_review) == ("18.18", "", True)

    review = reverse("evaluation:review_answer", args=[opened.pk, "15.1"])
    refused = budi.post(review, {"version": "1"})
    assert refused.status_code == 400
    assert refused.context["errors"]["note"] == [DIFFERS]  # shown at the note field
    assert DIFFERS in refused.content.decode()
    share.refresh_from_db()
    assert (share.status, share.version, share.awaiting_review) == (AnswerStatus.DRAFT, 1, True)
    assert _reviews(share) == 0

    # Last year's 15.3 departs from this year's proposal too, but says why: it stands.
    counted = _carried(opened, "15.3")
    stands = budi.post(
        reverse("evaluation:review_answer", args=[opened.pk, "15.3"]), {"version": "1"}
    )
    assert stands.status_code == 302
    counted.refresh_from_db()
    assert (counted.status, counted.reviewed_by) == (AnswerStatus.SUBMITTED, person("budi"))

    # Budi keeps last year's 15.1 and says why: saving is his review.
    note = "Angka dari rekap Dinkes; registri belum memuat SK tahun ini."
    saved = budi.post(
        reverse("evaluation:save_answer", args=[opened.pk, "15.1"]),
        {"value": "18.18", "points": "", "note": note, "version": "1", "action": "ajukan"},
    )
    assert saved.status_code == 302
    share.refresh_from_db()
    assert (share.status, share.note) == (AnswerStatus.SUBMITTED, note)
    assert not share.awaiting_review


def test_budi_confirms_last_years_figure_when_this_years_registry_agrees(
    login: Callable[[str], Client], opened: Cycle
) -> None:
    # Written the other way (60,0 and 60 are the same answer).
    Answer.objects.filter(pk=_carried(opened, "15.1").pk).update(value="60,0")
    response = login("budi").post(
        reverse("evaluation:review_answer", args=[opened.pk, "15.1"]), {"version": "1"}
    )
    assert response.status_code == 302
    share = _carried(opened, "15.1")
    assert (share.status, share.awaiting_review, _reviews(share)) == (
        AnswerStatus.SUBMITTED,
        False,
        1,
    )


def test_sari_confirms_the_unchanged_and_leaves_the_differing_ones_to_review_one_by_one(
    login: Callable[[str], Client], opened: Cycle
) -> None:
    sari = login("sari")
    share, counted, hours = (_carried(opened, code) for code in ("15.1", "15.3", "12.2"))

    response = sari.post(reverse("evaluation:review_unchanged", args=[opened.pk]))

    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    # 15.1 is left carried, untouched, and named; 15.3 (with its note) and 12.2 (no register
    # informs it) are confirmed.
    share.refresh_from_db()
    assert (share.status, share.version, share.awaiting_review) == (AnswerStatus.DRAFT, 1, True)
    assert _reviews(share) == 0
    for answer in (counted, hours):
        answer.refresh_from_db()
        assert (answer.status, answer.awaiting_review) == (AnswerStatus.SUBMITTED, False)
    left = Answer.objects.awaiting_review().filter(cycle=opened)
    codes = sorted(left.values_list("question_code", flat=True))
    assert "15.1" in codes
    assert "15.3" not in codes
    skipped = next(m for m in said if "perlu ditinjau satu per satu" in m)
    assert skipped.startswith(f"{len(codes)} jawaban perlu ditinjau satu per satu: ")
    assert "berbeda dari usulan registri" in skipped
    assert all(code in skipped for code in codes)
    confirmed = next(m for m in said if "ditandai sudah ditinjau" in m)
    assert confirmed.startswith(f"{AuditEvent.objects.filter(action='answer.review').count()} ")

    # They stay on the list of what waits for a review.
    waiting = sari.get(reverse("evaluation:questions", args=[opened.pk]) + "?menunggu=tahun_lalu")
    assert {r.question.code for r in waiting.context["rows"]} == set(codes)
