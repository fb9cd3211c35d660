"""Indonesia's three time zones and which province keeps which (no Django).

A region's stage dates are entered and shown in its own local time: WIB (UTC+7), WITA (UTC+8)
or WIT (UTC+9), derived from the province part of its Kemendagri code (`18.72` → `18`, Lampung,
WIB). The division follows Keppres 41/1987; the Papua provinces created in 2022 (93–96) keep
WIT. docs/settings.md lists the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Zone:
    abbreviation: str  # WIB, WITA, WIT: what Indonesians write after a time
    name: str  # the IANA zone

    @property
    def info(self) -> ZoneInfo:
        return ZoneInfo(self.name)


WIB = Zone("WIB", "Asia/Jakarta")
WITA = Zone("WITA", "Asia/Makassar")
WIT = Zone("WIT", "Asia/Jayapura")

# Province code → zone, every province of Indonesia.
PROVINCE_ZONES: dict[str, Zone] = {
    # Sumatra, Java, Bangka Belitung, Riau Islands, West and Central Kalimantan
    **dict.fromkeys(
        [
            "11",
            "12",
            "13",
            "14",
            "15",
            "16",
            "17",
            "18",
            "19",
            "21",
            "31",
            "32",
            "33",
            "34",
            "35",
            "36",
            "61",
            "62",
        ],
        WIB,
    ),
    # Bali, Nusa Tenggara, South/East/North Kalimantan, Sulawesi
    **dict.fromkeys(["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"], WITA),
    # Maluku and Papua
    **dict.fromkeys(["81", "82", "91", "92", "93", "94", "95", "96"], WIT),
}


def zone_of(region_code: str) -> Zone:
    """The time zone of any unit by its code (a province, kabupaten/kota, kecamatan, ...).
    A province code outside the table is an error in the code, not in someone's input."""
    return PROVINCE_ZONES[region_code.split(".", 1)[0]]
