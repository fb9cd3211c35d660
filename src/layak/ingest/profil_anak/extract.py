"""`read_extract`: a registry extract of one row per person → the Profil Anak cube of counts.

How it stays fast on millions of rows: one DuckDB pass reads the file and groups the rows by
their raw values (a few thousand groups), while a second grouping set finds identity numbers
that occur twice. The low-cardinality values (sex, codes, Y/T, kinds of disability) are then
judged once per distinct value in Python. Only a file that breaks a rule is read a second time,
row by row in file order, to name the rows and rules.

Privacy: the NIK is parsed to a number inside DuckDB only to find duplicates. It is never
returned, stored, logged or put in a message; DuckDB's own error text (which quotes lines) is
never passed on.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from layak.core.messages import InputError, Problem, msg
from layak.core.profil_anak.model import (
    CHILD_MAX_AGE,
    RULES,
    Cell,
    DisabilityCell,
    ImportResult,
    RejectedRow,
    Sex,
    reference_date,
)
from layak.core.profil_anak.values import disability_kind, sex_of, village_rule, yes_no
from layak.ingest.profil_anak.source import ROW_COLUMN, Source, open_source, windows_1252_copy

Progress = Callable[[float], None]

ADULT = CHILD_MAX_AGE + 1
_MEMORY_LIMIT = "900MB"  # with Python's own share, the import stays under 2 GB


@dataclass(frozen=True, slots=True)
class _Group:
    """One group of rows sharing every raw value that matters (the first pass's output)."""

    code: str | None
    sex: str | None
    akta: str | None
    kia: str | None
    disability: str | None
    nik_ok: bool
    date_state: int  # 0 readable and not in the future, 1 unreadable, 2 future
    age: int | None  # capped at ADULT
    rows: int


# Per row, in DuckDB: the NIK check, the birth date in three formats, the age on 31 December.
_MACROS = """
CREATE OR REPLACE TEMP MACRO nik_number(s) AS
    CASE WHEN strlen(s) = 16 AND NOT contains(s, '_') THEN TRY_CAST(s AS UBIGINT) END;
CREATE OR REPLACE TEMP MACRO nik_ok(s) AS coalesce(nik_number(s) >= 1000000000000000, false);
CREATE OR REPLACE TEMP MACRO born_dmy(s) AS CASE
    WHEN strlen(trim(s)) = 10 AND trim(s)[3] IN ('-', '/') AND trim(s)[6] = trim(s)[3]
        THEN TRY_CAST(trim(s)[7:10] || '-' || trim(s)[4:5] || '-' || trim(s)[1:2] AS DATE) END;
-- DuckDB's own date cast reads YYYY-MM-DD fast; it would also read '10-11-12' as the year 10,
-- so a year before 1900 is unreadable, and only what it cannot read is tried as DD-MM-YYYY.
CREATE OR REPLACE TEMP MACRO born_on(s) AS CASE
    WHEN TRY_CAST(s AS DATE) IS NULL THEN born_dmy(s)
    WHEN year(TRY_CAST(s AS DATE)) >= 1900 THEN TRY_CAST(s AS DATE) END;
"""


def _date_columns(year: int) -> str:
    ref = reference_date(year).isoformat()
    # With 31 December as the reference date, completed years are the difference of the years.
    return f"""
        CASE WHEN born IS NULL THEN 1 WHEN born > DATE '{ref}' THEN 2 ELSE 0 END AS date_state,
        CASE WHEN born <= DATE '{ref}' THEN least({year} - year(born), {ADULT}) END AS age"""


def read_extract(
    path: Path,
    *,
    year: int,
    region: str,
    villages: Mapping[str, str],
    skip_invalid: bool = False,
    progress: Progress | None = None,
    rejected_row_limit: int = 500,
    threads: int | None = None,
) -> ImportResult:
    """Read `path` for `region` (e.g. "18.72") and `year`; `villages` maps each desa/kelurahan
    code of the region to its kecamatan code. Raises InputError only for problems with the file
    as a whole; rows that break a rule come back in the result, and the caller refuses the
    import when there are any and `skip_invalid` is off (`skip_invalid` is recorded for the
    caller's sake: the counts of valid rows are the same either way)."""
    del skip_invalid  # the decision is the caller's; the figures do not depend on it
    con = duckdb.connect(config={"memory_limit": _MEMORY_LIMIT})
    spill = Path(tempfile.mkdtemp(prefix="layak-duckdb-"))
    try:
        con.execute(f"SET temp_directory = '{spill}'")
        con.execute("SET preserve_insertion_order = false")
        # Progress is reported through `progress`; DuckDB must not draw its own bar on stdout.
        con.execute("SET enable_progress_bar = true")
        con.execute("SET enable_progress_bar_print = false")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        con.execute(_MACROS)
        try:
            return _read(path, con, year, region, villages, progress, rejected_row_limit)
        except _NotUtf8:
            workdir = Path(tempfile.mkdtemp(prefix="layak-cp1252-"))
            try:
                copy = windows_1252_copy(path, workdir)
                return _read(copy, con, year, region, villages, progress, rejected_row_limit)
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)


