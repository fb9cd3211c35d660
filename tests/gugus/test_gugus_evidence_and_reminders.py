"""The task force's records flow into the evaluation as ready-made evidence, and officers get
one reminder e-mail each for their agency's items that are due or overdue."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from layak.core.rad import needs_reminder
from layak.evidence.models import EvidenceFile
from layak.evidence.ready import ready_documents
from layak.gugus.models import ActionItem, Meeting
from layak.gugus.reminders import due_reminders

pytestmark = pytest.mark.django_db
METRO = "18.72"


def test_records_are_offered_on_their_questions(cycle: Any, decree: Any) -> None:
    on_decree = ready_documents(cycle, "2.1")
    assert [d.key for d in on_decree if d.key.startswith("gugus.")] == [
        f"gugus.decree:{decree.pk}",
        f"gugus.matriks-anggota:{METRO}:{cycle.year}",  # the composition's matrix
    ]
    meetings = [d for d in ready_documents(cycle, "2.3") if d.key.startswith("gugus.meeting:")]
    assert len(meetings) == Meeting.objects.filter(region_id=METRO).count() == 4
    assert [d.key for d in ready_documents(cycle, "2.4") if d.key.startswith("gugus.")] == [
        f"gugus.rad:{METRO}:{cycle.year}",
        f"gugus.matriks-rad:{METRO}:{cycle.year}",
    ]
    assert [d.key for d in ready_documents(cycle, "2.5") if d.key.startswith("gugus.")] == [
        f"gugus.monev:{METRO}:{cycle.year}",
        f"gugus.matriks-rad:{METRO}:{cycle.year}",
    ]
    assert not [d for d in ready_documents(cycle, "12.2") if d.key.startswith("gugus.")]


@pytest.mark.parametrize("code", ["2.1", "2.3", "2.4"])
def test_rina_attaches_a_record_as_pdf_in_one_step(
    code: str, login: Callable[[str], Client], cycle: Any
) -> None:
    client = login("rina")  # DP3AP2KB answers the task-force questions of indicator 2
    page = client.get(reverse("evaluation:question", args=[cycle.pk, code])).content.decode()
    document = next(d for d in ready_documents(cycle, code) if d.key.startswith("gugus."))
    assert document.title in page
    response = client.post(
        reverse("evidence:attach_ready", args=[cycle.pk, code]), {"key": document.key}
    )
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get(source_key=document.key)
    assert evidence.content_type == "application/pdf"
    with default_storage.open(evidence.stored_name, "rb") as stored:
        assert stored.read(5) == b"%PDF-"


def test_the_minutes_render_as_a_readable_pdf(decree: Any, tmp_path: Path) -> None:
    """Render the minutes and the action plan to PNG (pdftoppm), as a person would look."""
    from layak.gugus.documents import meeting_pdf, rad_pdf

    meeting = Meeting.objects.get(region_id=METRO, agenda__startswith="Evaluasi RAD KLA")
    for name, data in (
        ("notulen", meeting_pdf(meeting)),
        ("rad", rad_pdf(METRO, "Kota Metro", timezone.localdate().year, monev=True)),
    ):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / name)],
            check=True,
        )
        assert list(tmp_path.glob(f"{name}*.png"))


def test_the_attendance_list_has_a_column_to_sign(
    decree: Any, pdf_text: Callable[[bytes], str]
) -> None:
    """Printed minutes go round the table: each member and guest signs beside their name."""
    from layak.gugus.documents import meeting_pdf

    meeting = Meeting.objects.get(region_id=METRO, agenda__startswith="Evaluasi RAD KLA")
    text = pdf_text(meeting_pdf(meeting))
    attendance = text[text.index("Daftar hadir") :]
    header = next(line for line in attendance.splitlines() if "Nama" in line)
    assert header.split()[-2:] == ["Tanda", "tangan"]
    with translation.override("en"):
        english = pdf_text(meeting_pdf(meeting))
    assert "Signature" in english[english.index("Attendance") :]


def test_the_reminder_sends_one_email_per_officer(users: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("remind-tindak-lanjut", "--hari", "3", stdout=out)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # Dinkes (budi): one overdue, one due in 2 days; Disdukcapil (dewi): due in 3 days;
    # DP3AP2KB (rina): one overdue. Satpol PP has an overdue item but no officer account.
    assert recipients == sorted([users["budi"].email, users["dewi"].email, users["rina"].email])
    budi = next(m for m in mail.outbox if m.to == [users["budi"].email])
    assert "TERLAMBAT" in budi.body
    assert "Unggah data dukung persalinan" in budi.body
    assert "Lengkapi laporan PRAP" in budi.body
    assert "Siapkan paparan akta kelahiran" not in budi.body
    assert "3 e-mail pengingat dikirim." in out.getvalue()


def test_a_shorter_horizon_sends_only_overdue_items(users: dict[str, Any]) -> None:
    call_command("remind-tindak-lanjut", "--hari", "0", stdout=io.StringIO())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([users["budi"].email, users["rina"].email])


@pytest.mark.parametrize("days", [0, 3, 30])
def test_the_reminders_list_exactly_the_items_the_core_rule_names(world: Any, days: int) -> None:
    today = timezone.localdate()
    reminders = due_reminders(days, today)
    reached = {r.officer.agency_id for r in reminders}
    named = {
        item.pk
        for item in ActionItem.objects.filter(agency_id__in=reached)
        if needs_reminder(item.due_on, item.status, today, days)
    }
    assert named
    assert {item.pk for r in reminders for item in r.items} == named


def test_a_child_member_is_called_by_role_in_the_decree_and_the_minutes(
    decree: Any, pdf_text: Callable[[bytes], str]
) -> None:
    """The decree (2.1) and the minutes (2.3) leave the task force's pages as evidence read by
    verifiers: Alya, the Forum Anak's chair and a member of the task force, is named in
    neither; her seat is still there, by its role."""
    from layak.gugus.documents import decree_pdf, meeting_pdf

    meeting = Meeting.objects.get(region_id=METRO, agenda__startswith="Evaluasi RAD KLA")
    meeting.attendees.add(decree.members.get(name__startswith="Alya"))
    for document in (decree_pdf(decree, timezone.localdate().year), meeting_pdf(meeting)):
        text = pdf_text(document)
        assert "Alya" not in text
        assert "dicantumkan" in text  # "(nama tidak dicantumkan)", wrapped in its cell
