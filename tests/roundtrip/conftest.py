"""Fixtures of the agency-workbook tests: Kota Metro's cycle and people, Dinkes, and a way to
export a workbook, type into it as an agency would, and read the answers back.

Demo facts relied on (see tests/web/websupport.py): 12.2 is Dinkes's alone (a percentage);
4.2 is Disdukcapil's; 26.12 (a DEKELA question, one answer per kelurahan) is Dinkes's too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from layak.accounts.models import User
from layak.evaluation.models import Cycle
from layak.regions.models import Agency
from tests.roundtrip.roundtrip_support import Book


@pytest.fixture
def book(cycle: Cycle, tmp_path: Path) -> Callable[..., Book]:
    """`book("budi", "Dinkes")`: the workbook budi downloads for Dinkes, ready to edit."""
    from layak.roundtrip.export import agency_book

    def make(username: str, short: str = "Dinkes") -> Book:
        user = User.objects.get(username=username)
        chosen = Agency.objects.get(region=cycle.region, short_name=short)
        path = tmp_path / f"{username}-{short}.xlsx"
        path.write_bytes(agency_book(user, cycle, chosen))
        return Book(path)

    return make