class _NotUtf8(Exception):
    pass


def _read(
    path: Path,
    con: duckdb.DuckDBPyConnection,
    year: int,
    region: str,
    villages: Mapping[str, str],
    progress: Progress | None,
    limit: int,
) -> ImportResult:
    with open_source(path, con) as source:
        groups, duplicate_hashes = _first_pass(con, source, year, progress)
        rows_read = sum(g.rows for g in groups)
        if rows_read == 0:
            raise InputError([Problem(msg("file.no_rows"))])
        verdicts = _Verdicts(groups, region, villages)
        if not duplicate_hashes and not verdicts.any_rejected:
            result = _clean_result(groups, verdicts, rows_read)
        else:
            result = _second_pass(
                con, source, year, groups, duplicate_hashes, verdicts, rows_read, limit, progress
            )
    if progress:
        progress(1.0)
    return result


def _run(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    progress: Progress | None,
    span: tuple[float, float],
) -> list[tuple[object, ...]]:
    """Run a long query, reporting DuckDB's own progress into `span` of the whole import."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["rows"] = con.execute(sql).fetchall()
        except BaseException as exc:  # handed to the calling thread below
            outcome["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    low, high = span
    while worker.is_alive():
        worker.join(0.25)
        if progress and worker.is_alive():
            done = con.query_progress()
            if done >= 0:
                progress(low + (high - low) * min(done, 100.0) / 100.0)
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise _translate(error) from None
    rows = outcome.get("rows")
    if not isinstance(rows, list):
        raise RuntimeError("the query returned no rows")
    if progress:
        progress(high)
    return rows


def _translate(error: BaseException) -> BaseException:
    """DuckDB's message quotes the offending line (with its NIK): keep only what is safe."""
    if not isinstance(error, duckdb.Error):
        return error
    text = str(error)
    if "not utf-8 encoded" in text or "Invalid unicode" in text:
        return _NotUtf8()
    line = re.search(r"CSV Error on Line: (\d+)", text)
    if "Expected Number of Columns" in text and line:
        return InputError([Problem(msg("profil.file.columns"), row=int(line.group(1)))])
    if line:
        return InputError(
            [Problem(msg("profil.file.unreadable_csv", detail="format"), row=int(line.group(1)))]
        )
    return InputError([Problem(msg("profil.file.unreadable_csv", detail=type(error).__name__))])


