"""Opening a registry extract for DuckDB: CSV (any common encoding and delimiter), Parquet, xlsx.

The file is known by its content, not its name. Whatever the format, the result is a DuckDB
table expression with the seven columns as text, so one set of rules reads them all.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import operator
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from layak.core.messages import InputError, Problem, msg
from layak.tabular.limits import Limits
from layak.tabular.read import OLE_MAGIC, PARQUET_MAGIC, ZIP_MAGIC
from layak.tabular.xlsx import read_xlsx_rows

COLUMNS: tuple[str, ...] = (
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_wilayah",
    "akta_kelahiran",
    "kia",
    "disabilitas",
)
# Other spellings of the headers seen in registry exports, after normalising.
ALIASES: dict[str, str] = {
    "jk": "jenis_kelamin",
    "sex": "jenis_kelamin",
    "tgl_lahir": "tanggal_lahir",
    "tanggal_lhr": "tanggal_lahir",
    "kode_desa": "kode_wilayah",
    "kode_kelurahan": "kode_wilayah",
    "kode_desa_kelurahan": "kode_wilayah",
    "akta": "akta_kelahiran",
    "akta_lahir": "akta_kelahiran",
    "kartu_identitas_anak": "kia",
    "jenis_disabilitas": "disabilitas",
}
ROW_COLUMN = "_baris"  # the spreadsheet row number, carried through an xlsx conversion
_CHUNK = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """`relation` is SQL for a table with the seven columns as VARCHAR; `numbered` tells whether
    it carries the spreadsheet row number in ROW_COLUMN (else rows are numbered in file order,
    the header being line 1)."""

    relation: str
    numbered: bool


def normalise_header(text: object) -> str:
    value = re.sub(r"[^0-9a-z]+", "_", str(text or "").strip().casefold()).strip("_")
    return ALIASES.get(value, value)


def _refuse(key: str, **params: object) -> InputError:
    return InputError([Problem(msg(key, **params))])


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _check_columns(found: list[str]) -> None:
    missing = [c for c in COLUMNS if c not in found]
    if missing:
        raise _refuse(
            "file.missing_columns",
            columns=", ".join(missing),
            found=", ".join(c for c in found if c) or "-",
        )
    duplicates = sorted({c for c in found if c in COLUMNS and found.count(c) > 1})
    if duplicates:
        raise InputError([Problem(msg("file.duplicate_column", column=c)) for c in duplicates])


def _transcode(path: Path, encoding: str, workdir: Path) -> Path:
    """A UTF-8 copy, streamed in chunks: the file is never whole in memory."""
    target = workdir / "utf8.csv"
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as out:
            while chunk := src.read(_CHUNK):
                out.write(decoder.decode(chunk))
            out.write(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        raise _refuse("file.encoding") from None
    return target


def _header_line(path: Path) -> str:
    with path.open("rb") as fh:
        raw = fh.readline(1024 * 1024)
    if b"\x00" in raw:
        raise _refuse("file.binary")
    return raw.decode("utf-8-sig", errors="replace").rstrip("\r\n")


def _csv_relation(path: Path) -> str:
    header = _header_line(path)
    if not header.strip():
        raise _refuse("file.no_header")
    delimiter = max(",;\t", key=header.count)
    names = [normalise_header(n) for n in next(csv.reader([header], delimiter=delimiter))]
    _check_columns(names)
    # Unnamed or unexpected columns are read and ignored; names must still be unique for DuckDB.
    unique = [n if n in COLUMNS else f"_extra_{i}" for i, n in enumerate(names)]
    columns = ", ".join(f"{_sql_text(n)}: 'VARCHAR'" for n in unique)
    return (
        f"read_csv({_sql_text(str(path))}, header = true, auto_detect = false, "
        f"delim = {_sql_text(delimiter)}, quote = '\"', escape = '\"', "
        f"columns = {{{columns}}})"
    )


def _parquet_relation(path: Path, con: duckdb.DuckDBPyConnection) -> str:
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({_sql_text(str(path))})"
        ).fetchall()
    except duckdb.Error as exc:
        raise _refuse("profil.file.not_parquet", detail=type(exc).__name__) from None
    names = {normalise_header(row[0]): str(row[0]) for row in described}
    _check_columns(list(names))
    select = ", ".join(f"CAST({_quote_ident(names[c])} AS VARCHAR) AS {c}" for c in COLUMNS)
    return f"(SELECT {select} FROM read_parquet({_sql_text(str(path))}))"


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _xlsx_to_csv(path: Path, workdir: Path, max_bytes: int) -> Path:
    """Stream the first sheet that holds the columns into a CSV carrying the row numbers."""
    limits = Limits(
        max_file_bytes=max_bytes,
        max_unpacked_bytes=max(max_bytes * 20, 100 * 1024 * 1024),
        max_rows=1_048_576,
    )
    # calamine's own values: every cell becomes text here, once.
    _, rows = read_xlsx_rows(path, limits, raw=True)
    target = workdir / "sheet.csv"
    positions: list[int] | None = None
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for number, values in rows:
            names = [normalise_header(v) for v in values]
            if "nik" in names:
                _check_columns(names)
                positions = [names.index(c) for c in COLUMNS]
                writer.writerow([*COLUMNS, ROW_COLUMN])
                writer.writerows(_text_rows(rows, positions))
                break
            if number >= 20:
                break
    if positions is None:
        raise _refuse("file.missing_columns", columns=", ".join(COLUMNS), found="-")
    return target


def _text_rows(
    rows: Iterator[tuple[int, Sequence[Any]]], positions: list[int]
) -> Iterator[list[Any]]:
    """The body's non-blank rows as text, with their row number. The hot loop: a row of text
    cells, as nearly all are, is stripped by `map` without a Python step per cell."""
    pick = operator.itemgetter(*positions)
    strip = str.strip
    for number, values in rows:
        picked = pick(values)
        try:
            cells: list[Any] = list(map(strip, picked))
        except TypeError:  # a number, a date or a boolean among them
            cells = [_cell_text(v) for v in picked]
        if any(cells):
            cells.append(number)
            yield cells


def _cell_text(value: object) -> str:
    """Spreadsheet cells as the registry wrote them: dates as YYYY-MM-DD, whole numbers bare."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@contextmanager
