"""Opening aggregated Profil Anak tables (xlsx, or CSV) and telling them from registry extracts.

The children sheet and, when there is one, the disabilities (a sheet named `disabilitas...` of
the same workbook, or a second file) are read whole by `layak.tabular`, then judged by the
rules of `layak.core.profil_anak.tables`: a table is accepted whole or refused whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from layak.core.messages import InputError, Problem, msg
from layak.core.profil_anak.model import ImportResult
from layak.core.profil_anak.tables import (
    CHILD_ALIASES,
    CHILD_COLUMNS,
    DISABILITY_ALIASES,
    DISABILITY_COLUMNS,
    DISABILITY_SHEET,
    MICRODATA_MARK,
    aggregate_result,
)
from layak.tabular.limits import DEFAULT_LIMITS, Limits
from layak.tabular.read import (
    HEADER_SEARCH_ROWS,
    OLE_MAGIC,
    PARQUET_MAGIC,
    ZIP_MAGIC,
    normalise_header,
    read_table,
)
from layak.tabular.xlsx import peek_xlsx_rows, sheet_titles

CHILD_SHEETS = ("anak", "jumlah_anak")
HEADER_PEEK_BYTES = 64 * 1024
# Only the header is read to tell the layouts apart; a registry extract in xlsx may be far
# larger than the table limits, and its own reader applies its own.
PEEK_LIMITS = Limits(max_file_bytes=2**40, max_unpacked_bytes=4 * 2**30)


def _disability_sheet(path: Path) -> str | None:
    """The workbook's sheet of disabilities, if it has one (named `disabilitas...`)."""
    with path.open("rb") as fh:
        if not fh.read(4).startswith(ZIP_MAGIC):
            return None
    return next(
        (
            title
            for title in sheet_titles(path, DEFAULT_LIMITS)
            if normalise_header(title).startswith(DISABILITY_SHEET)
        ),
        None,
    )


def read_aggregate(
    path: Path,
    *,
    year: int,
    region: str,
    villages: Mapping[str, str],
    disability_path: Path | None = None,
) -> ImportResult:
    """Cells from an aggregated table of `region` (a kabupaten/kota code) for `year`.

    `villages` maps every desa/kelurahan code of the region to its kecamatan code. Raises
    InputError with every problem (row and column) when anything is wrong: nothing is half-read.
    """
    del year  # an aggregated table is already counted at the profile's reference date
    disability_sheet = _disability_sheet(path)
    table = read_table(
        path, CHILD_COLUMNS, CHILD_ALIASES, sheet_names=CHILD_SHEETS, refuse_formulas=True
    )
    disabilities = None
    source: Path | None = disability_path or (path if disability_sheet else None)
    if source is not None:
        sheet_names = [disability_sheet] if disability_sheet and source == path else []
        disabilities = read_table(
            source,
            DISABILITY_COLUMNS,
            DISABILITY_ALIASES,
            sheet_names=sheet_names,
            refuse_formulas=True,
        ).rows
    return aggregate_result(
        table.rows, table.columns, disabilities, region=region, villages=villages
    )


def _peek_text_rows(path: Path) -> list[list[str]]:
    """The first lines of a text table, split on their likeliest delimiter (headers are ASCII,
    so a character cut at the end of the peek or an odd encoding elsewhere does not matter)."""
    with path.open("rb") as fh:
        data = fh.read(HEADER_PEEK_BYTES)
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    text = data.decode(encoding, errors="ignore")
    rows = []
    for line in [line for line in text.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]:
        delimiter = max(",;\t", key=line.count)
        rows.append([normalise_header(v.strip().strip('"')) for v in line.split(delimiter)])
    return rows


def _peek_xlsx_rows(path: Path) -> list[list[str]]:
    """The first rows' headers, from the XML: an extract's whole sheet is read once, later."""
    rows = peek_xlsx_rows(path, PEEK_LIMITS, CHILD_SHEETS, HEADER_SEARCH_ROWS)
    return [[normalise_header(v) for v in values] for values in rows]


def detect_source(path: Path) -> Literal["microdata", "aggregate"]:
    """Registry extract (one row per person: it has `nik`) or aggregated table, by the header.

    Parquet is always an extract. Raises InputError when the header fits neither layout; a file
    that cannot be read at all is left to the reader, which says why.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return "microdata"
    if head.startswith(OLE_MAGIC):
        raise InputError([Problem(msg("file.legacy_or_encrypted"))])
    if head.startswith(PARQUET_MAGIC) or not head:
        return "microdata"
    rows = _peek_xlsx_rows(path) if head.startswith(ZIP_MAGIC) else _peek_text_rows(path)
    found: list[str] = []
    for names in rows:
        canonical = {CHILD_ALIASES.get(n, n) for n in names}
        if MICRODATA_MARK in canonical:
            return "microdata"
        if "jumlah_anak" in canonical and "kode_wilayah" in canonical:
            return "aggregate"
        if len([n for n in names if n]) > len(found):
            found = [n for n in names if n]
    raise InputError([Problem(msg("profil.unknown_layout", found=", ".join(found) or "-"))])