def _first_pass(
    con: duckdb.DuckDBPyConnection, source: Source, year: int, progress: Progress | None
) -> tuple[list[_Group], list[int]]:
    sql = f"""
    WITH rows AS (
        SELECT kode_wilayah, jenis_kelamin, akta_kelahiran, kia, disabilitas,
               nik_ok(nik) AS nik_ok, hash(nik) AS nik_hash, {_date_columns(year)}
        FROM (SELECT *, born_on(tanggal_lahir) AS born FROM {source.relation})
    )
    SELECT kode_wilayah, jenis_kelamin, akta_kelahiran, kia, disabilitas, nik_ok, date_state,
           age, nik_hash, count(*) AS n, GROUPING(nik_hash) AS by_values
    FROM rows
    GROUP BY GROUPING SETS (
        (kode_wilayah, jenis_kelamin, akta_kelahiran, kia, disabilitas, nik_ok, date_state, age),
        (nik_hash)
    )
    HAVING GROUPING(nik_hash) = 1 OR count(*) > 1
    """
    groups: list[_Group] = []
    duplicate_hashes: list[int] = []
    for row in _run(con, sql, progress, (0.0, 0.8)):
        code, sex, akta, kia, dis, nik_ok, date_state, age, nik_hash, n, by_values = row
        if by_values:
            groups.append(
                _Group(
                    code=_text(code),
                    sex=_text(sex),
                    akta=_text(akta),
                    kia=_text(kia),
                    disability=_text(dis),
                    nik_ok=bool(nik_ok),
                    date_state=int(str(date_state)),
                    age=None if age is None else int(str(age)),
                    rows=int(str(n)),
                )
            )
        else:
            # A 64-bit hash screens for repeated NIKs; the second pass checks them exactly.
            duplicate_hashes.append(int(str(nik_hash)))
    return groups, duplicate_hashes


def _text(value: object) -> str | None:
    return None if value is None else str(value)


class _Verdicts:
    """Each distinct raw value judged once: the rules that look at one value alone."""

    def __init__(self, groups: Iterable[_Group], region: str, villages: Mapping[str, str]):
        groups = list(groups)
        self.codes = {raw: village_rule(raw, region, villages) for raw in {g.code for g in groups}}
        self.sexes = {raw: sex_of(raw) for raw in {g.sex for g in groups}}
        self.flags = {
            raw: yes_no(raw) for raw in {g.akta for g in groups} | {g.kia for g in groups}
        }
        self.kinds = {raw: disability_kind(raw) for raw in {g.disability for g in groups}}
        self.any_rejected = any(self.rule_of(g) or self.child_rule_of(g) for g in groups)

    def rule_of(self, group: _Group) -> str | None:
        """The first rule the group's rows break, except duplicates (which need the rows)."""
        if not group.nik_ok:
            return "nik_format"
        if self.sexes[group.sex] is None:
            return "sex_unknown"
        if group.date_state == 1:
            return "date_unreadable"
        if group.date_state == 2:
            return "date_future"
        code_rule = self.codes[group.code][1]
        if code_rule:
            return code_rule
        return None

    def child_rule_of(self, group: _Group) -> str | None:
        """Rules that only concern children (an adult's KIA is not asked for)."""
        if group.age is not None and group.age < ADULT:
            if self.flags[group.akta] is None:
                return "akta_value"
            if self.flags[group.kia] is None:
                return "kia_value"
        return None


def _clean_result(groups: list[_Group], verdicts: _Verdicts, rows_read: int) -> ImportResult:
    return _result(
        ((g, g.rows) for g in groups), verdicts, rows_read, {}, (), rejected_rows_total=0
    )


