"""Scoring 514 regions' full answer sets: Layak's core against SQL in DuckDB.

Run: make benchmark   (target: all 514 scored in under 0.5 s)
"""

from __future__ import annotations

import csv
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from layak.core.loader import load_builtin
from layak.core.scoring import score
from regions import region_answers, timed

REGIONS = 514


def main() -> None:
    instrument = load_builtin("kla-2024")
    regions = [region_answers(instrument, seed) for seed in range(REGIONS)]
    answers = sum(len(r) for r in regions)

    cards = [score(instrument, r) for r in regions]
    core_median, core_best = timed(lambda: [score(instrument, r) for r in regions])

    import duckdb

    questions = [(q.code, q.part_code, q.max_points) for q in instrument.questions]
    rows = [(i, code, a.points, a.evidence) for i, r in enumerate(regions) for code, a in r.items()]
    bands = [(b.name, b.min_points) for b in instrument.bands]

    # A user would hand DuckDB the answers as one long CSV (region, kode, nilai, bukti).
    folder = Path(tempfile.mkdtemp())
    answers_csv = folder / "answers.csv"
    with answers_csv.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["region", "code", "points", "evidence"])
        writer.writerows(rows)

    def load() -> duckdb.DuckDBPyConnection:
        con = duckdb.connect()
        con.execute("CREATE TABLE q(code TEXT, part TEXT, maxp DOUBLE)")
        con.executemany("INSERT INTO q VALUES (?, ?, ?)", questions)
        con.execute("CREATE TABLE b(name TEXT, minp DOUBLE)")
        con.executemany("INSERT INTO b VALUES (?, ?)", bands)
        con.execute(
            "CREATE TABLE a AS SELECT * FROM read_csv(?, header = true, "
            "columns = {'region': 'INTEGER', 'code': 'TEXT', 'points': 'DOUBLE', "
            "'evidence': 'INTEGER'})",
            [str(answers_csv)],
        )
        return con

    query = """
        WITH capped AS (
          SELECT a.region, q.part, LEAST(GREATEST(a.points, 0), q.maxp) AS pts, a.evidence
          FROM a JOIN q USING (code)),
        totals AS (
          SELECT region, ROUND(SUM(pts), 2) AS total,
                 ROUND(SUM(CASE WHEN evidence > 0 THEN pts ELSE 0 END), 2) AS projected
          FROM capped GROUP BY region)
        SELECT t.region, t.total, t.projected,
               (SELECT name FROM b WHERE b.minp <= t.total ORDER BY minp DESC LIMIT 1) AS predicate
        FROM totals t ORDER BY t.region
    """
    parts_query = """
        SELECT a.region, q.part, SUM(LEAST(GREATEST(a.points, 0), q.maxp))
        FROM a JOIN q USING (code) GROUP BY a.region, q.part
    """
    con = load()
    load_median, _ = timed(load, repeat=3)
    result = con.execute(query).fetchall()
    sql_median, sql_best = timed(
        lambda: (con.execute(query).fetchall(), con.execute(parts_query).fetchall())
    )
    mismatches = sum(
        1
        for card, (_, total, projected, predicate) in zip(cards, result, strict=True)
        if abs(card.total - total) > 0.005
        or abs(card.projected_verified_total - projected) > 0.005
        or card.predicate != predicate
    )

    print(
        f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}"
    )
    print(f"{REGIONS} regions × {len(instrument.questions)} questions = {answers:,} answers")
    print(
        f"Layak core score():          median {core_median * 1000:7.1f} ms  "
        f"best {core_best * 1000:7.1f} ms"
        f"  (target < 500 ms: {'met' if core_median < 0.5 else 'MISSED'})"
    )
    print(
        f"DuckDB SQL (query only):     median {sql_median * 1000:7.1f} ms  "
        f"best {sql_best * 1000:7.1f} ms"
    )
    print(f"DuckDB SQL (load + query):   median {(load_median + sql_median) * 1000:7.1f} ms")
    print(f"results that differ between the two: {mismatches}")


if __name__ == "__main__":
    main()
