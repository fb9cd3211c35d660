"""Finding the question tables in a region's recap: its sheets, headers and merged cells.

A recap may open with a cover sheet, hold one sheet per klaster, write a header over two rows
("Untuk Semua" above "Kecamatan" and "Desa/Kelurahan"), number its columns (1, 2, 3, …) under
the header, and merge the cells of a part or indicator over its rows. This module reads every
visible sheet, keeps those whose header names a question column and a maximum, fills each merged
cell down its rows, and hands the rows to `layak.core.instrument_import` by column name. What the
rows mean (carried parts, subtotals, codes) is decided there.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layak.core.instrument_import import RecapRow, RecapSheet
from layak.core.messages import InputError, Problem, msg
from layak.core.recap_cells import header_name, text_of
from layak.tabular.limits import DEFAULT_LIMITS, Limits
from layak.tabular.read import HEADER_SEARCH_ROWS, csv_rows, decode, is_workbook
from layak.tabular.xlsx import SheetGrid, read_xlsx_sheets

Merge = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row
KEY_COLUMNS = ("pertanyaan", "nilai_maks")  # a sheet holds a question table when it has both
REQUIRED = ("indikator", *KEY_COLUMNS)


@dataclass(frozen=True, slots=True)
class Recap:
    sheets: tuple[RecapSheet, ...]  # the question tables, in the workbook's order
    skipped: tuple[str, ...]  # sheets without one: a cover, notes, hidden sheets
    ignored: tuple[tuple[str | None, tuple[str, ...]], ...]  # headers not recognised, by sheet


def read_recap(path: Path, limits: Limits = DEFAULT_LIMITS) -> Recap:
    """Every question table in `path` (xlsx by content, else CSV). Raises InputError."""
    if is_workbook(path, limits):
        grids = read_xlsx_sheets(path, limits)
    else:
        rows = {n: list(v) for n, v in csv_rows(decode(path.read_bytes())) if any(map(text_of, v))}
        if len(rows) > limits.max_rows:
            raise _refuse("file.too_many_rows", limit=limits.max_rows)
        grids = [SheetGrid("", rows, ())]
    return _recap(grids)


def _refuse(key: str, **params: object) -> InputError:
    return InputError([Problem(msg(key, **params))])


def _recap(grids: Sequence[SheetGrid]) -> Recap:
    sheets: list[RecapSheet] = []
    skipped: list[str] = []
    ignored: list[tuple[str | None, tuple[str, ...]]] = []
    best: list[str] = []
    for grid in grids:
        name = grid.title or None
        rows = _fill_down(grid) if not grid.hidden else {}
        found = _header(rows, grid.merged)
        if found is None:
            skipped.append(grid.title)
            for number in sorted(rows)[:HEADER_SEARCH_ROWS]:
                names = [n for n in _names(_header_texts(rows, grid.merged, number)) if n]
                best = names if len(names) > len(best) else best
            continue
        first, last, texts, columns = found
        missing = [c for c in REQUIRED if c not in columns]
        duplicates = sorted({c for c in columns if c and columns.count(c) > 1})
        if missing or duplicates:
            raise InputError(_column_problems(missing, duplicates, columns, name))
        unknown = tuple(t for t, c in zip(texts, columns, strict=True) if t and not c)
        if unknown:
            ignored.append((name, unknown))
        above = (rows[n] for n in sorted(rows) if n < first)
        titles = tuple(text_of(v) for values in above for v in values if text_of(v))
        body = [n for n in sorted(rows) if n > last]
        if body and _numbering(rows[body[0]]):
            body = body[1:]
        recap_rows = tuple(_row(n, rows[n], columns) for n in body)
        sheets.append(RecapSheet(name, recap_rows, frozenset(c for c in columns if c), titles))
    if not sheets:
        if not best:
            raise _refuse("file.no_header")
        missing = [c for c in REQUIRED if c not in best]
        raise _refuse("file.missing_columns", columns=", ".join(missing), found=", ".join(best))
    return Recap(tuple(sheets), tuple(skipped), tuple(ignored))


def _fill_down(grid: SheetGrid) -> dict[int, list[Any]]:
    """Each merged range's value in every row of its first column (a part or indicator merged
    over its questions). Ranges never overlap in a sound workbook: a file whose ranges would
    fill more cells than it has is refused rather than filled without end."""
    rows = {n: list(v) for n, v in grid.rows.items()}
    numbers = sorted(rows)
    budget = sum(len(v) for v in rows.values())
    for min_col, min_row, _, max_row in grid.merged:
        top = rows.get(min_row)
        if max_row == min_row or top is None or len(top) < min_col or top[min_col - 1] is None:
            continue
        for number in numbers[bisect_right(numbers, min_row) : bisect_right(numbers, max_row)]:
            budget -= 1
            if budget < 0:
                raise _refuse("file.not_xlsx", detail="merged cells overlap")
            row = rows[number]
            row.extend([None] * (min_col - len(row)))
            row[min_col - 1] = top[min_col - 1]
    return rows


def _header_texts(rows: dict[int, list[Any]], merged: Iterable[Merge], number: int) -> list[str]:
    """A header row's texts, a heading merged across columns repeated over each of them."""
    texts = [text_of(v) for v in rows.get(number, [])]
    for min_col, min_row, max_col, max_row in merged:
        if max_col > min_col and min_row <= number <= max_row:
            top = rows.get(min_row, [])
            value = text_of(top[min_col - 1]) if len(top) >= min_col else ""
            texts.extend([""] * (max_col - len(texts)))
            for column in range(min_col, max_col + 1):
                texts[column - 1] = value
    return texts


