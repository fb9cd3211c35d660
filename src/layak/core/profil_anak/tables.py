"""Aggregated Profil Anak tables: counts per desa/kelurahan × sex × age, for regions that receive
tables instead of a registry extract. The rules rows are judged by; the files are opened by
`layak.ingest.profil_anak.tables`.

The children sheet (xlsx, or a CSV) has `kode_wilayah`, `jenis_kelamin`, `umur` (a single age
0–17 or a group 0-4, 5-9, 10-14, 15-17) and `jumlah_anak`, and may add `akta_kelahiran` and `kia`
(how many of those children hold the document). Disabilities come in a sheet named
`disabilitas` of the same workbook, or in a second file, with `kode_wilayah`, `jenis_kelamin`,
`disabilitas` and `jumlah`. A table is accepted whole or refused whole: every problem is named
by row and column before `InputError` is raised.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from layak.core.messages import InputError, Problem, msg
from layak.core.profil_anak.model import (
    AGE_GROUPS,
    CHILD_MAX_AGE,
    Cell,
    DisabilityCell,
    ImportResult,
    Sex,
)
from layak.core.profil_anak.values import disability_kind, sex_of, village_rule
from layak.core.recap_cells import text_of

CHILD_COLUMNS = ("kode_wilayah", "jenis_kelamin", "umur", "jumlah_anak")
DOCUMENT_COLUMNS = ("akta_kelahiran", "kia")
CHILD_ALIASES = {
    "kode": "kode_wilayah",
    "kode_desa": "kode_wilayah",
    "kode_kelurahan": "kode_wilayah",
    "kode_desa_kelurahan": "kode_wilayah",
    "jk": "jenis_kelamin",
    "sex": "jenis_kelamin",
    "usia": "umur",
    "kelompok_umur": "umur",
    "kelompok_usia": "umur",
    "anak": "jumlah_anak",
    "akta": "akta_kelahiran",
    "akte_kelahiran": "akta_kelahiran",
    "memiliki_akta": "akta_kelahiran",
    "kartu_identitas_anak": "kia",
    "memiliki_kia": "kia",
}
DISABILITY_COLUMNS = ("kode_wilayah", "jenis_kelamin", "disabilitas", "jumlah")
DISABILITY_ALIASES = {
    **{k: v for k, v in CHILD_ALIASES.items() if v in ("kode_wilayah", "jenis_kelamin")},
    "jenis_disabilitas": "disabilitas",
    "jumlah_anak": "jumlah",
}
DISABILITY_SHEET = "disabilitas"
MICRODATA_MARK = "nik"  # the column only a registry extract has
KIND_MAX_LENGTH = 60

_GROUP = re.compile(r"^(\d{1,2})\s*(?:-|–|—|s\.?\s*d\.?|sampai)\s*(\d{1,2})(?:\s*tahun)?$")
_SINGLE = re.compile(r"^(\d{1,2})(?:\.0+)?(?:\s*tahun)?$")
_WHOLE = re.compile(r"^\d+$")
_GROUPED_THOUSANDS = re.compile(r"^\d{1,3}([.,])\d{3}(?:\1\d{3})*$")
# Excel turns "5-9" and "10-14" typed into a cell into 9 May and 14 October.
_DATE_GROUPS = {(5, 9): (5, 9), (10, 14): (10, 14)}


def parse_age(value: object) -> tuple[int, int] | None:
    """A single age 0–17 as (a, a), or one of the profile's age groups as (low, high)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return _DATE_GROUPS.get((value.month, value.day))
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        return (value, value) if 0 <= value <= CHILD_MAX_AGE else None
    text = str(value or "").strip().casefold()
    if match := _SINGLE.match(text):
        age = int(match.group(1))
        return (age, age) if age <= CHILD_MAX_AGE else None
    if match := _GROUP.match(text):
        low, high = int(match.group(1)), int(match.group(2))
        if any(low == g_low and high == g_high for _, g_low, g_high in AGE_GROUPS):
            return low, high
    return None


# More children than Indonesia has: a larger count is a typing error (and would not fit the
# database's integer column).
MAX_COUNT = 100_000_000


