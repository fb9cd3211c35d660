"""Who supplies a question's data, as pages say it: the instrument's supplier names, where a
coordinated supplier (a body that is not an agency) is named with the agency that coordinates
it and to which its questions are assigned: "Forum Anak Daerah (dikoordinasi DP3AP2KB)"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from layak.core.agencies import alias_index, normalise_agency
from layak.regions.models import Agency


@dataclass(frozen=True)
class DataSources:
    """A region's coordinated suppliers by normalised name (one query)."""

    suppliers: dict[str, Agency]

    @classmethod
    def of(cls, region_code: str) -> DataSources:
        found = Agency.objects.filter(
            region_id=region_code, active=True, coordinator__active=True
        ).select_related("coordinator")
        return cls(alias_index((a, a.names()) for a in found))

    def describe(self, names: Iterable[str]) -> list[str]:
        """The supplier names, each coordinated supplier with the agency coordinating it."""
        described: list[str] = []
        for name in names:
            supplier = self.suppliers.get(normalise_agency(name))
            if supplier is None or supplier.coordinator is None:
                described.append(name)
                continue
            text = _("%(supplier)s (dikoordinasi %(agency)s)") % {
                "supplier": supplier.name,
                "agency": supplier.coordinator.short_name,
            }
            if text not in described:
                described.append(text)
        return described

    def text(self, names: Iterable[str]) -> str:
        return ", ".join(self.describe(names)) or "—"
