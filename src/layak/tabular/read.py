"""`read_table`: one entry point for xlsx and CSV, returning rows keyed by normalised headers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layak.core.messages import InputError, Problem, msg
from layak.tabular.limits import DEFAULT_LIMITS, Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, and encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
PARQUET_MAGIC = b"PAR1"  # registry extracts (layak.ingest); not a table this module reads
HEADER_SEARCH_ROWS = 20
# Text a spreadsheet would run when the data is exported and opened again (CSV injection):
# a leading "=", a function call after + - @, or a DDE link (-2+3+cmd|' /C calc'!A0).
FORMULA_LIKE = re.compile(r"^\s*(=.|[+\-@]\s*[A-Za-z_][\w.]*\(|[+\-@=].*\|.*!)", re.DOTALL)
# Office writes no DTD; one in a workbook's part is an entity bomb or an external entity (XXE).
XML_DTD = re.compile(rb"(?i)<!(DOCTYPE|ENTITY)")
XML_PROLOG_READ = 64 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    number: int  # as the spreadsheet or text editor shows it (header is usually row 1)
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    sheet: str | None = None


def normalise_header(text: object) -> str:
    """'Nilai Maks.' → 'nilai_maks'; headers are matched by this form."""
    value = str(text or "").strip().casefold()
    value = re.sub(r"[^0-9a-z]+", "_", value)
    return value.strip("_")


def _refuse(key: str, **params: object) -> InputError:
    return InputError([Problem(msg(key, **params))])


def read_table(
    path: Path,
    required: Sequence[str],
    aliases: Mapping[str, str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    sheet_names: Sequence[str] = (),
    refuse_formulas: bool = False,
) -> Table:
    """Read the first table in `path` whose header row holds every `required` column.

    `aliases` maps other normalised header spellings to the canonical names. With
    `refuse_formulas`, text a spreadsheet would run (`=cmd|...`) refuses the file, naming
    each cell: for files that others upload (an operator's own instrument sheet keeps such
    text and has it escaped on export instead). Raises InputError.
    """
    aliases = aliases or {}
    if is_workbook(path, limits):
        from layak.tabular.xlsx import read_xlsx_rows  # openpyxl is slow to import

        sheet, raw_rows = read_xlsx_rows(path, limits, sheet_names)
        return _table(raw_rows, required, aliases, limits, sheet, refuse_formulas)
    text = decode(path.read_bytes())
    return _table(csv_rows(text), required, aliases, limits, None, refuse_formulas)


def is_workbook(path: Path, limits: Limits) -> bool:
    """True for an xlsx (zip) file, False for text; refuses what is neither, or too large."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _refuse("file.missing", path=str(path)) from None
    if not path.is_file():  # a folder or a device: not a table
        raise _refuse("file.unknown_type")
    if size == 0:
        raise _refuse("file.empty")
    if size > limits.max_file_bytes:
        raise _refuse("file.too_large", size=size, limit=limits.max_file_bytes)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _refuse("file.unreadable", detail=exc.strerror or type(exc).__name__) from None
    if head.startswith(OLE_MAGIC):
        raise _refuse("file.legacy_or_encrypted")
    if head.startswith(ZIP_MAGIC):
        return True
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise _refuse("file.xlsx_not_zip")
    return False


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in data:  # no text table outside UTF-16 holds NUL bytes
        raise _refuse("file.binary")
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise _refuse("file.binary")
        return text
    raise _refuse("file.encoding")


def csv_rows(text: str) -> Iterable[tuple[int, list[Any]]]:
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for values in reader:
        yield start, list(values)
        start = reader.line_num + 1


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(
    raw_rows: Iterable[tuple[int, Sequence[Any]]],
    required: Sequence[str],
    aliases: Mapping[str, str],
    limits: Limits,
    sheet: str | None,
    refuse_formulas: bool = False,
) -> Table:
    iterator = iter(raw_rows)
    columns: list[str] | None = None
    best_found: list[str] = []
    for _ in range(HEADER_SEARCH_ROWS):
        try:
            _, values = next(iterator)
        except StopIteration:
            break
        names = [aliases.get(n, n) for n in (normalise_header(v) for v in values)]
        if required and required[0] in names:
            columns = names
            break
        if len([n for n in names if n]) > len(best_found):
            best_found = [n for n in names if n]
    if columns is None:
        if not best_found:
            raise _refuse("file.no_header")
        missing = [c for c in required if c not in best_found]
        raise _refuse(
            "file.missing_columns", columns=", ".join(missing), found=", ".join(best_found)
        )
    missing = [c for c in required if c not in columns]
    if missing:
        raise _refuse(
            "file.missing_columns",
            columns=", ".join(missing),
            found=", ".join(c for c in columns if c),
        )
    duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicates:
        raise InputError([Problem(msg("file.duplicate_column", column=c)) for c in duplicates])
    rows: list[Row] = []
    formulas: list[Problem] = []
    for number, values in iterator:
        if all(_blank(v) for v in values):
            continue
        if len(rows) >= limits.max_rows:
            raise _refuse("file.too_many_rows", limit=limits.max_rows)
        record = {
            name: values[i] if i < len(values) else None for i, name in enumerate(columns) if name
        }
        if refuse_formulas:
            formulas.extend(
                Problem(msg("cell.formula_like", value=value[:40]), row=number, column=name)
                for name, value in record.items()
                if isinstance(value, str) and FORMULA_LIKE.match(value)
            )
        rows.append(Row(number, record))
    if formulas:
        raise InputError(formulas)
    if not rows:
        raise _refuse("file.no_rows")
    return Table(tuple(c for c in columns if c), tuple(rows), sheet)


def check_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """Open a workbook's zip only after its directory passes the limits."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse("file.not_xlsx", detail=str(exc)) from None
    infos = archive.infolist()
    if len(infos) > limits.max_zip_entries:
        archive.close()
        raise _refuse("file.zip_too_many_entries", count=len(infos), limit=limits.max_zip_entries)
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\x00" in name:
            archive.close()
            raise _refuse("file.zip_bad_name", name=name)
        total += info.file_size
        if info.file_size > limits.ratio_checked_above:
            ratio = info.file_size // max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                archive.close()
                raise _refuse("file.zip_ratio", name=name, ratio=ratio, limit=limits.max_ratio)
    if total > limits.max_unpacked_bytes:
        archive.close()
        raise _refuse("file.zip_too_big_unpacked", size=total, limit=limits.max_unpacked_bytes)
    names = {i.filename for i in infos}
    entities = dtd_part(archive)
    if entities is not None:
        archive.close()
        raise _refuse("file.xml_entities", name=entities)
    if "xl/vbaProject.bin" in names:
        archive.close()
        raise _refuse("file.macro")
    if "xl/workbook.xml" not in names:
        archive.close()
        raise _refuse("file.xlsx_no_workbook")
    return archive


def dtd_part(archive: zipfile.ZipFile) -> str | None:
    """The first XML part declaring a DTD, read no further than its prolog's first 64 KB."""
    for info in archive.infolist():
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                if XML_DTD.search(part.read(XML_PROLOG_READ)):
                    return info.filename
    return None
