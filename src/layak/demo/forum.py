"""The Kota Metro Forum Anak of the demo: the city forum and one per kecamatan with their
decrees, 30 child members (nicknames only, each with a guardian's consent; one more whose consent
was withdrawn), two facilitators, and 13 aspirations at every step of the planning cycle.

Simulated: the region names are real, the children, decrees and decisions are not. Everything
goes through the services, so it is validated and audited like a person's work. Dates count back
from today, so every step lies in the past whenever the demo is loaded.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layak.accounts.models import User
from layak.core import aspirations as flow
from layak.demo.pdf import sample_pdf
from layak.forum import services
from layak.forum.models import ChildMember, Facilitator, ForumGroup, GuardianConsent
from layak.regions.models import Agency, Region

CITY_FORUM = "Forum Anak Kota Metro"
KECAMATAN = ("18.72.01", "18.72.02", "18.72.03", "18.72.04", "18.72.05")
# (nickname, age band, kelurahan code, role); the first ten sit in the city forum, then four per
# kecamatan forum in the order of KECAMATAN.
MEMBERS = (
    ("Dinda", "16-17", "18.72.01.1005", "ketua"),
    ("Raka", "16-17", "18.72.04.1003", "wakil_ketua"),
    ("Salsa", "13-15", "18.72.02.1001", "sekretaris"),
    ("Fikri", "16-17", "18.72.03.1002", "bendahara"),
    ("Nayla", "13-15", "18.72.05.1002", "koordinator_bidang"),
    ("Bima", "13-15", "18.72.01.1002", "koordinator_bidang"),
    ("Aurel", "10-12", "18.72.04.1001", "anggota"),
    ("Dimas", "16-17", "18.72.02.1003", "anggota"),
    ("Keisha", "10-12", "18.72.03.1001", "anggota"),
    ("Farel", "13-15", "18.72.05.1004", "anggota"),
    ("Zahra", "16-17", "18.72.01.1001", "ketua"),
    ("Rizky", "13-15", "18.72.01.1003", "sekretaris"),
    ("Putri", "10-12", "18.72.01.1004", "anggota"),
    ("Arka", "13-15", "18.72.01.1005", "anggota"),
    ("Tiara", "16-17", "18.72.02.1002", "ketua"),
    ("Ilham", "13-15", "18.72.02.1004", "sekretaris"),
    ("Nisa", "10-12", "18.72.02.1001", "anggota"),
    ("Gilang", "13-15", "18.72.02.1003", "anggota"),
    ("Citra", "16-17", "18.72.03.1003", "ketua"),
    ("Yoga", "13-15", "18.72.03.1004", "sekretaris"),
    ("Alya", "10-12", "18.72.03.1002", "anggota"),
    ("Fajar", "16-17", "18.72.03.1001", "anggota"),
    ("Intan", "16-17", "18.72.04.1002", "ketua"),
    ("Reza", "13-15", "18.72.04.1004", "sekretaris"),
    ("Mega", "13-15", "18.72.04.1005", "anggota"),
    ("Bagas", "10-12", "18.72.04.1003", "anggota"),
    ("Sekar", "16-17", "18.72.05.1001", "ketua"),
    ("Danu", "13-15", "18.72.05.1003", "sekretaris"),
    ("Laras", "10-12", "18.72.05.1002", "anggota"),
    ("Hafiz", "13-15", "18.72.05.1004", "anggota"),
)
RELATIONS = ("ibu", "ayah", "ibu", "wali", "ibu", "ayah", "kakek_nenek")
FACILITATORS = (
    ("Yuliana Safitri, S.Psi.", "DP3AP2KB Kota Metro"),
    ("Agus Wibowo", "Lembaga Perlindungan Anak (LPA) Kota Metro"),
)
# (topic, text, kelurahan or "", days ago submitted, steps). A step: (status, days ago, facts).
Facts = dict[str, str]
ASPIRATIONS: tuple[tuple[str, str, str, int, tuple[tuple[str, int, Facts], ...]], ...] = (
    (
        "bermain",
        "Taman bermain di dekat Lapangan Samber ayunannya rusak dan ada paku yang keluar. "
        "Tolong diperbaiki supaya adik-adik aman bermain.",
        "18.72.01.1005",
        520,
        (
            ("dibahas", 480, {"musrenbang_level": "kelurahan"}),
            (
                "diakomodasi",
                430,
                {
                    "kind": "program",
                    "name": "Ruang Bermain Ramah Anak (RBRA)",
                    "agency": "Disperkim",
                },
            ),
            ("dilaksanakan", 220, {}),
        ),
    ),
    (
        "aman",
        "Lampu jalan di gang menuju sekolah mati. Kami takut pulang les sore-sore.",
        "18.72.01.1004",
        510,
        (
            ("dibahas", 470, {"musrenbang_level": "kecamatan"}),
            (
                "diakomodasi",
                425,
                {
                    "kind": "kegiatan",
                    "name": "Penerangan jalan lingkungan jalur ke sekolah",
                    "agency": "Dishub",
                },
            ),
            ("dilaksanakan", 250, {}),
        ),
    ),
    (
        "aman",
        "Jangan ada iklan dan warung yang jual rokok di dekat sekolah.",
        "",
        500,
        (
            ("dibahas", 455, {"musrenbang_level": "kota"}),
            (
                "diakomodasi",
                410,
                {
                    "kind": "peraturan",
                    "name": "Perubahan Perwali Kawasan Tanpa Rokok",
                    "agency": "Bagian Hukum",
                },
            ),
        ),
    ),
    (
        "sekolah",
        "Perpustakaan sekolah buka sampai sore dan ada buku cerita baru setiap tahun.",
        "",
        210,
        (
            ("dibahas", 170, {"musrenbang_level": "kota"}),
            (
                "diakomodasi",
                120,
                {
                    "kind": "kegiatan",
                    "name": "Pojok baca ramah anak di 10 SD",
                    "agency": "Dispusip",
                },
            ),
            ("dilaksanakan", 15, {}),
        ),
    ),
    (
        "kesehatan",
        "Di kantin sekolah banyak jajanan berpewarna. Kami mau kantin sehat di semua sekolah.",
        "",
        205,
        (
            ("dibahas", 168, {"musrenbang_level": "kota"}),
            (
                "diakomodasi",
                118,
                {
                    "kind": "program",
                    "name": "Sekolah Sehat dan Kantin Sehat",
                    "agency": "Disdikbud",
                },
            ),
        ),
    ),
    (
        "lingkungan",
        "Sungai di belakang pasar banyak sampah. Forum Anak mau ikut kerja bakti tiap bulan.",
        "18.72.02.1001",
        200,
        (
            ("dibahas", 165, {"musrenbang_level": "kecamatan"}),
            (
                "diakomodasi",
                115,
                {
                    "kind": "kegiatan",
                    "name": "Gerakan Metro Bersih bersama Forum Anak",
                    "agency": "DLH",
                },
            ),
        ),
    ),
    (
        "kreasi",
        "Kami butuh tempat latihan tari dan musik yang gratis untuk anak-anak.",
        "",
        198,
        (
            ("dibahas", 164, {"musrenbang_level": "kota"}),
            (
                "diakomodasi",
                114,
                {"kind": "program", "name": "Pusat Kreativitas Anak", "agency": "Disporapar"},
            ),
        ),
    ),
    (
        "lainnya",
        "Anak-anak ikut diajak bicara setiap kali pemerintah membuat aturan tentang anak.",
        "",
        196,
        (
            ("dibahas", 163, {"musrenbang_level": "kota"}),
            (
                "diakomodasi",
                112,
                {
                    "kind": "peraturan",
                    "name": "Perwali Partisipasi Anak dalam Pembangunan",
                    "agency": "Bagian Hukum",
                },
            ),
        ),
    ),
    (
        "jalan",
        "Bikin jalur sepeda yang aman dari rumah ke sekolah, jangan campur dengan truk.",
        "18.72.03.1002",
        195,
        (
            ("dibahas", 162, {"musrenbang_level": "kota"}),
            (
                "ditolak",
                110,
                {
                    "reason": "Anggaran tahun ini belum cukup untuk jalur sepeda. "
                    "Dishub memasukkannya ke kajian untuk tahun depan."
                },
            ),
        ),
    ),
    (
        "sekolah",
        "Guru BK di sekolah ditambah. Banyak teman yang punya masalah tapi malu cerita.",
        "",
        90,
        (("dibahas", 40, {"musrenbang_level": "kota"}),),
    ),
    (
        "kesehatan",
        "Puskesmas punya ruang tunggu khusus anak yang nyaman dan ada bukunya.",
        "18.72.05.1002",
        80,
        (("dibahas", 35, {"musrenbang_level": "kecamatan"}),),
    ),
    (
        "lainnya",
        "Forum Anak ingin diundang di setiap rapat kelurahan yang membahas anak.",
        "18.72.04.1003",
        12,
        (),
    ),
    (
        "bermain",
        "Lapangan voli di Margorejo jaringnya sobek. Tolong diganti ya.",
        "18.72.05.1002",
        5,
        (),
    ),
)


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def _decree(name: str, number: str) -> SimpleUploadedFile:
    data = sample_pdf(
        [
            f"Surat Keputusan {number}",
            f"tentang Pengurus {name}",
            "Kota Metro - dokumen contoh (simulasi), bukan dokumen resmi",
        ]
    )
    return SimpleUploadedFile("sk.pdf", data, "application/pdf")


def _forums(sari: User, city: Region) -> list[ForumGroup]:
    year = timezone.localdate().year
    made = []
    for i, code in enumerate((city.code, *KECAMATAN)):
        region = Region.objects.get(code=code)
        if region.code == city.code:
            name = CITY_FORUM
            number = f"400.2.2/112/D-08/{year - 1}"
        else:
            name = f"Forum Anak Kecamatan {region.name}"
            number = f"400.2.2/{20 + i}/C.{i}/{year - 1}"
        forum = ForumGroup(
            region=region,
            city=city,
            name=name,
            sk_number=number,
            sk_date=date(year - 1, 2, 10 + i),
            period_from=year - 1,
            period_until=year + 1,
        )
        made.append(services.save_forum(sari, forum, decree=_decree(name, number)))
    return made


def _members(sari: User, forums: list[ForumGroup]) -> None:
    placement = [forums[0]] * 10 + [f for f in forums[1:] for _ in range(4)]
    for i, ((nickname, band, kelurahan, role), forum) in enumerate(
        zip(MEMBERS, placement, strict=True)
    ):
        consent = GuardianConsent(
            relation=RELATIONS[i % len(RELATIONS)],
            given_on=_days_ago(540 - i),
            method="formulir" if i % 5 else "rekaman",
        )
        member = ChildMember(
            forum=forum, nickname=nickname, age_band=band, kelurahan_id=kelurahan, role=role
        )
        services.add_member(sari, member, consent=consent, active=True)
    # A child whose mother withdrew consent: deactivated, nickname erased.
    leaving = ChildMember(
        forum=forums[0], nickname="Wulan", age_band="13-15", kelurahan_id="18.72.01.1003"
    )
    consent = GuardianConsent(relation="ibu", given_on=_days_ago(500), method="formulir")
    services.add_member(sari, leaving, consent=consent, active=True)
    services.withdraw_consent(sari, leaving, on=_days_ago(60))


def _aspirations(sari: User, child: User, forum: ForumGroup, city: Region) -> None:
    agencies = {a.short_name: a for a in Agency.objects.filter(region=city)}
    for n, (topic, text, place, submitted, steps) in enumerate(ASPIRATIONS):
        moment = datetime.combine(
            _days_ago(submitted), time(16, n), timezone.get_current_timezone()
        )
        aspiration = services.submit_aspiration(
            child,
            forum,
            topic=topic,
            text=text,
            place=Region.objects.get(code=place) if place else None,
            on_behalf=n % 3 == 2,
            submitted_at=moment,
        )
        for status, days, facts in steps:
            step = flow.Step(
                status=status,
                on=_days_ago(days),
                musrenbang_level=facts.get("musrenbang_level", ""),
                outcome_kind=facts.get("kind", ""),
                outcome_name=facts.get("name", ""),
                agency=str(agencies[facts["agency"]].pk) if "agency" in facts else "",
                reason=facts.get("reason", ""),
            )
            note = "Dicatat dari berita acara Musrenbang." if status == "dibahas" else ""
            services.add_step(sari, aspiration, step, note=note)


def ensure_forum_anak(city: Region) -> Any:
    """Load Kota Metro's Forum Anak once; a second run changes nothing."""
    if ForumGroup.objects.filter(region=city).exists():
        return None
    sari = User.objects.get(username="sari")
    forums = _forums(sari, city)
    for name, institution in FACILITATORS:
        services.save_facilitator(
            sari, Facilitator(forum=forums[0], name=name, institution=institution)
        )
    _members(sari, forums)
    child = User.objects.get(username="forumanak")
    services.link_account(sari, child, forums[0])
    _aspirations(sari, child, forums[0], city)
    return forums[0]
