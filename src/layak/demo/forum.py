"""The Kota Metro Forum Anak of the demo: the city forum and one per kecamatan with their
decrees, 30 child members (nicknames only, each with a guardian's consent; one more whose consent
was withdrawn), two facilitators, and 13 aspirations at every step of the planning cycle
(`data/kota-metro-forum-anak.json`, members in `data/kota-metro-forum-anak-anggota.csv`).

Simulated: the region names are real, the children, decrees and decisions are not. Everything
goes through the services, so it is validated and audited like a person's work. Dates count back
from today, so every step lies in the past whenever the demo is loaded; the decrees are of last
year, for a period from last year to next year.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from layak.accounts.models import User
from layak.core import aspirations as flow
from layak.demo.pdf import sample_upload
from layak.demo.read import csv_rows, json_data
from layak.forum import services
from layak.forum.models import ChildMember, Facilitator, ForumGroup, GuardianConsent
from layak.notices.models import Notice
from layak.regions.models import Agency, Region

FORUM_ANAK = "kota-metro-forum-anak.json"
# panggilan, usia, kelurahan, peran, forum (its region), wali, persetujuan_hari_lalu, cara,
# dicabut_hari_lalu (empty: consent still given)
MEMBERS = "kota-metro-forum-anak-anggota.csv"


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _decree(name: str, number: str) -> SimpleUploadedFile:
    return sample_upload(
        "sk.pdf",
        [
            f"Surat Keputusan {number}",
            f"tentang Pengurus {name}",
            "Kota Metro - dokumen contoh (simulasi), bukan dokumen resmi",
        ],
    )


def _forums(sari: User, city: Region, rows: list[dict[str, Any]]) -> dict[str, ForumGroup]:
    """The forums by the code of their region."""
    year = timezone.localdate().year
    made = {}
    for row in rows:
        name, number = row["nama"], f"{row['nomor_sk']}/{year - 1}"
        forum = ForumGroup(
            region=Region.objects.get(code=row["wilayah"]),
            city=city,
            name=name,
            sk_number=number,
            sk_date=date(year - 1, row["sk_bulan"], row["sk_tanggal"]),
            period_from=year - 1,
            period_until=year + 1,
        )
        made[row["wilayah"]] = services.save_forum(sari, forum, decree=_decree(name, number))
    return made


def _members(sari: User, forums: dict[str, ForumGroup]) -> None:
    """Each child with the consent given; a child whose guardian withdrew consent is
    deactivated, the nickname erased."""
    for row in csv_rows(MEMBERS):
        consent = GuardianConsent(
            relation=row["wali"],
            given_on=_days_ago(int(row["persetujuan_hari_lalu"])),
            method=row["cara"],
        )
        member = ChildMember(
            forum=forums[row["forum"]],
            nickname=row["panggilan"],
            age_band=row["usia"],
            kelurahan_id=row["kelurahan"],
            role=row["peran"],
        )
        services.add_member(sari, member, consent=consent, active=True)
        if row["dicabut_hari_lalu"]:
            services.withdraw_consent(sari, member, on=_days_ago(int(row["dicabut_hari_lalu"])))


def _aspirations(
    sari: User, child: User, forum: ForumGroup, city: Region, rows: list[dict[str, Any]]
) -> None:
    agencies = {a.short_name: a for a in Agency.objects.filter(region=city)}
    for row in rows:
        place = row["kelurahan"]
        aspiration = services.submit_aspiration(
            child,
            forum,
            topic=row["topik"],
            text=row["isi"],
            place=Region.objects.get(code=place) if place else None,
            on_behalf=row["atas_nama_anak_lain"],
            submitted_at=datetime.combine(
                _days_ago(row["diajukan_hari_lalu"]),
                time.fromisoformat(row["pukul"]),
                timezone.get_current_timezone(),
            ),
        )
        for step in row["langkah"]:
            before = Notice.objects.aggregate(last=Max("pk"))["last"] or 0
            on = _days_ago(step["hari_lalu"])
            services.add_step(
                sari,
                aspiration,
                flow.Step(
                    status=step["status"],
                    on=on,
                    musrenbang_level=step.get("musrenbang", ""),
                    outcome_kind=step.get("jenis", ""),
                    outcome_name=step.get("nama", ""),
                    agency=str(agencies[step["opd"]].pk) if "opd" in step else "",
                    reason=step.get("alasan", ""),
                ),
                note=step.get("catatan", ""),
            )
            # The child was told when the step happened, not when the demo was loaded (and
            # e-mailed then); what happened weeks ago has long been read.
            told_at = datetime.combine(on, time(10), timezone.get_current_timezone())
            read_at = told_at if on < timezone.localdate() - timedelta(days=14) else None
            Notice.objects.filter(pk__gt=before).update(
                created_at=told_at, emailed_at=told_at, read_at=read_at
            )


def ensure_forum_anak(city: Region) -> ForumGroup | None:
    """Load Kota Metro's Forum Anak once (the city forum; None when it was there already)."""
    if ForumGroup.objects.filter(region=city).exists():
        return None
    data = json_data(FORUM_ANAK)
    sari = User.objects.get(username="sari")
    forums = _forums(sari, city, data["forum"])
    city_forum = forums[city.code]
    for row in data["fasilitator"]:
        services.save_facilitator(
            sari, Facilitator(forum=city_forum, name=row["nama"], institution=row["lembaga"])
        )
    _members(sari, forums)
    child = User.objects.get(username=data["akun_anak"])
    services.link_account(sari, child, city_forum)
    _aspirations(sari, child, city_forum, city, data["aspirasi"])
    return city_forum
