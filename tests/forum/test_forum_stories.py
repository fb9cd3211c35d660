"""Stories: a child of Forum Anak Kota Metro sends an aspiration from a phone, Sekretariat Sari
takes it through Musrenbang until Dinas Pendidikan accepts it into a programme, and the child
later reads that in friendly words; the counts of regulations, programmes and activities that
took children's input; every change audited in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.aspirations import OutcomeKind, Status, Step
from layak.core.messages import InputError
from layak.forum import services
from layak.forum.models import Aspiration, AspirationStep, ForumGroup
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db
TEXT = "Kami ingin ada guru BK di setiap SMP. Banyak teman yang malu bercerita."


def _submit(child: Client) -> Aspiration:
    response = child.post(
        reverse("forum:submit"),
        {"topic": "sekolah", "text": TEXT, "place": "18.72.02.1001", "on_behalf": "0"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("forum:mine")
    return Aspiration.objects.get(text=TEXT)


def test_a_child_sends_an_aspiration_and_later_sees_it_accepted(
    login: Callable[[str], Client], users: dict[str, Any]
) -> None:
    child = login("forumanak")
    # Home is the child's own aspirations page, and the form is made for a phone.
    assert child.get(reverse("home"))["Location"] == reverse("forum:mine")
    page = child.get(reverse("forum:submit")).content.decode()
    assert 'name="viewport" content="width=device-width' in page
    assert page.count('type="radio" name="topic"') == 8
    assert page.count('<svg class="topic-icon"') == 8
    assert 'maxlength="1000"' in page

    aspiration = _submit(child)
    assert aspiration.status == Status.RECEIVED
    assert aspiration.submitted_by == users["forumanak"]
    assert aspiration.forum.region_id == "18.72"
    mine = child.get(reverse("forum:mine")).content.decode()
    assert "Terima kasih! Aspirasimu sudah terkirim." in mine
    assert "Aspirasimu sudah sampai." in mine

    # The child may not move it along.
    step = reverse("forum:aspiration_step", args=[aspiration.pk])
    today = timezone.localdate().isoformat()
    talk = {"status": "dibahas", "on": today, "musrenbang_level": "kota"}
    assert child.post(step, talk).status_code == 403
    assert Aspiration.objects.get(pk=aspiration.pk).status == Status.RECEIVED

    # Sekretariat Sari takes it to the city's Musrenbang, then Dinas Pendidikan accepts it.
    sari = login("sari")
    assert (
        "Catat langkah berikutnya"
        in sari.get(reverse("forum:aspiration", args=[aspiration.pk])).content.decode()
    )
    assert sari.post(step, {**talk, "note": "Dibahas di bidang pendidikan."}).status_code == 302
    disdik = Agency.objects.get(region_id="18.72", short_name="Disdikbud")
    accept = {
        "status": "diakomodasi",
        "on": today,
        "outcome_kind": "program",
        "outcome_name": "Layanan Konseling Sekolah Ramah Anak",
        "agency": str(disdik.pk),
    }
    assert sari.post(step, accept).status_code == 302
    aspiration.refresh_from_db()
    assert aspiration.status == Status.ACCEPTED
    assert aspiration.agency == disdik
    history = list(AspirationStep.objects.filter(aspiration=aspiration).order_by("pk"))
    assert [s.status for s in history] == ["diterima", "dibahas", "diakomodasi"]
    assert history[1].note == "Dibahas di bidang pendidikan."
    assert history[2].recorded_by == users["sari"]

    mine = login("forumanak").get(reverse("forum:mine")).content.decode()
    assert "Hore! Aspirasimu dipakai menjadi Program" in mine
    assert "Layanan Konseling Sekolah Ramah Anak" in mine
    assert "Yang mengerjakan: Dinas Pendidikan dan Kebudayaan." in mine


def test_a_step_missing_its_facts_is_refused_next_to_the_field(
    login: Callable[[str], Client],
) -> None:
    aspiration = _submit(login("forumanak"))
    sari = login("sari")
    step = reverse("forum:aspiration_step", args=[aspiration.pk])
    today = timezone.localdate().isoformat()
    response = sari.post(step, {"status": "dibahas", "on": today})
    assert response.status_code == 400
    assert "Pilih tingkat Musrenbang." in response.content.decode()
    sari.post(step, {"status": "dibahas", "on": today, "musrenbang_level": "kota"})
    response = sari.post(step, {"status": "ditolak", "on": today, "reason": ""})
    assert "Alasan penolakan wajib ditulis." in response.content.decode()
    assert Aspiration.objects.get(pk=aspiration.pk).status == Status.DISCUSSED


def test_an_empty_or_too_long_aspiration_is_refused_kindly(login: Callable[[str], Client]) -> None:
    child = login("forumanak")
    before = Aspiration.objects.count()
    empty = child.post(reverse("forum:submit"), {"topic": "aman", "text": "  ", "on_behalf": "0"})
    assert empty.status_code == 400
    long = child.post(
        reverse("forum:submit"), {"topic": "aman", "text": "a" * 1001, "on_behalf": "0"}
    )
    assert long.status_code == 400
    assert Aspiration.objects.count() == before


def test_every_change_writes_one_audit_row_in_its_own_transaction(
    users: dict[str, Any], city_forum: ForumGroup
) -> None:
    aspiration = services.submit_aspiration(
        users["forumanak"],
        city_forum,
        topic="bermain",
        text="Ayunan baru",
        place=None,
        on_behalf=False,
    )
    assert (
        AuditEvent.objects.filter(
            action="forum.aspiration.submit", object_id=str(aspiration.pk)
        ).count()
        == 1
    )
    step = Step("dibahas", timezone.localdate(), "kelurahan")
    audit_down = mock.patch("layak.forum.services.record", side_effect=RuntimeError("down"))
    with audit_down, pytest.raises(RuntimeError):
        services.add_step(users["sari"], aspiration, step)
    assert Aspiration.objects.get(pk=aspiration.pk).status == Status.RECEIVED
    assert aspiration.steps.count() == 1  # the step went with the failed audit row
    services.add_step(users["sari"], aspiration, step)
    events = AuditEvent.objects.filter(action="forum.aspiration.step", object_id=str(aspiration.pk))
    assert events.count() == 1
    assert events.get().before["status"] == "diterima"
    assert events.get().after["status"] == "dibahas"


def _accepted(admin: Any, forum: ForumGroup, on: date, kind: str, name: str, done: bool) -> None:
    agency = Agency.objects.get(region_id="18.71", short_name="Dinkes")
    moment = timezone.make_aware(datetime(on.year, 1, 2, 9, 0))
    aspiration = services.submit_aspiration(
        admin, forum, topic="lainnya", text=name, place=None, on_behalf=True, submitted_at=moment
    )
    services.add_step(admin, aspiration, Step("dibahas", date(on.year, 1, 20), "kota"))
    if kind == "tolak":
        services.add_step(admin, aspiration, Step("ditolak", on, reason="Belum ada anggaran"))
        return
    services.add_step(
        admin,
        aspiration,
        Step("diakomodasi", on, outcome_kind=kind, outcome_name=name, agency=str(agency.pk)),
    )
    if done:
        services.add_step(admin, aspiration, Step("dilaksanakan", date(on.year, 11, 1)))


def test_regulations_programmes_and_activities_with_childrens_input_are_counted_per_year(
    users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """In Bandar Lampung, with nothing else there: two aspirations taken into the same
    programme count it once; carried-out ones still count; a declined one does not."""
    admin = users["admin"]
    Agency.objects.create(region_id="18.71", name="Dinas Kesehatan", short_name="Dinkes")
    forum = services.save_forum(
        admin, ForumGroup(region_id="18.71", city_id="18.71", name="Forum Anak Bandar Lampung")
    )
    _accepted(admin, forum, date(2025, 4, 1), "program", "Puskesmas Ramah Anak", done=True)
    _accepted(admin, forum, date(2025, 5, 1), "program", "Puskesmas ramah anak", done=False)
    _accepted(admin, forum, date(2025, 5, 2), "peraturan", "Perwali Kawasan Tanpa Rokok", False)
    _accepted(admin, forum, date(2025, 6, 1), "kegiatan", "Posyandu remaja", done=False)
    _accepted(admin, forum, date(2024, 6, 1), "kegiatan", "Kelas gizi remaja", done=True)
    _accepted(admin, forum, date(2025, 6, 2), "tolak", "Kolam renang anak", done=False)

    assert services.input_counts("18.71") == {
        2025: {OutcomeKind.REGULATION: 1, OutcomeKind.PROGRAMME: 1, OutcomeKind.ACTIVITY: 1},
        2024: {OutcomeKind.REGULATION: 0, OutcomeKind.PROGRAMME: 0, OutcomeKind.ACTIVITY: 1},
    }
    page = login("admin").get(reverse("forum:aspirations") + "?wilayah=18.71").content.decode()
    table = page.split('class="compact input-counts"')[1].split("</table>")[0]
    assert "<td>2025</td>" in table
    assert "<td>2024</td>" in table
    rows = [r for r in table.split("<tr>") if "<td>" in r]
    cells = [[c.split("</td>")[0] for c in r.split('class="num">')[1:]] for r in rows]
    assert cells == [["1", "1", "1"], ["0", "0", "1"]]  # peraturan, program, kegiatan
    # Sari keeps Kota Metro: Bandar Lampung's aspirations are not hers to see.
    assert login("sari").get(reverse("forum:aspirations") + "?wilayah=18.71").status_code == 404


def test_a_step_into_the_future_or_back_in_time_is_refused(
    users: dict[str, Any], city_forum: ForumGroup
) -> None:
    aspiration = services.submit_aspiration(
        users["forumanak"],
        city_forum,
        topic="aman",
        text="Lampu jalan",
        place=None,
        on_behalf=False,
    )
    future = timezone.localdate().replace(year=timezone.localdate().year + 1)
    with pytest.raises(InputError) as refused:
        services.add_step(users["sari"], aspiration, Step("dibahas", future, "kota"))
    assert [(p.column, p.message.key) for p in refused.value.problems] == [
        ("on", "aspiration.date_future")
    ]
    with pytest.raises(InputError) as refused:
        services.add_step(users["sari"], aspiration, Step("dibahas", date(2000, 1, 1), "kota"))
    assert [p.message.key for p in refused.value.problems] == ["aspiration.date_before_last"]


def test_the_demo_childs_notices_are_dated_at_their_steps_and_old_ones_are_read(
    users: dict[str, Any],
) -> None:
    """The demo tells the forum's account of each step when the step happened: one notice per
    step, dated that day; what happened more than two weeks ago has long been read."""
    from layak.notices.models import Kind, Notice

    child = users["forumanak"]
    steps = (
        AspirationStep.objects.filter(aspiration__forum__accounts__user=child)
        .exclude(status=Status.RECEIVED.value)  # the child's own sending: nothing to tell
        .values_list("on", flat=True)
    )
    notices = Notice.objects.filter(recipient=child, kind=Kind.ASPIRATION_STEP)
    told_on = sorted(timezone.localtime(n.created_at).date() for n in notices)
    assert told_on == sorted(steps)
    today = timezone.localdate()
    for notice in notices:
        old = timezone.localtime(notice.created_at).date() < today - timedelta(days=14)
        assert (notice.read_at is not None) == old
        assert notice.emailed_at == notice.created_at
