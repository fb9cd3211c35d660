"""A small Kota Metro profile made by hand with `summarise` (no import, no database), shared by
the Profil Anak web tests (`from tests.profil_web.profilweb_support import ...`).

Known facts the tests rely on:
- 22 kelurahan in 5 kecamatan; Margodadi (18.72.05.1004) has 3 children, all girls aged 4;
- every other kelurahan has, per single year 0-17, 6 boys and 5 girls (198 children) except in
  Metro Utara, where each kelurahan has 3 boys and 3 girls per year (108 children);
- akta: in Metro Pusat and Metro Barat every child has one; in Metro Timur and Metro Selatan
  children aged 0-1 do not (22 of 198 without: 88.89%); in Metro Utara children aged 0-4 do not
  (30 of 108 without: 72.22%); Margodadi's 3 girls have none;
- KIA: children aged 0-4 have one in Metro Pusat only; elsewhere nobody aged 0-4;
- disabilities: Fisik 7 L + 6 P, Tunarungu 3 L + 0 P.
"""

from __future__ import annotations

import functools

from layak.core.profil_anak.disclosure import protect_profile
from layak.core.profil_anak.display import Display, display
from layak.core.profil_anak.model import Cell, DisabilityCell
from layak.core.profil_anak.summary import Place, Profile, summarise

REGION = Place("18.72", "Kota Metro")
KECAMATAN = {
    "18.72.01": (
        "Metro Pusat",
        ["Metro", "Hadimulyo Timur", "Imopuro", "Hadimulyo Barat", "Yosomulyo"],
    ),
    "18.72.02": ("Metro Utara", ["Banjarsari", "Purwosari", "Karangrejo", "Purwoasri"]),
    "18.72.03": ("Metro Barat", ["Mulyojati", "Ganjar Agung", "Mulyosari", "Ganjar Asri"]),
    "18.72.04": ("Metro Timur", ["Yosodadi", "Tejosari", "Iring Mulyo", "Yosorejo", "Tejo Agung"]),
    "18.72.05": ("Metro Selatan", ["Rejomulyo", "Margorejo", "Sumbersari Bantul", "Margodadi"]),
}
MARGODADI = "18.72.05.1004"
KNOWN_YEAR = 2024  # the hand-made dataset of conftest; the demo's generated extract is 2025


def places() -> tuple[dict[str, Place], dict[str, Place]]:
    districts = {code: Place(code, name) for code, (name, _) in KECAMATAN.items()}
    villages = {
        f"{code}.{1001 + i}": Place(f"{code}.{1001 + i}", village, code)
        for code, (_, names) in KECAMATAN.items()
        for i, village in enumerate(names)
    }
    return villages, districts


def cells() -> list[Cell]:
    villages, _ = places()
    out: list[Cell] = []
    for code, village in villages.items():
        kecamatan = village.parent or ""
        if code == MARGODADI:
            out.append(Cell(code, "P", 4, 4, 3, akta=0, kia=0))
            continue
        boys, girls = (3, 3) if kecamatan == "18.72.02" else (6, 5)
        for age in range(18):
            for sex, n in (("L", boys), ("P", girls)):
                if kecamatan in ("18.72.01", "18.72.03"):
                    akta = n
                elif kecamatan == "18.72.02":
                    akta = 0 if age <= 4 else n
                else:
                    akta = 0 if age <= 1 else n
                kia = n if age > 4 or kecamatan == "18.72.01" else 0
                out.append(Cell(code, sex, age, age, n, akta=akta, kia=kia))  # type: ignore[arg-type]
    return out


def disabilities() -> list[DisabilityCell]:
    return [
        DisabilityCell("18.72.01.1001", "L", "Fisik", 7),
        DisabilityCell("18.72.03.1002", "P", "Fisik", 6),
        DisabilityCell("18.72.04.1003", "L", "Tunarungu", 3),
    ]


def metro_profile(year: int = 2025, **changes: object) -> Profile:
    villages, districts = places()
    return summarise(year, REGION, villages, districts, cells(), disabilities())


def grouped_profile(year: int = 2025) -> Profile:
    """The same children, known only by age group (as an aggregated table gives them)."""
    from layak.core.profil_anak.model import AGE_GROUPS

    villages, districts = places()
    sums: dict[tuple[str, str, str], list[int]] = {}
    for cell in cells():
        group = next(g for g, low, high in AGE_GROUPS if low <= cell.age_low <= high)
        bucket = sums.setdefault((cell.village, cell.sex, group), [0, 0, 0])
        bucket[0] += cell.children
        bucket[1] += cell.akta or 0
        bucket[2] += cell.kia or 0
    bounds = {g: (low, high) for g, low, high in AGE_GROUPS}
    grouped = [
        Cell(v, s, *bounds[g], n, akta=a, kia=k)  # type: ignore[arg-type]
        for (v, s, g), (n, a, k) in sums.items()
    ]
    return summarise(year, REGION, villages, districts, grouped, disabilities())


@functools.cache
def public_display(year: int = 2025) -> Display:
    """The public Display of `metro_profile(year)`, through the disclosure step (cached: the
    step runs HiGHS, and the profile is the same every time)."""
    profile = metro_profile(year)
    return display(profile, protect_profile(profile)[1].hidden)
