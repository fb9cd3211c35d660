"""Kota Metro's task force in the demo (`data/kota-metro-gugus-tugas.json`): the decree with its
members, four coordination meetings with attendance, eight action items (some overdue) and a
RAD KLA of twenty activities.

Simulated: the decree number and the office names are public, the people and figures are not.
Everything is written through the services, so it is validated and audited like real input.
Meetings fall on their month and day this year, or last year while that day is still ahead;
action items are due a number of days from today. Loading is idempotent: nothing is added when
the decree is already there.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.demo.pdf import sample_upload
from layak.demo.read import json_data
from layak.gugus import services
from layak.gugus.models import (
    ActionItem,
    ActionStatus,
    ChildRelevance,
    Decree,
    Meeting,
    Member,
    RadActivity,
)
from layak.regions.models import Agency, Region

TASK_FORCE = "kota-metro-gugus-tugas.json"


def _meeting_day(today: date, month: int, day: int) -> date:
    held = date(today.year, month, day)
    return held if held <= today else held.replace(year=today.year - 1)


def _give_officers_an_address(region: Region) -> None:
    """Officers get a work address: the reminders of overdue action items are e-mailed."""
    officers = User.objects.filter(role=Role.OFFICER, region=region, email="")
    for officer in officers.select_related("agency"):
        office = officer.agency.short_name if officer.agency else "opd"
        officer.email = f"{officer.username}@{office.lower().replace(' ', '')}.metro.example"
        officer.save(update_fields=["email"])


def _members(
    sari: User, decree: Decree, rows: list[dict[str, Any]], agencies: dict[str, Agency]
) -> tuple[dict[str, Member], dict[str, Member]]:
    """The decree's members by name, and each successor by the name of the member replaced.
    A member who left gets an end date (a second save) once every member is in."""
    members: dict[str, Member] = {}
    for row in rows:
        member = Member(
            decree=decree,
            position=row["jabatan"],
            kind=row["jenis"],
            name=row["nama"],
            since=decree.signed_on,
        )
        if "opd" in row:
            member.agency = agencies[row["opd"]]
        else:
            member.organisation = row["organisasi"]
        members[member.name] = services.save_member(sari, member)
    successors: dict[str, Member] = {}
    for row in rows:
        if "sampai" not in row:
            continue
        leaving = members[row["nama"]]
        leaving.until = date.fromisoformat(row["sampai"])
        services.save_member(sari, leaving)
        successor = row["pengganti"]
        successors[leaving.name] = services.save_member(
            sari,
            Member(
                decree=decree,
                position=leaving.position,
                kind=leaving.kind,
                name=successor["nama"],
                agency=leaving.agency,
                organisation=leaving.organisation,
                since=date.fromisoformat(successor["sejak"]),
            ),
        )
    return members, successors


def _attendees(
    members: dict[str, Member], successors: dict[str, Member], absent: list[str], held: date
) -> list[Member]:
    """Who came: the members in office that day who were not absent, then the successors of
    those who were not absent (a seat's absence holds for whoever sits in it)."""
    came = [m for name, m in members.items() if name not in absent and m.active_on(held)]
    came += [
        successor
        for name, successor in successors.items()
        if successor.active_on(held) and name not in absent
    ]
    return came


def _rad(
    sari: User, region: Region, rows: list[dict[str, Any]], agencies: dict[str, Agency]
) -> None:
    year = timezone.localdate().year
    for row in rows:
        share = row["porsi_anak"]
        services.save_rad_activity(
            sari,
            RadActivity(
                region=region,
                year=year,
                part_code=row["bagian"],
                indicator_code=row["indikator"],
                name=row["kegiatan"],
                agency=agencies[row["opd"]],
                output=row["keluaran"],
                relevance=ChildRelevance.DIRECT if share == 100 else ChildRelevance.INDIRECT,
                child_share=Decimal(share),
            ),
            {
                source: (Decimal(planned), Decimal(realised))
                for source, (planned, realised) in row["anggaran"].items()
            },
        )


def ensure_task_force(region: Region) -> None:
    """Kota Metro's task force records, loaded once."""
    data = json_data(TASK_FORCE)
    number = data["sk"]["nomor"]
    if Decree.objects.filter(region=region, number=number).exists():
        return
    sari = User.objects.get(username="sari")
    _give_officers_an_address(region)
    agencies = {a.short_name: a for a in Agency.objects.filter(region=region)}
    today = timezone.localdate()
    signed = date.fromisoformat(data["sk"]["ditetapkan"])
    scan = sample_upload(
        "sk-gugus-tugas.pdf",
        [
            f"Keputusan Wali Kota Metro Nomor {number}",
            "tentang Gugus Tugas Kabupaten/Kota Layak Anak Kota Metro",
            "Dokumen contoh (simulasi), bukan dokumen resmi",
        ],
    )
    decree = services.save_decree(
        sari,
        Decree(
            region=region,
            number=number,
            signed_on=signed,
            valid_from=signed,
            valid_until=date.fromisoformat(data["sk"]["berlaku_sampai"]),
        ),
        scan,
    )
    members, successors = _members(sari, decree, data["anggota"], agencies)
    minutes = "\n".join(data["notulen"])
    meetings: list[tuple[Meeting, dict[str, Any]]] = []
    for row in data["rapat"]:
        held = _meeting_day(today, row["bulan"], row["tanggal"])
        meeting = Meeting(
            region=region,
            held_on=held,
            agenda=row["agenda"],
            place=row["tempat"],
            guests="\n".join(row["tamu"]),
            minutes=minutes.format(agenda=row["agenda"]),
            decisions="\n".join(row["keputusan"]),
        )
        came = _attendees(members, successors, row["tidak_hadir"], held)
        meetings.append((services.save_meeting(sari, meeting, came), row))
    for meeting, row in meetings:
        for document in row.get("dokumen", []):
            upload = sample_upload(document["berkas"], document["isi"])
            services.add_meeting_document(sari, meeting, upload, document["judul"])
    for meeting, row in meetings:
        for item in row["tindak_lanjut"]:
            action = services.save_action(
                sari,
                ActionItem(
                    meeting=meeting,
                    what=item["apa"],
                    agency=agencies[item["opd"]],
                    due_on=today + timedelta(days=item["jatuh_tempo_hari"]),
                    question_codes=item["pertanyaan"],
                ),
            )
            if item["status"] != ActionStatus.OPEN:
                services.set_action_status(sari, action, item["status"])
    _rad(sari, region, data["rad"], agencies)
