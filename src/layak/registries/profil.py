"""The registries' figures on the Profil Anak page (layak.profil.queries.institutions): per
kecamatan, every kind of institution the region has recorded, with the active ones, those with
a decree (SK) in force in the profile's year and those with a standard or self-assessment in
force, counted as the registry's own page counts them (`queries.institutions`, the core's
`holds_in`). An institution recorded at a kelurahan counts in that kelurahan's kecamatan (the
regions' data); one recorded with neither counts in a line of its own.

Three queries: the institutions with their decrees, and the region's kecamatan.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from layak.accounts.models import User
from layak.core.registries import KINDS
from layak.core.wilayah import Level
from layak.profil.queries.institutions import Cell, Line, ServiceTable
from layak.regions.models import Region
from layak.registries import policy
from layak.registries.queries import institutions

UNPLACED = ""


def _kecamatan_of(unit: Region | None) -> str:
    if unit is None:
        return UNPLACED
    return unit.code if unit.level == Level.DISTRICT else unit.parent_id or UNPLACED


def institutions_per_kecamatan(user: User, region: Region, year: int) -> ServiceTable | None:
    if not policy.reads(user, region.code):
        return None
    # kecamatan code → kind code → [active, decreed, standardised]
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for row in institutions(region, year):
        if not row.institution.active:
            continue  # closed: out of the figures, as on the registry's page
        tally = counts[_kecamatan_of(row.institution.unit)][row.institution.kind]
        tally[0] += 1
        tally[1] += row.decree is not None
        tally[2] += row.standard is not None
    kinds = [k for k in KINDS if any(k.code.value in by_kind for by_kind in counts.values())]
    if not kinds:
        return None  # an empty register says nothing about the region

    def cells(by_kind: dict[str, list[int]]) -> tuple[Cell, ...]:
        return tuple(Cell(k.name, *by_kind.get(k.code.value, (0, 0, 0))) for k in kinds)

    lines = [
        Line(kecamatan.code, kecamatan.name, cells(counts.get(kecamatan.code, {})))
        for kecamatan in region.units(Level.DISTRICT).order_by("name")
    ]
    if UNPLACED in counts:
        lines.append(Line(UNPLACED, _("Tanpa kelurahan/kecamatan"), cells(counts[UNPLACED])))
    total = tuple(
        Cell(
            kind.name,
            sum(line.cells[i].active for line in lines),
            sum(line.cells[i].decreed for line in lines),
            sum(line.cells[i].standardised for line in lines),
        )
        for i, kind in enumerate(kinds)
    )
    query = urlencode({"wilayah": region.code, "tahun": year})
    return ServiceTable(
        title=_("Lembaga layanan anak per kecamatan"),
        columns=tuple(k.name for k in kinds),
        lines=tuple(lines),
        total=total,
        source=_("Registri lembaga %(region)s") % {"region": region.name},
        as_of=timezone.localdate(),
        url=f"{reverse('registries:index')}?{query}",
        definition=_(
            "Angka besar: lembaga aktif. Ber-SK: memegang SK yang berlaku pada tahun %(year)s; "
            "terstandar: memegang standar, akreditasi, atau evaluasi mandiri yang berlaku pada "
            "tahun itu. Lembaga tutup tidak dihitung."
        )
        % {"year": year},
    )
