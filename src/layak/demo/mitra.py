"""Kota Metro's stakeholders for the demo: organisations of every kind, commitments and
contributions across the kecamatan and clusters, some still awaiting the secretariat
(`data/kota-metro-mitra-organisasi.csv`, `-komitmen.csv`, `-kontribusi.csv`).

The organisations are made up (names that read like local ones); nothing here is Kota Metro's
real data. Dates are counted back from today, so the demo always has this year's and last
year's records. Loading is idempotent: a second run changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from layak.accounts.models import User
from layak.demo.pdf import sample_upload
from layak.demo.read import csv_rows
from layak.files.storage import files_kept_only_on_success
from layak.mitra.models import Commitment, Contribution, Organisation, StakeholderAccount, Status
from layak.mitra.services import check_files, store_documents
from layak.regions.models import Region

ORGANISATIONS = "kota-metro-mitra-organisasi.csv"  # nama, jenis, alamat, puspa_sejak, akun
# organisasi, jenis, nomor, judul, mulai_hari_lalu, berlaku_hari (empty: open-ended), status
COMMITMENTS = "kota-metro-mitra-komitmen.csv"
# organisasi, judul, nilai, tempat, indikator, hari_lalu, status, komitmen (its judul), catatan
CONTRIBUTIONS = "kota-metro-mitra-kontribusi.csv"


def load_stakeholders(region: Region) -> None:
    """Kota Metro's stakeholders; an organisation's `akun` (the account "mitra") acts for it
    and is the author of its records, the secretariat of the others'."""
    rows = csv_rows(ORGANISATIONS)
    if Organisation.objects.filter(region=region, name=rows[0]["nama"]).exists():
        return
    secretariat = User.objects.get(username="sari")
    today = timezone.localdate()
    now = timezone.now()
    organisations = {}
    accounts: dict[str, User] = {}
    for row in rows:
        organisation = Organisation(
            region=region,
            name=row["nama"],
            kind=row["jenis"],
            address=row["alamat"],
            puspa_member=bool(row["puspa_sejak"]),
            puspa_since=date.fromisoformat(row["puspa_sejak"]) if row["puspa_sejak"] else None,
        )
        organisation.full_clean()
        organisation.save()
        organisations[organisation.name] = organisation
        account = User.objects.filter(username=row["akun"]).first() if row["akun"] else None
        if account is not None:
            accounts[organisation.name] = account
    for name, account in accounts.items():
        StakeholderAccount.objects.get_or_create(
            user=account, defaults={"organisation": organisations[name]}
        )

    def author(name: str) -> User:
        return accounts.get(name, secretariat)

    commitments = {}
    for row in csv_rows(COMMITMENTS):
        name, number, title, status = row["organisasi"], row["nomor"], row["judul"], row["status"]
        start = today - timedelta(days=int(row["mulai_hari_lalu"]))
        runs = int(row["berlaku_hari"]) if row["berlaku_hari"] else None
        commitment = Commitment(
            organisation=organisations[name],
            kind=row["jenis"],
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
        _attach(commitment, [title, name, f"Nomor {number or '-'}"])
    for row in csv_rows(CONTRIBUTIONS):
        name, title, status = row["organisasi"], row["judul"], row["status"]
        contribution = Contribution(
            organisation=organisations[name],
            commitment=commitments.get(row["komitmen"]),
            title=title,
            date=today - timedelta(days=int(row["hari_lalu"])),
            value=Decimal(row["nilai"]),
            place=Region.objects.get(code=row["tempat"]),
            indicator_code=row["indikator"],
            status=status,
            review_note=row["catatan"],
            created_by=author(name),
        )
        if status != Status.PENDING:
            contribution.reviewed_by, contribution.reviewed_at = secretariat, now
        contribution.full_clean()
        contribution.save()
        _attach(contribution, [title, name, "Berita acara serah terima dan dokumentasi"])


def _attach(owner: Commitment | Contribution, lines: list[str]) -> None:
    upload = sample_upload("dokumen.pdf", lines)
    with files_kept_only_on_success() as saved:
        store_documents(owner.created_by, owner, check_files([upload]), saved, None)
