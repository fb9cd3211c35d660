"""The few things Layak reads from a workbook's XML itself, with defusedxml, after `check_zip`:
which part holds each sheet, the error cells (#N/A) that calamine reads as empty, and the first
rows of a sheet (telling a layout by its header should not load a sheet of a million rows).

Element names are matched without namespaces, so transitional and strict files both read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# ParseError is the stdlib's class, re-exported by defusedxml: no stdlib XML module here.
from defusedxml import ElementTree  # type: ignore[import-untyped]

# An error cell's type attribute, as any writer may quote and space it; the quoted "e" alone
# is looked for first, at memchr speed, since the regex over a large sheet would cost more.
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")
_SCAN_CHUNK = 4 * 1024 * 1024
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _part_path(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")


def _relations(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """The workbook's relationships: id → (relationship type's last word, part)."""
    if WORKBOOK_RELS not in archive.namelist():
        return {}
    found = {}
    for rel in ElementTree.fromstring(archive.read(WORKBOOK_RELS)):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        found[rel.get("Id") or ""] = (kind, _part_path(rel.get("Target") or ""))
    return found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → its part in the archive, in the workbook's order, from its own XML
    (chart and dialog sheets are left out: they are not tables)."""
    names = set(archive.namelist())
    rels = _relations(archive)
    found: dict[str, str] = {}
    for element in ElementTree.fromstring(archive.read("xl/workbook.xml")).iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
        kind, part = rels.get(rel_id, ("", ""))
        if kind == "worksheet" and part in names:
            found[element.get("name") or ""] = part
    return found


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _has_error_cell(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether the part holds a cell of type "e", found by a byte scan (no XML parse)."""
    tail = b""
    with archive.open(part) as source:
        while chunk := source.read(_SCAN_CHUNK):
            # Only the few bytes across the boundary are joined: no copy of the chunk.
            for window in (tail + chunk[:16], chunk):
                if (b'"e"' in window or b"'e'" in window) and _ERROR_TYPE.search(window):
                    return True
            tail = chunk[-16:]
    return False


def _cells(source: Any, last_row: int | None = None) -> Iterable[tuple[int, int, Any]]:
    """(row, column, element) of each cell of a sheet part, streaming, up to `last_row`.

    The element is complete (its value and inline text) and is cleared once passed on.
    """
    row, column = 0, 0
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        name = _local(element.tag)
        if event == "start":
            if name == "row":
                row = int(element.get("r") or row + 1)
                column = 0
                if last_row is not None and row > last_row:
                    return
            elif name == "c":
                ref = _CELL_REF.fullmatch(element.get("r") or "")
                column = column_number(ref.group(1)) if ref else column + 1
        elif name == "c":
            yield row, column, element
            element.clear()  # keep memory flat on a large sheet
        elif name == "row":
            element.clear()


def _child_text(element: Any, name: str) -> str | None:
    child = next((c for c in element if _local(c.tag) == name), None)
    return None if child is None else child.text


def _rich_text(element: Any) -> str:
    """An inline or shared string: its text and its runs' text, phonetic guides left out."""
    parts = []
    for child in element:
        if _local(child.tag) == "t":
            parts.append(child.text or "")
        elif _local(child.tag) == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def error_cells(path: Path, part: str) -> dict[int, list[tuple[int, str]]]:
    """Row → (column, text) of each error cell (#N/A, #DIV/0!...) in the sheet's part, as
    openpyxl read them; the XML is parsed only when a byte scan finds one."""
    with zipfile.ZipFile(path) as archive:
        if not _has_error_cell(archive, part):
            return {}
        found: dict[int, list[tuple[int, str]]] = {}
        with archive.open(part) as source:
            for row, column, cell in _cells(source):
                if cell.get("t") == "e" and (value := _child_text(cell, "v")):
                    found.setdefault(row, []).append((column, value))
    return found


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """The shared strings whose index is in `wanted`, read no further than the last of them."""
    part = next((p for kind, p in _relations(archive).values() if kind == "sharedStrings"), None)
    if not wanted or part is None or part not in archive.namelist():
        return {}
    found: dict[int, str] = {}
    index = 0
    last = max(wanted)
    with archive.open(part) as source:
        for _, element in ElementTree.iterparse(source, events=("end",)):
            if _local(element.tag) != "si":
                continue
            if index in wanted:
                found[index] = _rich_text(element)
            element.clear()
            index += 1
            if index > last:
                break
    return found


def first_rows(archive: zipfile.ZipFile, part: str, count: int) -> list[list[str | None]]:
    """The sheet's rows 1 to `count` as text (a number as written, TRUE as "1"), for telling
    a table's layout by its header without loading the whole sheet."""
    rows: list[list[str | None]] = [[] for _ in range(count)]
    shared: list[tuple[int, int, int]] = []  # row, column, shared-string index
    with archive.open(part) as source:
        for row, column, cell in _cells(source, last_row=count):
            kind = cell.get("t")
            if kind == "inlineStr":
                inline = next((c for c in cell if _local(c.tag) == "is"), None)
                text = None if inline is None else _rich_text(inline)
            else:
                text = _child_text(cell, "v")
            if text is None or not 1 <= row <= count:
                continue
            values = rows[row - 1]
            values.extend([None] * (column - len(values)))
            if kind == "s" and text.strip().isdigit():
                shared.append((row, column, int(text)))
            else:
                values[column - 1] = text
    strings = _shared_strings(archive, {index for _, _, index in shared})
    for row, column, index in shared:
        rows[row - 1][column - 1] = strings.get(index)
    return rows
