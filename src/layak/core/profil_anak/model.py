"""The counts Profil Anak keeps: a small cube per region and year, never a person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Sex = Literal["L", "P"]
SEXES: tuple[Sex, Sex] = ("L", "P")
CHILD_MAX_AGE = 17

# The age groups the KLA instrument and the Profil Anak document use.
AGE_GROUPS: tuple[tuple[str, int, int], ...] = (
    ("0-4", 0, 4),
    ("5-9", 5, 9),
    ("10-14", 10, 14),
    ("15-17", 15, 17),
)


def reference_date(year: int) -> dt.date:
    """A child is aged 0–17 on 31 December of the profile's year."""
    return dt.date(year, 12, 31)


def age_on(born: dt.date, on: dt.date) -> int:
    """Completed years on `on`: a birthday counts on its day; 29 February on 28 February
    in common years is not yet a birthday (the legal reading: the day after the 28th)."""
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - (1 if before_birthday else 0)


def age_group_of(age: int) -> str | None:
    for name, low, high in AGE_GROUPS:
        if low <= age <= high:
            return name
    return None


@dataclass(frozen=True, slots=True)
class Cell:
    """Children of one sex and one age (or age group) in one desa/kelurahan.

    `akta` and `kia` count the children holding a birth certificate / child identity card;
    None where the source does not say (an aggregated table without those columns).
    """

    village: str  # Kemendagri code, e.g. 18.72.01.1001
    sex: Sex
    age_low: int
    age_high: int
    children: int
    akta: int | None = None
    kia: int | None = None


@dataclass(frozen=True, slots=True)
class DisabilityCell:
    village: str
    sex: Sex
    kind: str  # as the source names it, tidied: "Tunarungu", "Fisik", ...
    children: int


@dataclass(frozen=True, slots=True)
class RejectedRow:
    row: int  # the line as a text editor or spreadsheet shows it (header is line 1)
    rule: str  # a key under profil.rule.* in core.messages
    first_row: int | None = None  # for a duplicate: where the identity number first appeared


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import read and what it keeps. Rejections are counted per rule; a row breaking
    several rules is counted under the first of them (the order of `RULES`)."""

    source: Literal["microdata", "aggregate"]
    rows_read: int
    rows_valid: int
    rows_rejected: int
    adults: int
    children: int
    rejections: dict[str, int]
    rejected_rows: tuple[RejectedRow, ...]  # the first few hundred, in file order
    cells: tuple[Cell, ...]
    disabilities: tuple[DisabilityCell, ...] = field(default_factory=tuple)

    def summary_json(self) -> dict[str, object]:
        return {
            "rows_read": self.rows_read,
            "rows_valid": self.rows_valid,
            "rows_rejected": self.rows_rejected,
            "adults": self.adults,
            "children": self.children,
            "rejections": dict(self.rejections),
        }


# Row rules in the order they are checked; the first broken one names the rejection.
RULES: tuple[str, ...] = (
    "nik_format",
    "sex_unknown",
    "date_unreadable",
    "date_future",
    "code_invalid",
    "code_outside",
    "code_unknown",
    "nik_duplicate",
    "akta_value",
    "kia_value",
)
