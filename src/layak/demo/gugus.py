"""Kota Metro's task force in the demo: the decree with its members, four coordination meetings
with attendance, eight action items (some overdue) and a RAD KLA of twenty activities.

Simulated: the decree number and the office names are public, the people and figures are not.
Everything is written through the services, so it is validated and audited like real input.
Loading is idempotent: nothing is added when the decree is already there.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layak.accounts.models import Role, User
from layak.demo.pdf import sample_pdf
from layak.gugus import services
from layak.gugus.models import (
    ActionItem,
    ActionStatus,
    ChildRelevance,
    Decree,
    Meeting,
    Member,
    MemberKind,
    Position,
    RadActivity,
)
from layak.regions.models import Agency, Region

DECREE_NUMBER = "522/KPTS/D-08/2024"
G, ANAK, USAHA, MASY = (
    MemberKind.GOVERNMENT,
    MemberKind.CHILDREN,
    MemberKind.BUSINESS,
    MemberKind.COMMUNITY,
)

# (position, kind, name, agency short name or organisation)
MEMBERS = (
    (Position.CHAIR, G, "Ir. Hendra Gunawan, M.T.", "Bappeda"),
    (Position.VICE_CHAIR, G, "Dra. Yuliana Sari, M.M.", "DP3AP2KB"),
    (Position.SECRETARY, G, "Rahmat Hidayat, S.Sos.", "DP3AP2KB"),
    (Position.COORD_KL, G, "Agus Setiawan, S.E., M.Si.", "Bappeda"),
    (Position.COORD_K1, G, "Drs. Bambang Irawan", "Disdukcapil"),
    (Position.COORD_K2, G, "Siti Aminah, S.Pd., M.M.", "Dinsos"),
    (Position.COORD_K3, G, "dr. Slamet Riyadi, M.Kes.", "Dinkes"),  # left; replaced below
    (Position.COORD_K4, G, "Dr. Eko Prasetyo, M.Pd.", "Disdikbud"),
    (Position.COORD_K5, G, "Nurhayati, S.H.", "UPTD PPA"),
    (Position.MEMBER, G, "Fajar Nugroho, S.Kom.", "Diskominfo"),
    (Position.MEMBER, G, "Lestari Handayani, S.H., M.H.", "Bagian Hukum"),
    (Position.MEMBER, G, "Wahyuni, S.IP.", "Dispusip"),
    (Position.MEMBER, G, "Joko Susilo, S.E.", "Disnakertrans"),
    (Position.MEMBER, G, "Andi Kurniawan, S.T.", "BPBD"),
    (Position.MEMBER, G, "Hariyanto, S.Sos.", "Satpol PP"),
    (Position.MEMBER, G, "Ir. Dedi Kusnadi", "Dinas PUTR"),
    (Position.MEMBER, G, "Sri Rejeki, S.Si.", "DLH"),
    (Position.MEMBER, G, "Rudi Hartono, S.T.", "Dishub"),
    (Position.MEMBER, G, "Yoga Pratama, S.Pd.", "Disporapar"),
    (Position.MEMBER, G, "H. Ahmad Fauzi, S.Ag.", "Kemenag"),
    (Position.MEMBER, G, "AKP Dian Puspita", "Polres Metro"),
    (Position.MEMBER, ANAK, "Alya (Ketua Forum Anak)", "Forum Anak Kota Metro"),
    (Position.MEMBER, USAHA, "Hendri Wijaya", "APINDO Kota Metro"),
    (Position.MEMBER, MASY, "Dr. Ratna Dewi, M.Psi.", "Universitas Muhammadiyah Metro"),
    (Position.MEMBER, MASY, "Hj. Marlina", "Tim Penggerak PKK Kota Metro"),
)
NEW_K3 = "dr. Anisa Rahmawati, M.K.M."

# (month, day, agenda, place, who did not come: indexes into MEMBERS, guests, decisions)
# In the order of the evaluation year: the self-assessment (Feb-Mar), the province's
# administrative verification (April), the hybrid field verification (May-June) before the
# award on Hari Anak Nasional (23 July), and the action plan for the next year.
MEETINGS = (
    (
        2,
        12,
        "Rapat koordinasi awal tahun: persiapan evaluasi mandiri KLA",
        "Ruang Rapat Bappeda Kota Metro",
        {12, 16, 18, 23},
        "Perwakilan SMP Negeri 3 Metro\nRadar Metro (media)",
        "Setiap klaster mengunggah data dukung paling lambat akhir Maret.\n"
        "Sekretariat menyusun jadwal pendampingan per OPD.",
    ),
    (
        4,
        29,
        "Pembahasan hasil verifikasi administrasi provinsi",
        "Aula DP3AP2KB Kota Metro",
        {11, 14, 17, 19, 22},
        "Perwakilan DP3A Provinsi Lampung",
        "Dokumen yang diminta perbaikan dilengkapi dalam dua minggu.\n"
        "Data imunisasi dipilah per kecamatan.",
    ),
    (
        5,
        13,
        "Persiapan verifikasi lapangan hibrida dan Hari Anak Nasional",
        "Ruang Rapat Wali Kota Metro",
        {10, 13, 15, 16, 20, 24},
        "Perwakilan Puskesmas Yosomulyo\nPerwakilan Forum Anak Kecamatan Metro Pusat",
        "Lokasi kunjungan lapangan: Puskesmas Ramah Anak, SRA, RBRA Taman Merdeka.\n"
        "Forum Anak menyampaikan paparan partisipasi anak.",
    ),
    (
        11,
        5,
        "Evaluasi RAD KLA tahun berjalan dan penyusunan RAD KLA tahun depan",
        "Ruang Rapat Bappeda Kota Metro",
        {12, 13, 17, 18, 19, 21},
        "Perwakilan CSR Bank Lampung Cabang Metro",
        "Realisasi RAD KLA dilaporkan setiap OPD paling lambat 15 Desember.\n"
        "Usulan kegiatan RAD tahun depan memuat porsi anggaran untuk anak.",
    ),
)

# (meeting index, what, agency, due in days from today, status, questions)
ACTIONS = (
    (
        0,
        "Unggah data dukung persalinan di fasyankes per kecamatan",
        "Dinkes",
        -40,
        "terbuka",
        ["12.1", "12.2"],
    ),
    (1, "Lengkapi laporan PRAP dan Puskesmas Ramah Anak", "Dinkes", 2, "berjalan", ["15.2"]),
    (
        1,
        "Perbarui SK Gugus Tugas dengan anggota pengganti Klaster III",
        "DP3AP2KB",
        -20,
        "berjalan",
        ["2.1"],
    ),
    (
        2,
        "Siapkan paparan akta kelahiran anak untuk verifikasi lapangan",
        "Disdukcapil",
        3,
        "terbuka",
        ["4.1", "4.2"],
    ),
    (
        2,
        "Pastikan Kawasan Tanpa Rokok di sekolah terpasang tanda",
        "Satpol PP",
        -5,
        "terbuka",
        ["17.1"],
    ),
    (2, "Dokumentasi RBRA Taman Merdeka", "Disporapar", -60, "selesai", ["11.1"]),
    (3, "Kumpulkan realisasi RAD KLA per OPD", "Bappeda", 14, "terbuka", ["2.5"]),
    (3, "Usulan kegiatan PATBM di lima kelurahan", "DP3AP2KB", 30, "batal", ["21A.1"]),
)

# (part, indicator, activity, agency, relevance share, {source: (planned, realised)}, output)
M = 1_000_000
RAD = (
    (
        "KL",
        "1",
        "Penyusunan Perwali turunan Perda KLA",
        "Bagian Hukum",
        100,
        {"apbd": (85, 80)},
        "1 Perwali",
    ),
    (
        "KL",
        "2",
        "Rapat koordinasi dan bimtek KHA Gugus Tugas",
        "DP3AP2KB",
        100,
        {"apbd": (120, 112)},
        "4 rapat, 1 bimtek",
    ),
    (
        "KL",
        "2",
        "Penyusunan Profil Anak Kota Metro",
        "DP3AP2KB",
        100,
        {"apbd": (60, 58)},
        "1 dokumen",
    ),
    (
        "KL",
        "3",
        "Forum CSR untuk anak bersama dunia usaha",
        "Bappeda",
        100,
        {"apbd": (25, 20), "csr": (150, 140)},
        "1 forum",
    ),
    (
        "K1",
        "4",
        "Jemput bola akta kelahiran di kelurahan",
        "Disdukcapil",
        100,
        {"apbd": (95, 90)},
        "22 kelurahan",
    ),
    (
        "K1",
        "5",
        "Pojok baca anak di perpustakaan daerah",
        "Dispusip",
        100,
        {"apbd": (70, 65), "apbn": (100, 100)},
        "1 ruang baca",
    ),
    (
        "K1",
        "6",
        "Pelatihan Forum Anak Pelopor dan Pelapor",
        "DP3AP2KB",
        100,
        {"apbd": (45, 45)},
        "60 anak",
    ),
    (
        "K2",
        "7",
        "Kampanye pencegahan perkawinan anak",
        "DP3AP2KB",
        100,
        {"apbd": (40, 38)},
        "5 kecamatan",
    ),
    ("K2", "8", "Layanan PUSPAGA", "DP3AP2KB", 100, {"apbd": (90, 85)}, "1 PUSPAGA"),
    (
        "K2",
        "11",
        "Revitalisasi Taman Merdeka dengan area bermain ramah anak",
        "Dinas PUTR",
        30,
        {"apbd": (1800, 1650), "apbn": (500, 500)},
        "1 taman",
    ),
    (
        "K3",
        "12",
        "Kelas ibu hamil dan persalinan aman",
        "Dinkes",
        100,
        {"apbd": (110, 104)},
        "11 puskesmas",
    ),
    (
        "K3",
        "13",
        "Pemberian makanan tambahan balita gizi kurang",
        "Dinkes",
        100,
        {"apbd": (250, 240), "apbn": (300, 290)},
        "1.200 balita",
    ),
    ("K3", "15", "Puskesmas Ramah Anak", "Dinkes", 100, {"apbd": (80, 60)}, "6 puskesmas"),
    (
        "K3",
        "16",
        "Jaringan air minum di permukiman padat",
        "Dinas PUTR",
        25,
        {"apbd": (2400, 2100), "apbn": (1200, 1150)},
        "3.000 sambungan",
    ),
    (
        "K3",
        "17",
        "Pengawasan Kawasan Tanpa Rokok",
        "Satpol PP",
        40,
        {"apbd": (60, 55)},
        "120 lokasi",
    ),
    (
        "K4",
        "18",
        "Beasiswa anak dari keluarga miskin",
        "Disdikbud",
        100,
        {"apbd": (650, 640)},
        "900 siswa",
    ),
    (
        "K4",
        "19",
        "Pendampingan Sekolah Ramah Anak",
        "Disdikbud",
        100,
        {"apbd": (75, 70)},
        "40 sekolah",
    ),
    (
        "K4",
        "20",
        "Festival kreativitas anak Hari Anak Nasional",
        "Disporapar",
        100,
        {"apbd": (90, 90), "csr": (60, 55)},
        "1 festival",
    ),
    (
        "K5",
        "21B",
        "Layanan UPTD PPA bagi anak korban kekerasan",
        "UPTD PPA",
        100,
        {"apbd": (210, 200), "apbn": (150, 140)},
        "layanan 24 jam",
    ),
    (
        "K5",
        "22B",
        "Ruang ramah anak di lokasi pengungsian",
        "BPBD",
        50,
        {"apbd": (100, 40)},
        "2 tenda",
    ),
)


def _metro_agencies(region: Region) -> dict[str, Agency]:
    return {a.short_name: a for a in Agency.objects.filter(region=region)}


def _meeting_day(today: date, month: int, day: int) -> date:
    held = date(today.year, month, day)
    return held if held <= today else held.replace(year=today.year - 1)


def ensure_task_force(region: Region) -> None:
    """Kota Metro's task force records, loaded once."""
    if Decree.objects.filter(region=region, number=DECREE_NUMBER).exists():
        return
    sari = User.objects.get(username="sari")
    officers = User.objects.filter(role=Role.OFFICER, region=region, email="")
    for officer in officers.select_related("agency"):
        office = officer.agency.short_name if officer.agency else "opd"
        officer.email = f"{officer.username}@{office.lower().replace(' ', '')}.metro.example"
        officer.save(update_fields=["email"])
    agencies = _metro_agencies(region)
    today = timezone.localdate()
    signed = date(2024, 3, 4)
    scan = SimpleUploadedFile(
        "sk-gugus-tugas.pdf",
        sample_pdf(
            [
                f"Keputusan Wali Kota Metro Nomor {DECREE_NUMBER}",
                "tentang Gugus Tugas Kabupaten/Kota Layak Anak Kota Metro",
                "Dokumen contoh (simulasi), bukan dokumen resmi",
            ]
        ),
        "application/pdf",
    )
    decree = services.save_decree(
        sari,
        Decree(
            region=region,
            number=DECREE_NUMBER,
            signed_on=signed,
            valid_from=signed,
            valid_until=date(2027, 3, 3),
        ),
        scan,
    )
    members: list[Member] = []
    for position, kind, name, body in MEMBERS:
        member = Member(decree=decree, position=position, kind=kind, name=name, since=signed)
        if kind == G:
            member.agency = agencies[body]
        else:
            member.organisation = body
        members.append(services.save_member(sari, member))
    # The Klaster III coordinator moved on in mid-2025: an end date, and a successor.
    leaving = members[6]
    leaving.until = date(2025, 6, 30)
    services.save_member(sari, leaving)
    successor = services.save_member(
        sari,
        Member(
            decree=decree,
            position=Position.COORD_K3,
            kind=G,
            name=NEW_K3,
            agency=agencies["Dinkes"],
            since=date(2025, 7, 1),
        ),
    )
    meetings: list[Meeting] = []
    for month, day, agenda, place, absent, guests, decisions in MEETINGS:
        held = _meeting_day(today, month, day)
        came = [m for i, m in enumerate(members) if i not in absent and m.active_on(held)]
        if successor.active_on(held) and 6 not in absent:
            came.append(successor)
        minutes = (
            f"Rapat dibuka oleh Ketua Gugus Tugas. Agenda: {agenda}.\n"
            "Sekretariat memaparkan capaian dan kekurangan data dukung per klaster; "
            "setiap koordinator klaster menyampaikan kendala dan rencana tindak lanjut.\n"
            "Perwakilan Forum Anak dan dunia usaha menyampaikan masukan."
        )
        meetings.append(
            services.save_meeting(
                sari,
                Meeting(
                    region=region,
                    held_on=held,
                    agenda=agenda,
                    place=place,
                    guests=guests,
                    minutes=minutes,
                    decisions=decisions,
                ),
                came,
            )
        )
    attendance = SimpleUploadedFile(
        "daftar-hadir.pdf",
        sample_pdf(["Daftar hadir rapat koordinasi Gugus Tugas KLA", "Pindaian contoh (simulasi)"]),
        "application/pdf",
    )
    services.add_meeting_document(sari, meetings[0], attendance, "Daftar hadir bertanda tangan")
    for index, what, agency, due_in, status, codes in ACTIONS:
        action = services.save_action(
            sari,
            ActionItem(
                meeting=meetings[index],
                what=what,
                agency=agencies[agency],
                due_on=today + timedelta(days=due_in),
                question_codes=codes,
            ),
        )
        if status != ActionStatus.OPEN:
            services.set_action_status(sari, action, status)
    for part, indicator, name, agency, share, budgets, output in RAD:
        services.save_rad_activity(
            sari,
            RadActivity(
                region=region,
                year=today.year,
                part_code=part,
                indicator_code=indicator,
                name=name,
                agency=agencies[agency],
                output=output,
                relevance=ChildRelevance.DIRECT if share == 100 else ChildRelevance.INDIRECT,
                child_share=Decimal(share),
            ),
            {
                source: (Decimal(planned * M), Decimal(realised * M))
                for source, (planned, realised) in budgets.items()
            },
        )
