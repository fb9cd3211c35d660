"""Notices (layak.notices): Vina sends Budi's answer back and Budi is told, in the header, in
his inbox and by e-mail as he chose; Budi resubmits and Vina is told; a locked stage reaches the
region's staff; a stakeholder learns that Sari confirmed their record; the Forum Anak account
reads its aspiration's step in words for a child."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.aspirations import Step
from layak.core.stages import Stage
from layak.evaluation.models import Answer, Cycle, StageWindow
from layak.evaluation.notify import remind_windows
from layak.evaluation.services import save_answer, set_lock, verify
from layak.notices.models import Kind, Notice

pytestmark = pytest.mark.django_db

# 12.2 (Buku KIA) is Dinkes's question, answered in the demo and not verified yet.
QUESTION = "12.2"
NOTE = "Lampirkan SK Buku KIA tahun 2024."


@pytest.fixture(autouse=True)
def earlier_notices_read(world: Any) -> None:
    """The demo's people have read the notices of the demo's own verifications."""
    Notice.objects.update(read_at=timezone.now())


def _answer(cycle: Cycle) -> Answer:
    return Answer.objects.get(cycle=cycle, question_code=QUESTION, unit__isnull=True)


def _send_back(vina: Any, cycle: Cycle) -> None:
    verify(
        vina,
        _answer(cycle),
        Stage.ADMINISTRATIVE,
        status="perbaikan",
        points="",
        note=NOTE,
        expected_version=None,
    )


def test_budi_is_told_that_vina_sent_his_answer_back_and_opens_it(
    users: dict[str, Any], cycle: Cycle, login: Callable[[str], Client]
) -> None:
    _send_back(users["vina"], cycle)

    told = Notice.objects.filter(kind=Kind.SENT_BACK, recipient=users["budi"], read_at=None)
    # Dinkes's officer, and Sari, who entered the demo's answer: whoever saved it is told.
    everyone = Notice.objects.filter(kind=Kind.SENT_BACK, read_at=None)
    assert set(everyone.values_list("recipient__username", flat=True)) == {"budi", "sari"}
    client = login("budi")
    dashboard = client.get(reverse("evaluation:dashboard", args=[cycle.pk])).content.decode()
    assert '<span class="count" aria-label="1 belum dibaca">1</span>' in dashboard

    inbox = client.get(reverse("notices:inbox")).content.decode()
    notice = told.get()
    assert "Vina" in inbox
    assert "mengembalikan jawaban 12.2" in inbox
    assert NOTE in inbox
    assert "Verifikasi administrasi" in inbox or "verifikasi administrasi" in inbox.lower()

    opened = client.get(reverse("notices:open", args=[notice.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("evaluation:question", args=[cycle.pk, QUESTION])
    notice.refresh_from_db()
    assert notice.read_at is not None
    dashboard = client.get(reverse("evaluation:dashboard", args=[cycle.pk])).content.decode()
    assert 'class="count"' not in dashboard


def test_the_notice_reads_in_english_for_a_reader_who_chose_english(
    users: dict[str, Any], cycle: Cycle, login: Callable[[str], Client]
) -> None:
    _send_back(users["vina"], cycle)
    client = login("budi")
    client.cookies["django_language"] = "en"
    inbox = client.get(reverse("notices:inbox")).content.decode()
    assert "sent answer 12.2" in inbox
    assert "back for revision" in inbox
    assert "mengembalikan" not in inbox


def test_nobody_else_is_told_and_the_verifier_is_not_told_of_her_own_decision(
    users: dict[str, Any], cycle: Cycle
) -> None:
    _send_back(users["vina"], cycle)
    told = Notice.objects.filter(read_at=None)
    assert not told.filter(recipient__username__in=["vina", "dewi", "rina"]).exists()


def test_budi_gets_an_email_at_once_with_the_link_to_the_question(
    users: dict[str, Any], cycle: Cycle, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.LAYAK_SITE_URL = "https://kla.metrokota.go.id"
    budi = users["budi"]
    budi.email = "budi@dinkes.metrokota.go.id"
    budi.save()
    with django_capture_on_commit_callbacks(execute=True):
        _send_back(users["vina"], cycle)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["budi@dinkes.metrokota.go.id"]
    assert "Jawaban dikembalikan" in message.subject
    link = "https://kla.metrokota.go.id" + reverse("evaluation:question", args=[cycle.pk, QUESTION])
    assert link in message.body
    assert NOTE in message.body
    assert Notice.objects.get(recipient=budi, read_at=None).emailed_at is not None


def test_budi_chooses_the_daily_digest_instead(
    users: dict[str, Any],
    cycle: Cycle,
    login: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    budi = users["budi"]
    budi.email = "budi@dinkes.metrokota.go.id"
    budi.save()
    client = login("budi")
    saved = client.post(reverse("notices:preferences"), {"email": "harian"})
    assert saved.status_code == 302
    event = AuditEvent.objects.filter(action="notices.preference").get()
    assert event.actor == budi
    assert (event.before, event.after) == ({"email": "segera"}, {"email": "harian"})

    with django_capture_on_commit_callbacks(execute=True):
        _send_back(users["vina"], cycle)
    assert mail.outbox == []  # not at once

    call_command("send-digest")
    assert len(mail.outbox) == 1
    assert "1 pemberitahuan" in mail.outbox[0].subject
    assert "mengembalikan jawaban 12.2" in mail.outbox[0].body
    call_command("send-digest")
    assert len(mail.outbox) == 1  # each notice goes out once


def test_a_bad_choice_is_refused_and_nothing_changes(
    users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    refused = login("budi").post(reverse("notices:preferences"), {"email": "tiap-jam"})
    assert refused.status_code == 400
    assert not AuditEvent.objects.filter(action="notices.preference").exists()


def test_vina_is_told_when_budi_resubmits_once_per_revision(
    users: dict[str, Any], cycle: Cycle
) -> None:
    _send_back(users["vina"], cycle)
    question = cycle.instrument.question(QUESTION)
    answer = _answer(cycle)
    saved = save_answer(
        users["budi"],
        cycle,
        question,
        value=answer.value,
        note="SK terlampir",
        expected_version=answer.version,
        submit=True,
    )
    told = Notice.objects.filter(kind=Kind.RESUBMITTED)
    assert list(told.values_list("recipient__username", flat=True)) == ["vina"]
    assert told.get().params["who"] == "Budi Santoso"
    save_answer(
        users["budi"],
        cycle,
        question,
        value=answer.value,
        note="SK terlampir, halaman 2",
        expected_version=saved.version,
        submit=True,
    )
    assert told.count() == 2  # a new revision is news again


def test_a_locked_stage_reaches_the_region_staff_but_not_stakeholders_or_children(
    users: dict[str, Any], cycle: Cycle
) -> None:
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    set_lock(users["sari"], window, locked=True, reason="Rekap final dikirim")
    told = set(
        Notice.objects.filter(kind=Kind.STAGE_LOCKED).values_list("recipient__username", flat=True)
    )
    assert {"budi", "dewi", "rina", "kartika", "oki", "yosomulyo"} <= told
    assert not told & {"sari", "mitra", "forumanak", "vina", "nadia", "admin"}


def test_a_window_closing_soon_is_told_once(users: dict[str, Any], cycle: Cycle) -> None:
    window = StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)
    today = date(2026, 7, 6)
    window.closes_at = timezone.make_aware(datetime(2026, 7, 9, 16, 0))
    window.opens_at = timezone.make_aware(datetime(2026, 1, 5, 8, 0))
    window.save()

    made = remind_windows(7, today)
    assert made > 0
    budi = Notice.objects.get(recipient=users["budi"], kind=Kind.WINDOW_CLOSES)
    assert budi.params["days"] == 3
    assert remind_windows(7, today) == 0  # the same window and day: no second notice
    assert remind_windows(7, today + timedelta(days=10)) == 0  # closed: nothing to say


def test_the_stakeholder_learns_that_sari_confirmed_their_record(
    users: dict[str, Any], sinar: Any
) -> None:
    from layak.mitra import services
    from layak.mitra.models import Contribution, Status

    pending = Contribution.objects.filter(organisation=sinar, status=Status.PENDING).first()
    assert pending is not None
    services.review(users["sari"], pending, confirm=True)
    notice = Notice.objects.get(recipient=users["mitra"], read_at=None)
    assert notice.kind == Kind.CONTRIBUTION_CONFIRMED
    assert notice.url == reverse("mitra:contribution", args=[pending.pk])


def test_the_forum_account_reads_its_aspirations_step_in_a_childs_words(
    users: dict[str, Any], city_forum: Any, login: Callable[[str], Client]
) -> None:
    from layak.forum import services

    aspiration = services.submit_aspiration(
        users["forumanak"],
        city_forum,
        topic="bermain",
        text="Ayunan baru di taman",
        place=None,
        on_behalf=False,
    )
    services.add_step(
        users["sari"],
        aspiration,
        Step("dibahas", timezone.localdate(), "kelurahan"),
        note="Dibahas di Musrenbang Kelurahan Yosomulyo",
    )
    inbox = login("forumanak").get(reverse("notices:inbox")).content.decode()
    assert "Aspirasimu" in inbox
    assert "sedang dibahas" in inbox
    assert "Musrenbang Kelurahan Yosomulyo" not in inbox  # the staff's note is not the child's


def test_nobody_opens_another_persons_notice(
    users: dict[str, Any], cycle: Cycle, login: Callable[[str], Client]
) -> None:
    _send_back(users["vina"], cycle)
    notice = Notice.objects.get(recipient=users["budi"], read_at=None)
    assert login("dewi").get(reverse("notices:open", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_dewi_is_told_when_sari_gives_disdukcapil_a_question(
    users: dict[str, Any], cycle: Cycle, login: Callable[[str], Client]
) -> None:
    from layak.evaluation.models import Assignment
    from layak.regions.models import Agency

    dukcapil = Agency.objects.get(region_id=cycle.region_id, short_name="Disdukcapil")
    kept = list(
        Assignment.objects.filter(cycle=cycle, question_code=QUESTION).values_list(
            "agency_id", flat=True
        )
    )
    saved = login("sari").post(
        reverse("evaluation:assignment_edit", args=[cycle.pk, QUESTION]),
        {"agencies": [*map(str, kept), str(dukcapil.pk)]},
    )
    assert saved.status_code == 302
    told = Notice.objects.filter(kind=Kind.ASSIGNED)
    assert list(told.values_list("recipient__username", flat=True)) == ["dewi"]  # not budi again
    assert told.get().params["agency"] == "Disdukcapil"


def test_the_action_item_reminder_leaves_a_notice_once_per_item(users: dict[str, Any]) -> None:
    import io

    call_command("remind-tindak-lanjut", "--hari", "3", stdout=io.StringIO())
    budi = Notice.objects.filter(recipient=users["budi"], kind=Kind.ACTION_DUE, read_at=None)
    assert sorted(n.params["what"][:20] for n in budi) == sorted(
        ["Unggah data dukung p", "Lengkapi laporan PRA"]
    )
    assert all(n.emailed_at is None for n in budi)  # the reminder's own e-mail covers it
    call_command("remind-tindak-lanjut", "--hari", "3", stdout=io.StringIO())
    assert budi.count() == 2


def test_the_menu_is_the_same_on_the_inbox_as_on_the_dashboard(
    cycle: Cycle, login: Callable[[str], Client]
) -> None:
    client = login("budi")
    inbox = client.get(reverse("notices:inbox")).content.decode()
    assert f'href="{reverse("evaluation:dashboard", args=[cycle.pk])}"' in inbox
    assert f'href="{reverse("evaluation:questions", args=[cycle.pk])}"' in inbox
    child = login("forumanak").get(reverse("notices:inbox")).content.decode()
    assert reverse("evaluation:dashboard", args=[cycle.pk]) not in child  # not theirs: 403
