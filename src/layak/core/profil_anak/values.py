"""One value of a registry row or aggregated table as the registries write it: sex, yes/no,
a kind of disability, a desa/kelurahan code, and whether that code is one of the region's.

Both readers (`layak.ingest.profil_anak.extract` and `.tables`) judge values by these, so an
extract and a table of the same children give the same cells.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from layak.core.profil_anak.model import Sex

SEX_VALUES: dict[str, Sex] = {
    "L": "L",
    "LAKI-LAKI": "L",
    "LAKI LAKI": "L",
    "LAKILAKI": "L",
    "P": "P",
    "PEREMPUAN": "P",
}
YES = frozenset({"Y", "YA", "1", "TRUE"})
NO = frozenset({"T", "TIDAK", "0", "FALSE"})
NO_DISABILITY = frozenset({"", "-", "T", "TIDAK", "TIDAK ADA", "0", "NONE", "NORMAL"})
VILLAGE_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")


def sex_of(raw: str | None) -> Sex | None:
    return SEX_VALUES.get((raw or "").strip().upper())


def yes_no(raw: str | None) -> bool | None:
    value = (raw or "").strip().upper()
    return True if value in YES else False if value in NO else None


def disability_kind(raw: str | None) -> str | None:
    value = " ".join((raw or "").split())
    return None if value.upper() in NO_DISABILITY else value.title()


def village_code(raw: str | None) -> str | None:
    """'18.72.01.1001' or '1872011001' → '18.72.01.1001'; anything else → None."""
    match = VILLAGE_CODE.match((raw or "").strip())
    return ".".join(match.groups()) if match else None


def village_rule(
    raw: str | None, region: str, villages: Mapping[str, str]
) -> tuple[str | None, str]:
    """The desa/kelurahan code as Layak writes it and the code rule it breaks (the names of
    `model.RULES`), or (code, "") when it is one of the region's."""
    code = village_code(raw)
    if code is None:
        return None, "code_invalid"
    if not code.startswith(f"{region.strip()}."):
        return None, "code_outside"
    if code not in villages:
        return None, "code_unknown"
    return code, ""
