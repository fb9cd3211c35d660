"""The services for children per kecamatan, from Layak's other registers, next to the Profil
Anak's counts of children: how many puskesmas, schools, PAUD-HI posts, PUSPAGA... each
kecamatan has, and how many of them hold a decree (SK) or a standard in the profile's year.

The Profil Anak itself holds counts of children only; it has no figure of institutions typed
in, so there is nothing of its own to set beside these. The registers live above this layer,
so each registers a provider in its AppConfig.ready() (as `evaluation.proposals`):

    from layak.profil.queries.institutions import register
    register(institutions_per_kecamatan)

A provider gets the reader, the kabupaten/kota and the year, and returns a table, or None when
it has nothing of the region or the reader may not see its register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from layak.accounts.models import User
from layak.regions.models import Region


@dataclass(frozen=True)
class Cell:
    """One kind of institution in one kecamatan: the active ones, and among them those with a
    decree (SK) in force in the year and those with a standard or self-assessment in force."""

    kind: str  # the column's kind, as its heading names it
    active: int = 0
    decreed: int = 0
    standardised: int = 0


@dataclass(frozen=True)
class Line:
    code: str  # the kecamatan's Kemendagri code; "" for institutions placed in none
    name: str
    cells: tuple[Cell, ...]  # one per column of the table


@dataclass(frozen=True)
class ServiceTable:
    title: str
    columns: tuple[str, ...]  # the kinds of institution, in the register's order
    lines: tuple[Line, ...]  # every kecamatan of the region, then the unplaced when any
    total: tuple[Cell, ...]
    source: str  # "Registri lembaga Kota Metro"
    as_of: date  # the day the register was read
    url: str | None  # the register's page for the year
    definition: str  # what the numbers count, from the register's one definition


Provider = Callable[[User, Region, int], ServiceTable | None]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def service_tables(user: User, region: Region, year: int) -> list[ServiceTable]:
    found = (provider(user, region, year) for provider in _PROVIDERS)
    return [table for table in found if table is not None]