def open_source(
    path: Path, con: duckdb.DuckDBPyConnection, max_xlsx_bytes: int = 200 * 1024 * 1024
) -> Iterator[Source]:
    """Yield the extract as a DuckDB relation; temporary copies are removed afterwards."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse("file.missing", path=str(path)) from None
    if not path.is_file():
        raise _refuse("file.unknown_type")
    if size == 0:
        raise _refuse("file.empty")
    with path.open("rb") as fh:
        head = fh.read(8)
    workdir = Path(tempfile.mkdtemp(prefix="layak-profil-"))
    try:
        if head.startswith(PARQUET_MAGIC):
            yield Source(_parquet_relation(path, con), numbered=False)
        elif head.startswith(OLE_MAGIC):
            raise _refuse("file.legacy_or_encrypted")
        elif head.startswith(ZIP_MAGIC):
            if size > max_xlsx_bytes:
                raise _refuse("file.too_large", size=size, limit=max_xlsx_bytes)
            converted = _xlsx_to_csv(path, workdir, max_xlsx_bytes)
            yield Source(_numbered_relation(converted), numbered=True)
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield Source(_csv_relation(_transcode(path, "utf-16", workdir)), numbered=False)
        else:
            yield Source(_csv_relation(path), numbered=False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def windows_1252_copy(path: Path, workdir: Path) -> Path:
    """For a CSV that is not UTF-8: older Excel on Windows saves Windows-1252."""
    return _transcode(path, "cp1252", workdir)


def _numbered_relation(path: Path) -> str:
    columns = ", ".join(f"{_sql_text(n)}: 'VARCHAR'" for n in (*COLUMNS, ROW_COLUMN))
    return (
        f"read_csv({_sql_text(str(path))}, header = true, auto_detect = false, delim = ',', "
        f"quote = '\"', escape = '\"', columns = {{{columns}}})"
    )
