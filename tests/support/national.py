"""Regions seeded with a simulated kla-2024 cycle (`overview.seeding`) for the province and
national pages' tests."""

from __future__ import annotations

from django.utils import timezone

from layak.core.loader import load_builtin
from layak.overview.seeding import seed_region, verifier
from layak.regions.models import Region

LAMPUNG_SEEDED = ("18.01", "18.02", "18.71")
JABAR = "32.73"


def seed_regions(codes: tuple[str, ...], year: int) -> None:
    instrument = load_builtin("kla-2024")
    by, now = verifier(), timezone.now()
    for code in codes:
        seed_region(Region.objects.get(code=code), year, instrument, by, now)
