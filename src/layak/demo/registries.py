"""Kota Metro's registries for the demo: institutions of every kind with their decrees
(`data/kota-metro-registri-lembaga.csv`), KHA trainings with their participants
(`-pelatihan-kha.csv`, `-pelatihan-kha-peserta.csv`) and the agencies' staff counts
(`kota-metro-pegawai-opd.csv`).

Simulated but plausible: the puskesmas bear the names of Kota Metro's public health centres,
the schools generic names ("SD Negeri 1 Metro"), private bodies made-up names marked "(demo)",
and the participants made-up adult names. Decree dates are counted back from this year
(`sk_tahun_lalu`), so the current cycle always has decrees in force. Everything is written
through the registries' services (the institutions by the list import), validated and
audited; loading twice changes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from layak.accounts.models import User
from layak.demo.read import csv_rows
from layak.regions.models import Agency, Region
from layak.registries import importing, services
from layak.registries.models import AgencyStaff, Institution, Participant, TrainingEvent

# jenis, nama, kelurahan, alamat, nomor_sk ({tahun} is the decree's year), sk_tahun_lalu,
# sk_bulan_hari (MM-DD), berlaku_tahun (empty: open-ended), dasar (empty: sk)
INSTITUTIONS = "kota-metro-registri-lembaga.csv"
EVENTS = "kota-metro-pelatihan-kha.csv"  # judul, tahun_lalu, bulan_hari, penyelenggara, jam, materi
PARTICIPANTS = "kota-metro-pelatihan-kha-peserta.csv"  # pelatihan (judul), nama, opd, jabatan
STAFF = "kota-metro-pegawai-opd.csv"  # opd (short name), pegawai: this year's and last year's


def load_registries(region: Region) -> None:
    if Institution.objects.filter(region=region).exists():
        return
    secretariat = User.objects.get(username="sari")
    year = timezone.localdate().year
    importing.apply(secretariat, region, list(enumerate(_import_rows(year), start=2)))
    agencies = {a.short_name: a for a in Agency.objects.filter(region=region)}
    events = {}
    for row in csv_rows(EVENTS):
        held = date.fromisoformat(f"{year - int(row['tahun_lalu'])}-{row['bulan_hari']}")
        event = TrainingEvent(
            region=region,
            title=row["judul"],
            held_on=held,
            organiser=row["penyelenggara"],
            hours=Decimal(row["jam"]),
            material=row["materi"],
        )
        events[row["judul"]] = services.save_event(secretariat, event)
    for row in csv_rows(PARTICIPANTS):
        participant = Participant(
            event=events[row["pelatihan"]],
            name=row["nama"],
            agency=agencies[row["opd"]],
            position=row["jabatan"],
        )
        services.save_participant(secretariat, participant)
    for row in csv_rows(STAFF):
        for staff_year in (year - 1, year):
            count = int(row["pegawai"])
            staff = AgencyStaff(agency=agencies[row["opd"]], year=staff_year, count=count)
            services.save_staff_count(secretariat, staff)


def _import_rows(year: int) -> list[dict[str, str]]:
    """The data file's rows as the list import reads them: absolute years and dates."""
    rows = []
    for row in csv_rows(INSTITUTIONS):
        values = {k: row[k] for k in ("jenis", "nama", "kelurahan", "alamat", "dasar")}
        if row["nomor_sk"]:
            start = year - int(row["sk_tahun_lalu"])
            years = int(row["berlaku_tahun"]) if row["berlaku_tahun"] else None
            values |= {
                "nomor_sk": row["nomor_sk"].format(tahun=start),
                "tanggal_sk": f"{start}-{row['sk_bulan_hari']}",
                "berlaku_dari": str(start),
                "berlaku_sampai": str(start + years - 1) if years else "",
            }
        rows.append(values)
    return rows
