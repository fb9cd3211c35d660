"""Kota Metro's stakeholders for the demo: organisations of every kind, commitments and
contributions across the kecamatan and clusters, some still awaiting the secretariat.

The organisations are made up (names that read like local ones); nothing here is Kota Metro's
real data. Dates are counted back from today, so the demo always has this year's and last
year's records. Loading is idempotent: a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from layak.accounts.models import User
from layak.demo.pdf import sample_pdf
from layak.files.storage import files_kept_only_on_success
from layak.mitra.models import (
    Commitment,
    CommitmentKind,
    Contribution,
    Kind,
    Organisation,
    StakeholderAccount,
    Status,
)
from layak.mitra.services import check_files, store_documents
from layak.regions.models import Region

STAKEHOLDER_USERNAME = "mitra"
SINAR = "PT Sinar Metro Abadi"


@dataclass(frozen=True)
class Org:
    name: str
    kind: Kind
    address: str
    puspa_since: str = ""  # ISO date; empty: not in PUSPA


ORGANISATIONS = (
    Org(SINAR, Kind.BUSINESS, "Jl. Jenderal Sudirman No. 88, Metro Pusat", "2022-03-15"),
    Org(
        "PT BPR Metro Sejahtera", Kind.BUSINESS, "Jl. A.H. Nasution No. 12, Yosodadi", "2023-07-23"
    ),
    Org("Toserba Mulya Jaya Metro", Kind.BUSINESS, "Jl. Imam Bonjol No. 5, Iring Mulyo"),
    Org(
        "Radio Swara Metro 98,6 FM",
        Kind.MEDIA,
        "Jl. Diponegoro No. 21, Hadimulyo Barat",
        "2022-03-15",
    ),
    Org("Metro Ekspres Online", Kind.MEDIA, "Jl. Ahmad Yani No. 7, Metro"),
    Org(
        "Universitas Bumi Ruwa Jurai Metro",
        Kind.UNIVERSITY,
        "Jl. Ki Hajar Dewantara No. 116, Iring Mulyo",
        "2023-01-10",
    ),
    Org("SD Islam Terpadu Cahaya Ilmu", Kind.SCHOOL, "Jl. Pattimura No. 3, Mulyojati"),
    Org("SMP Tunas Harapan Metro", Kind.SCHOOL, "Jl. Stadion No. 15, Yosodadi"),
    Org(
        "Gerakan Peduli Anak Metro (GEPAM)",
        Kind.COMMUNITY,
        "Jl. Kemiri No. 4, Purwosari",
        "2022-03-15",
    ),
    Org("Yayasan Rumah Belajar Nusantara", Kind.COMMUNITY, "Jl. Sumbersari No. 9, Margodadi"),
    Org(
        "Majelis Taklim Bunda Sakinah Metro",
        Kind.RELIGIOUS,
        "Jl. Veteran No. 30, Rejomulyo",
        "2024-02-01",
    ),
    Org("Ikatan Remaja Masjid Al-Ikhlas", Kind.RELIGIOUS, "Jl. Hasanudin No. 2, Imopuro"),
    Org(
        "Perkumpulan Psikolog Anak Metro",
        Kind.PROFESSIONAL,
        "Jl. Brigjen Sutiyoso No. 18, Hadimulyo Timur",
        "2024-08-08",
    ),
)

# (organisation, kind, number, title, days ago it started, days it runs or None, status)
COMMITMENTS = (
    (
        SINAR,
        CommitmentKind.MOU,
        "045/MoU/DP3AP2KB/2024",
        "Nota kesepahaman dukungan Kota Layak Anak",
        500,
        1095,
        Status.CONFIRMED,
    ),
    (
        SINAR,
        CommitmentKind.CSR,
        "CSR/SMA/012",
        "Program CSR Sinar Peduli Anak",
        300,
        365,
        Status.CONFIRMED,
    ),
    (
        "PT BPR Metro Sejahtera",
        CommitmentKind.CSR,
        "BPR-MS/CSR/07",
        "BPR Peduli Ruang Bermain Anak",
        420,
        730,
        Status.CONFIRMED,
    ),
    (
        "Radio Swara Metro 98,6 FM",
        CommitmentKind.MOU,
        "12/MoU/RSM/2025",
        "Siaran ramah anak dan Suara Anak Metro",
        380,
        None,
        Status.CONFIRMED,
    ),
    (
        "Universitas Bumi Ruwa Jurai Metro",
        CommitmentKind.MOU,
        "031/UBRJ/KS/2025",
        "Pengabdian masyarakat untuk KLA",
        340,
        1825,
        Status.CONFIRMED,
    ),
    (
        "Toserba Mulya Jaya Metro",
        CommitmentKind.CSR,
        "",
        "Pojok ASI di pusat belanja",
        40,
        365,
        Status.PENDING,
    ),
)

# (organisation, title, rupiah, place code, indicator, days ago, status, commitment title, note)
CONTRIBUTIONS = (
    (
        SINAR,
        "Pojok ASI di Puskesmas Metro",
        "18500000",
        "18.72.01.1001",
        "14",
        200,
        Status.CONFIRMED,
        "Program CSR Sinar Peduli Anak",
        "",
    ),
    (
        SINAR,
        "Ruang bermain ramah anak Taman Kelurahan Metro",
        "65000000",
        "18.72.01.1001",
        "11",
        260,
        Status.CONFIRMED,
        "Program CSR Sinar Peduli Anak",
        "",
    ),
    (
        SINAR,
        "Pertemuan forum CSR untuk KLA",
        "4000000",
        "18.72.01",
        "3",
        420,
        Status.CONFIRMED,
        "Nota kesepahaman dukungan Kota Layak Anak",
        "",
    ),
    (
        SINAR,
        "Sponsor peringatan Hari Anak Nasional tingkat kota",
        "25000000",
        "18.72.01",
        "6",
        25,
        Status.PENDING,
        "Program CSR Sinar Peduli Anak",
        "",
    ),
    (
        "PT BPR Metro Sejahtera",
        "Ruang bermain ramah anak Ganjar Agung",
        "42750000",
        "18.72.03.1002",
        "11",
        150,
        Status.CONFIRMED,
        "BPR Peduli Ruang Bermain Anak",
        "",
    ),
    (
        "PT BPR Metro Sejahtera",
        "Beasiswa kembali sekolah bagi anak putus sekolah",
        "30000000",
        "18.72.02",
        "18",
        380,
        Status.CONFIRMED,
        "",
        "",
    ),
    (
        "Toserba Mulya Jaya Metro",
        "Pojok ASI di Toserba Mulya Jaya",
        "12000000",
        "18.72.04.1003",
        "14",
        30,
        Status.PENDING,
        "Pojok ASI di pusat belanja",
        "",
    ),
    (
        "Radio Swara Metro 98,6 FM",
        "Talkshow mingguan Suara Anak Metro",
        "9600000",
        "18.72.01",
        "5",
        120,
        Status.CONFIRMED,
        "Siaran ramah anak dan Suara Anak Metro",
        "",
    ),
    (
        "Radio Swara Metro 98,6 FM",
        "Kampanye radio stop perkawinan anak",
        "6000000",
        "18.72.05",
        "7",
        330,
        Status.CONFIRMED,
        "Siaran ramah anak dan Suara Anak Metro",
        "",
    ),
    (
        "Metro Ekspres Online",
        "Liputan khusus layanan anak disabilitas",
        "3500000",
        "18.72.02",
        "23A",
        60,
        Status.RETURNED,
        "",
        "Lampirkan tautan atau cetakan liputan yang sudah terbit.",
    ),
    (
        "Universitas Bumi Ruwa Jurai Metro",
        "Pendampingan psikologis anak korban kekerasan",
        "15000000",
        "18.72.04",
        "21B",
        90,
        Status.CONFIRMED,
        "Pengabdian masyarakat untuk KLA",
        "",
    ),
    (
        "Universitas Bumi Ruwa Jurai Metro",
        "KKN tematik pencegahan stunting di Margorejo",
        "20000000",
        "18.72.05.1002",
        "13",
        300,
        Status.CONFIRMED,
        "Pengabdian masyarakat untuk KLA",
        "",
    ),
    (
        "SD Islam Terpadu Cahaya Ilmu",
        "Kantin sehat dan zona selamat sekolah",
        "8000000",
        "18.72.03.1001",
        "19",
        140,
        Status.CONFIRMED,
        "",
        "",
    ),
    (
        "SMP Tunas Harapan Metro",
        "Pelatihan konselor sebaya",
        "4500000",
        "18.72.04.1001",
        "21A",
        15,
        Status.PENDING,
        "",
        "",
    ),
    (
        "Gerakan Peduli Anak Metro (GEPAM)",
        "Pelatihan PATBM di Kelurahan Purwosari",
        "7250000",
        "18.72.02.1002",
        "21A",
        210,
        Status.CONFIRMED,
        "",
        "",
    ),
    (
        "Majelis Taklim Bunda Sakinah Metro",
        "Kelas pengasuhan bagi calon pengantin",
        "5000000",
        "18.72.05.1001",
        "8",
        100,
        Status.CONFIRMED,
        "",
        "",
    ),
    (
        "Perkumpulan Psikolog Anak Metro",
        "Konsultasi keluarga gratis di PUSPAGA",
        "12000000",
        "18.72.01.1002",
        "8",
        45,
        Status.CONFIRMED,
        "",
        "",
    ),
    (
        "Ikatan Remaja Masjid Al-Ikhlas",
        "Festival anak Ramadan",
        "3000000",
        "18.72.01.1003",
        "20",
        270,
        Status.CONFIRMED,
        "",
        "",
    ),
)


def load_stakeholders(region: Region) -> None:
    """Kota Metro's stakeholders, the account "mitra" acting for PT Sinar Metro Abadi."""
    if Organisation.objects.filter(region=region, name=SINAR).exists():
        return
    secretariat = User.objects.get(username="sari")
    stakeholder = User.objects.filter(username=STAKEHOLDER_USERNAME).first()
    today = timezone.localdate()
    now = timezone.now()
    organisations = {}
    for spec in ORGANISATIONS:
        organisation = Organisation(
            region=region,
            name=spec.name,
            kind=spec.kind,
            address=spec.address,
            puspa_member=bool(spec.puspa_since),
            puspa_since=date.fromisoformat(spec.puspa_since) if spec.puspa_since else None,
        )
        organisation.full_clean()
        organisation.save()
        organisations[spec.name] = organisation
    if stakeholder is not None:
        StakeholderAccount.objects.get_or_create(
            user=stakeholder, defaults={"organisation": organisations[SINAR]}
        )

    def author(name: str) -> User:
        return stakeholder if name == SINAR and stakeholder is not None else secretariat

    commitments = {}
    for name, kind, number, title, ago, runs, status in COMMITMENTS:
        start = today - timedelta(days=ago)
        commitment = Commitment(
            organisation=organisations[name],
            kind=kind,
            number=number,
            title=title,
            date_from=start,
            date_until=start + timedelta(days=runs) if runs else None,
            status=status,
            created_by=author(name),
        )
        if status == Status.CONFIRMED:
            commitment.reviewed_by, commitment.reviewed_at = secretariat, now
        commitment.full_clean()
        commitment.save()
        commitments[title] = commitment
        _attach(commitment, [title, f"{name}", f"Nomor {number or '-'}"])
    for name, title, value, place, indicator, ago, status, under, note in CONTRIBUTIONS:
        contribution = Contribution(
            organisation=organisations[name],
            commitment=commitments.get(under),
            title=title,
            date=today - timedelta(days=ago),
            value=Decimal(value),
            place=Region.objects.get(code=place),
            indicator_code=indicator,
            status=status,
            review_note=note,
            created_by=author(name),
        )
        if status != Status.PENDING:
            contribution.reviewed_by, contribution.reviewed_at = secretariat, now
        contribution.full_clean()
        contribution.save()
        _attach(contribution, [title, name, "Berita acara serah terima dan dokumentasi"])


def _attach(owner: Commitment | Contribution, lines: list[str]) -> None:
    upload = SimpleUploadedFile("dokumen.pdf", sample_pdf(lines), "application/pdf")
    with files_kept_only_on_success() as saved:
        store_documents(owner.created_by, owner, check_files([upload]), saved, None)