def _result(
    counted: Iterable[tuple[_Group, int]],
    verdicts: _Verdicts,
    rows_read: int,
    rejections: dict[str, int],
    rejected_rows: tuple[RejectedRow, ...],
    rejected_rows_total: int,
) -> ImportResult:
    cells: dict[tuple[str, Sex, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    kinds: dict[tuple[str, Sex, str], int] = defaultdict(int)
    adults = 0
    for group, rows in counted:
        if rows <= 0:
            continue
        if group.age is None:  # only rows with a readable date reach here
            raise ValueError("a valid group without an age")
        if group.age >= ADULT:
            adults += rows
            continue
        code = verdicts.codes[group.code][0]
        sex = verdicts.sexes[group.sex]
        if code is None or sex is None:
            raise ValueError("a valid group without a code or sex")
        cell = cells[(code, sex, group.age)]
        cell[0] += rows
        cell[1] += rows if verdicts.flags[group.akta] else 0
        cell[2] += rows if verdicts.flags[group.kia] else 0
        kind = verdicts.kinds[group.disability]
        if kind:
            kinds[(code, sex, kind)] += rows
    children = sum(v[0] for v in cells.values())
    return ImportResult(
        source="microdata",
        rows_read=rows_read,
        rows_valid=rows_read - rejected_rows_total,
        rows_rejected=rejected_rows_total,
        adults=adults,
        children=children,
        rejections={rule: rejections[rule] for rule in RULES if rejections.get(rule)},
        rejected_rows=rejected_rows,
        cells=tuple(
            Cell(code, sex, age, age, n, akta, kia)
            for (code, sex, age), (n, akta, kia) in sorted(cells.items())
        ),
        disabilities=tuple(
            DisabilityCell(code, sex, kind, n) for (code, sex, kind), n in sorted(kinds.items())
        ),
    )


def _second_pass(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    year: int,
    groups: list[_Group],
    duplicate_hashes: list[int],
    verdicts: _Verdicts,
    rows_read: int,
    limit: int,
    progress: Progress | None,
) -> ImportResult:
    """Only for a file that breaks a rule: read it again in file order and keep the suspects.

    A suspect is a row whose values break a rule, or whose NIK hash occurred more than once.
    Suspects are few, so the exact duplicate check (on the NIK itself, inside DuckDB) and the
    first-rule-per-row ordering run on them alone; the rejected rows are then taken out of the
    first pass's groups. The rules are the same values the first pass judged.
    """
    con.execute("SET preserve_insertion_order = true")
    good_sex = [raw for raw, sex in verdicts.sexes.items() if raw is not None and sex]
    good_flag = [raw for raw, f in verdicts.flags.items() if raw is not None and f is not None]
    # The few distinct codes judged in the first pass become literal lists: a lookup join
    # could let DuckDB build its hash table on the file's side.
    code_cases = "".join(
        f"WHEN kode_wilayah IN ({_sql_list(raws)}) THEN '{rule}' "
        for rule, raws in _codes_by_rule(verdicts).items()
    )
    code_rule = f"CASE {code_cases}ELSE '' END" if code_cases else "''"
    con.execute("CREATE OR REPLACE TEMP TABLE dup_hash (h UBIGINT)")
    if duplicate_hashes:
        con.executemany("INSERT INTO dup_hash VALUES (?)", [(h,) for h in duplicate_hashes])
    number = f"TRY_CAST({ROW_COLUMN} AS BIGINT)" if source.numbered else "row_number() OVER () + 1"
    sex_ok = f"jenis_kelamin IN ({_sql_list(good_sex)})"
    flag_ok = f"IN ({_sql_list(good_flag)})"
    # Numbered first, in file order, and only then filtered and joined: the numbering is a
    # streaming window, and the join to the small table of code verdicts never holds the file.
    _run(
        con,
        f"""
        CREATE OR REPLACE TEMP TABLE suspect AS
        WITH numbered AS (
            SELECT {number} AS line, nik, kode_wilayah, jenis_kelamin, akta_kelahiran, kia,
                   disabilitas, born_on(tanggal_lahir) AS born
            FROM {source.relation}
        ), judged AS (
            SELECT line, kode_wilayah, jenis_kelamin, akta_kelahiran, kia, disabilitas,
                   nik_ok(nik) AS nik_ok, hash(nik) AS nik_hash, nik_number(nik) AS nik_number,
                   {_date_columns(year)}
            FROM numbered
        )
        SELECT j.*, {code_rule} AS code_rule,
               coalesce({sex_ok}, false) AS sex_ok,
               coalesce(akta_kelahiran {flag_ok}, false) AS akta_ok,
               coalesce(kia {flag_ok}, false) AS kia_ok
        FROM judged j
        WHERE NOT j.nik_ok OR NOT coalesce({sex_ok}, false) OR j.date_state <> 0
           OR j.kode_wilayah IS NULL OR {code_rule} <> ''
           OR (j.age < {ADULT} AND NOT coalesce(akta_kelahiran {flag_ok}, false))
           OR (j.age < {ADULT} AND NOT coalesce(kia {flag_ok}, false))
           OR j.nik_hash IN (SELECT h FROM dup_hash)
        """,
        progress,
        (0.8, 0.97),
    )
    con.execute(
        f"""
        ALTER TABLE suspect ADD COLUMN base_rule VARCHAR;
        ALTER TABLE suspect ADD COLUMN child_rule VARCHAR;
        UPDATE suspect SET
            base_rule = CASE
                WHEN NOT nik_ok THEN 'nik_format'
                WHEN NOT sex_ok THEN 'sex_unknown'
                WHEN date_state = 1 THEN 'date_unreadable'
                WHEN date_state = 2 THEN 'date_future'
                WHEN kode_wilayah IS NULL THEN 'code_invalid'
                WHEN code_rule <> '' THEN code_rule
            END,
            child_rule = CASE WHEN age < {ADULT} THEN CASE
                WHEN NOT akta_ok THEN 'akta_value'
                WHEN NOT kia_ok THEN 'kia_value'
            END END;
        UPDATE suspect SET nik_number = NULL
        WHERE NOT nik_ok OR nik_hash NOT IN (SELECT h FROM dup_hash);
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE rejected AS
        WITH firsts AS (
            SELECT nik_number, min(line) AS first_line FROM suspect
            WHERE nik_number IS NOT NULL GROUP BY nik_number HAVING count(*) > 1
        )
        SELECT s.*, f.first_line,
               coalesce(s.base_rule,
                        CASE WHEN s.line > f.first_line THEN 'nik_duplicate' END,
                        s.child_rule) AS rule
        FROM suspect s LEFT JOIN firsts f USING (nik_number)
        """
    )
    rejections = {
        str(rule): int(str(n))
        for rule, n in con.execute(
            "SELECT rule, count(*) FROM rejected WHERE rule IS NOT NULL GROUP BY rule"
        ).fetchall()
    }
    listed = tuple(
        RejectedRow(int(str(line)), str(rule), None if first is None else int(str(first)))
        for line, rule, first in con.execute(
            "SELECT line, rule, CASE WHEN rule = 'nik_duplicate' THEN first_line END "
            f"FROM rejected WHERE rule IS NOT NULL ORDER BY line LIMIT {int(limit)}"
        ).fetchall()
    )
    taken_out: dict[tuple[object, ...], int] = defaultdict(int)
    for *key, n in con.execute(
        """
        SELECT kode_wilayah, jenis_kelamin, akta_kelahiran, kia, disabilitas, nik_ok,
               date_state, age, count(*)
        FROM rejected WHERE rule IS NOT NULL GROUP BY ALL
        """
    ).fetchall():
        taken_out[tuple(key)] += int(str(n))
    con.execute("DROP TABLE suspect")
    con.execute("DROP TABLE rejected")
    kept = ((g, g.rows - taken_out.get(_key(g), 0)) for g in groups)
    return _result(
        kept,
        verdicts,
        rows_read,
        rejections,
        listed,
        rejected_rows_total=sum(rejections.values()),
    )


def _codes_by_rule(verdicts: _Verdicts) -> dict[str, list[str]]:
    by_rule: dict[str, list[str]] = defaultdict(list)
    for raw, (_, rule) in verdicts.codes.items():
        if raw is not None and rule:
            by_rule[rule].append(raw)
    return by_rule


def _key(group: _Group) -> tuple[object, ...]:
    return (
        group.code,
        group.sex,
        group.akta,
        group.kia,
        group.disability,
        group.nik_ok,
        group.date_state,
        group.age,
    )


def _sql_list(values: Iterable[str]) -> str:
    quoted = ["'" + v.replace("'", "''") + "'" for v in sorted(values)]
    return ", ".join(quoted) if quoted else "NULL"
