"""Kota Metro and its agencies (Kemendagri codes and names, public office names)."""

from __future__ import annotations

from layak.demo.read import csv_rows
from layak.regions.loading import load_units, read_units
from layak.regions.models import Agency, Region

METRO = "18.72"
LAMPUNG = "18"
AGENCIES = "kota-metro-opd.csv"  # singkatan, nama, nama_lain (;), dikoordinasi
ALIASES = {"18.72.04.1003": ["Iringmulyo"], "18.72.01.1001": ["Metro Pusat"]}


def ensure_regions() -> Region:
    if not Region.objects.filter(code=METRO).exists():
        load_units(read_units(None))
    for code, aliases in ALIASES.items():
        Region.objects.filter(code=code, aliases=[]).update(aliases=aliases)
    return Region.objects.get(code=METRO)


def ensure_agencies(region: Region) -> None:
    """The agencies of the demo file, then the suppliers each coordinates (the Forum Anak
    Daerah and the business community are not agencies: DP3AP2KB coordinates them)."""
    rows = csv_rows(AGENCIES)
    for row in rows:
        Agency.objects.get_or_create(
            region=region,
            short_name=row["singkatan"],
            defaults={
                "name": row["nama"],
                "aliases": [a for a in row["nama_lain"].split(";") if a],
            },
        )
    for row in rows:
        if row["dikoordinasi"]:
            coordinator = Agency.objects.get(region=region, short_name=row["dikoordinasi"])
            Agency.objects.filter(
                region=region, short_name=row["singkatan"], coordinator__isnull=True
            ).update(coordinator=coordinator)