def _names(texts: Sequence[str]) -> list[str | None]:
    return [header_name(t) for t in texts]


def _header(
    rows: dict[int, list[Any]], merged: Sequence[Merge]
) -> tuple[int, int, list[str], list[str | None]] | None:
    """(first row, last row, texts, column names) of the question table's header.

    A second header row ("Kecamatan" under "Untuk Semua") is taken when, read together with
    a first that already names columns, it names more of them and loses none.
    """
    for number in sorted(rows)[:HEADER_SEARCH_ROWS]:
        texts = _header_texts(rows, merged, number)
        names = _names(texts)
        below = number + 1
        named = sum(n is not None for n in names)
        if (
            named >= 2
            and below in rows
            and all(isinstance(v, str) or v is None for v in rows[below])
        ):
            sub = _header_texts(rows, merged, below)
            width = max(len(texts), len(sub))
            pairs = [
                _combined(texts[i] if i < len(texts) else "", sub[i] if i < len(sub) else "")
                for i in range(width)
            ]
            both = [n for _, n in pairs]
            keeps = all(n is None or both[i] == n for i, n in enumerate(names))
            gains = sum(n is not None for n in both) > named
            if keeps and gains and all(k in both for k in KEY_COLUMNS):
                return number, below, [t for t, _ in pairs], both
        if all(k in names for k in KEY_COLUMNS):
            return number, number, texts, names
    return None


def _combined(top: str, sub: str) -> tuple[str, str | None]:
    if not sub or sub == top:
        return top, header_name(top)
    for text in (f"{top} {sub}", f"{sub} {top}", sub):
        name = header_name(text)
        if name is not None:
            return text.strip(), name
    return f"{top} {sub}".strip(), None


def _numbering(values: Sequence[Any]) -> bool:
    """A row of column numbers under the header: 1, 2, 3, … or (1), (2), (3), …"""
    numbers = []
    for value in values:
        text = text_of(value).strip("()")
        if not text:
            continue
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return len(numbers) >= 3 and all(b == a + 1 for a, b in itertools.pairwise(numbers))


def _row(number: int, values: Sequence[Any], columns: Sequence[str | None]) -> RecapRow:
    named = {c: values[i] if i < len(values) else None for i, c in enumerate(columns) if c}
    other = tuple(
        text_of(v)
        for i, v in enumerate(values)
        if (i >= len(columns) or not columns[i]) and isinstance(v, str) and text_of(v)
    )
    return RecapRow(number, named, other)


def _column_problems(
    missing: Sequence[str],
    duplicates: Sequence[str],
    columns: Sequence[str | None],
    sheet: str | None,
) -> list[Problem]:
    found = ", ".join(c for c in columns if c)
    problems = (
        [Problem(msg("file.missing_columns", columns=", ".join(missing), found=found), sheet=sheet)]
        if missing
        else []
    )
    problems.extend(
        Problem(msg("file.duplicate_column", column=c), sheet=sheet) for c in duplicates
    )
    return problems