def parse_count(value: object) -> int | None:
    """A whole number 0 or more: 12, 12.0, "1.234" or "1,234" (grouped thousands)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    text = str(value or "").strip().replace("\u00a0", "").replace(" ", "")
    if _WHOLE.match(text):
        return int(text)
    if _GROUPED_THOUSANDS.match(text):
        return int(re.sub(r"[.,]", "", text))
    return None


class TableRow(Protocol):
    """A row as a table reader gives it: its number as a spreadsheet shows it, and its values
    by canonical column name (`layak.tabular.Row` is one)."""

    @property
    def number(self) -> int: ...

    @property
    def values(self) -> Mapping[str, Any]: ...


@dataclass
class _Checker:
    """Collects every problem of a table while it turns rows into counts."""

    region: str
    villages: Mapping[str, str]
    problems: list[Problem]

    def add(self, row: int, column: str, key: str, **params: object) -> None:
        self.problems.append(Problem(msg(key, **params), row, column))

    def village(self, row: TableRow) -> str | None:
        code = text_of(row.values.get("kode_wilayah"))
        if not code:
            self.add(row.number, "kode_wilayah", "cell.required")
            return None
        village, rule = village_rule(code, self.region, self.villages)
        if village is None:
            self.add(
                row.number, "kode_wilayah", f"profil.table.{rule}", value=code, region=self.region
            )
        return village

    def sex(self, row: TableRow) -> Sex | None:
        raw = row.values.get("jenis_kelamin")
        sex = sex_of(text_of(raw))
        if sex is None:
            if text_of(raw):
                self.add(
                    row.number, "jenis_kelamin", "profil.table.sex_unknown", value=text_of(raw)
                )
            else:
                self.add(row.number, "jenis_kelamin", "cell.required")
        return sex

    def count(self, row: TableRow, column: str) -> int | None:
        raw = row.values.get(column)
        if not text_of(raw):
            self.add(row.number, column, "cell.required")
            return None
        count = parse_count(raw)
        if count is None:
            self.add(row.number, column, "profil.table.count_bad", value=text_of(raw))
        elif count > MAX_COUNT:
            self.add(
                row.number,
                column,
                "profil.table.count_too_large",
                value=text_of(raw),
                maximum=MAX_COUNT,
            )
            return None
        return count


def _children(
    rows: Iterable[TableRow], columns: Sequence[str], check: _Checker
) -> tuple[list[Cell], int]:
    documents = [c for c in DOCUMENT_COLUMNS if c in columns]
    cells: list[Cell] = []
    taken: dict[tuple[str, Sex], list[tuple[int, int, int]]] = {}
    read = 0
    for row in rows:
        read += 1
        village, sex = check.village(row), check.sex(row)
        raw_age = row.values.get("umur")
        ages = parse_age(raw_age)
        if ages is None:
            if text_of(raw_age):
                check.add(row.number, "umur", "profil.table.age_bad", value=text_of(raw_age))
            else:
                check.add(row.number, "umur", "cell.required")
        children = check.count(row, "jumlah_anak")
        held: dict[str, int | None] = {}
        for column in documents:
            value = check.count(row, column)
            if value is not None and children is not None and value > children:
                check.add(
                    row.number, column, "profil.table.count_above", value=value, children=children
                )
                value = None
            held[column] = value
        if village is None or sex is None or ages is None or children is None:
            continue
        overlap = next(
            (
                first
                for low, high, first in taken.get((village, sex), [])
                if low <= ages[1] and ages[0] <= high
            ),
            None,
        )
        label = f"{ages[0]}" if ages[0] == ages[1] else f"{ages[0]}-{ages[1]}"
        if overlap is not None:
            check.add(
                row.number,
                "umur",
                "profil.table.overlap",
                code=village,
                sex=sex,
                age=label,
                first_row=overlap,
            )
            continue
        taken.setdefault((village, sex), []).append((ages[0], ages[1], row.number))
        if any(v is None for v in held.values()):
            continue
        cells.append(
            Cell(
                village=village,
                sex=sex,
                age_low=ages[0],
                age_high=ages[1],
                children=children,
                akta=held.get("akta_kelahiran"),
                kia=held.get("kia"),
            )
        )
    return cells, read


def _disabilities(
    rows: Iterable[TableRow], children: Mapping[tuple[str, Sex], int], check: _Checker
) -> tuple[list[DisabilityCell], int]:
    cells: list[DisabilityCell] = []
    first_row: dict[tuple[str, Sex, str], int] = {}
    read = 0
    for row in rows:
        read += 1
        village, sex = check.village(row), check.sex(row)
        kind = disability_kind(text_of(row.values.get("disabilitas"))) or ""
        if not kind:
            check.add(row.number, "disabilitas", "profil.table.kind_required")
        elif len(kind) > KIND_MAX_LENGTH:
            check.add(
                row.number,
                "disabilitas",
                "profil.table.kind_too_long",
                length=len(kind),
                limit=KIND_MAX_LENGTH,
            )
            kind = ""
        count = check.count(row, "jumlah")
        if village is None or sex is None or not kind or count is None:
            continue
        key = (village, sex, kind.casefold())
        if key in first_row:
            check.add(
                row.number,
                "disabilitas",
                "profil.table.duplicate_disability",
                code=village,
                sex=sex,
                kind=kind,
                first_row=first_row[key],
            )
            continue
        first_row[key] = row.number
        available = children.get((village, sex), 0)
        if count > available:
            check.add(
                row.number,
                "jumlah",
                "profil.table.disability_above",
                kind=kind,
                value=count,
                sex=sex,
                code=village,
                children=available,
            )
            continue
        cells.append(DisabilityCell(village=village, sex=sex, kind=kind, children=count))
    return cells, read


def aggregate_result(
    children: Iterable[TableRow],
    columns: Sequence[str],
    disabilities: Iterable[TableRow] | None,
    *,
    region: str,
    villages: Mapping[str, str],
) -> ImportResult:
    """Cells from the rows of the children table (with its `columns`) and, if there is one, of
    the disabilities table, for `region` (a kabupaten/kota code).

    `villages` maps every desa/kelurahan code of the region to its kecamatan code. Raises
    InputError with every problem (row and column) when anything is wrong: nothing is half-read.
    """
    problems: list[Problem] = []
    check = _Checker(region, villages, problems)
    cells, rows_read = _children(children, columns, check)
    kinds: list[DisabilityCell] = []
    if disabilities is not None:
        by_village_sex: dict[tuple[str, Sex], int] = {}
        for cell in cells:
            key = (cell.village, cell.sex)
            by_village_sex[key] = by_village_sex.get(key, 0) + cell.children
        kinds, extra_read = _disabilities(disabilities, by_village_sex, check)
        rows_read += extra_read
    if problems:
        raise InputError(problems)
    return ImportResult(
        source="aggregate",
        rows_read=rows_read,
        rows_valid=rows_read,
        rows_rejected=0,
        adults=0,
        children=sum(c.children for c in cells),
        rejections={},
        rejected_rows=(),
        cells=tuple(cells),
        disabilities=tuple(kinds),
    )
