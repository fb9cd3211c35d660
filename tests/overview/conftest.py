"""Lampung (18) is seeded with three simulated regions next to the demo's Kota Metro, Jawa
Barat (32) with one; Vina is Lampung's provincial verifier, Nadia a national verifier."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.support.national import JABAR, LAMPUNG_SEEDED, seed_regions


@pytest.fixture
def seeded(world: Any) -> int:
    """This year's cycles (Kota Metro's is the demo's) and last year's, verified."""
    year = timezone.localdate().year
    seed_regions((*LAMPUNG_SEEDED, JABAR), year)
    seed_regions(LAMPUNG_SEEDED, year - 1)
    return year
