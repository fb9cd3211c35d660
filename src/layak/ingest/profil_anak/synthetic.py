"""A made-up registry extract that behaves like a real one: for the demo, tests and benchmarks.

Deterministic for a given seed (every value is a hash of the row number), written by DuckDB
straight to disk, so ten million rows take seconds and no memory to speak of. About a third of
the people are children; birth-certificate and KIA coverage fall for babies and in some
kelurahan; about 1 in 80 children has a disability; the spellings vary as real exports do.
No identity number in it belongs to anybody: they are a permutation of the row numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import duckdb

KINDS = (
    "Fisik",
    "Fisik",
    "Intelektual",
    "Sensorik Rungu",
    "Sensorik Netra",
    "Sensorik Wicara",
    "Mental",
    "Ganda",
)


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def write_extract(
    path: Path,
    *,
    rows: int,
    villages: Sequence[str],
    year: int,
    seed: int = 0,
    invalid_fraction: float = 0.0,
    file_format: Literal["csv", "parquet"] = "csv",
    delimiter: str = ",",
) -> Path:
    """Write `rows` people living in `villages` (desa/kelurahan codes) to `path`.

    With `invalid_fraction`, that share of rows breaks one rule each (bad NIK, unknown sex,
    impossible date, a code outside the region, a birth after 31 December, a repeated NIK).
    """
    if not villages:
        raise ValueError("at least one village is needed")
    # Bigger and smaller kelurahan: each village appears 2 to 5 times in the draw.
    weighted = [v for i, v in enumerate(villages) for _ in range(2 + (i * 7 + seed) % 4)]
    lagging = [v for i, v in enumerate(villages) if i % 5 == 3]  # these lag on documents
    outside = villages[0][:3] + ("99" if villages[0][3:5] != "99" else "98") + villages[0][5:]
    per_10k = round(invalid_fraction * 10_000)
    s = int(seed)
    # One hash input per draw: DuckDB combines multi-argument hashes so that their low bits
    # correlate (sex and kind of disability did), so each draw hashes a value of its own.
    salt = s * 1_000_003 * 64
    query = f"""
    WITH base AS (
        SELECT i,
            hash(i * 64 + 1 + {salt}) % 1000 < 335 AS child,
            hash(i * 64 + 2 + {salt}) % 1000 / 1000.0 AS u_age,
            hash(i * 64 + 3 + {salt}) % 2 = 0 AS male,
            list_extract(
                {_list(weighted)}, 1 + (hash(i * 64 + 4 + {salt}) % {len(weighted)})::INTEGER
            ) AS village,
            hash(i * 64 + 5 + {salt}) % 366 AS day_of_year,
            hash(i * 64 + 6 + {salt}) % 1000 AS u_akta,
            hash(i * 64 + 7 + {salt}) % 1000 AS u_kia,
            hash(i * 64 + 8 + {salt}) % 1000 AS u_dis,
            hash(i * 64 + 9 + {salt}) % 100 AS u_style,
            CASE WHEN hash(i * 64 + 10 + {salt}) % 10000 < {per_10k}
                 THEN hash(i * 64 + 11 + {salt}) % 6 END AS fault
        FROM range({int(rows)}) t(i)
    ), people AS (
        SELECT *,
            CASE WHEN child THEN floor(u_age * 18)::INTEGER
                 ELSE 18 + floor(67 * pow(u_age, 1.6))::INTEGER END AS age,
            list_contains({_list(lagging)}, village) AS lags
        FROM base
    ), dated AS (
        SELECT *,
            least(make_date({year} - age, 1, 1) + day_of_year::INTEGER,
                  make_date({year} - age, 12, 31)) AS born
        FROM people
    )
    SELECT
        CASE WHEN fault = 0 THEN substr((100000000000000 + i)::VARCHAR, 1, 15)
             WHEN fault = 5 AND i > 0
                 THEN (1000000000000000 + ((i - 1) * 7919 + {s}) % 9000000000000000)::VARCHAR
             ELSE (1000000000000000 + (i * 7919 + {s}) % 9000000000000000)::VARCHAR
        END AS nik,
        CASE WHEN fault = 1 THEN 'X'
             WHEN u_style < 90 THEN CASE WHEN male THEN 'L' ELSE 'P' END
             ELSE CASE WHEN male THEN 'LAKI-LAKI' ELSE 'PEREMPUAN' END END AS jenis_kelamin,
        CASE WHEN fault = 2 THEN '31-02-' || ({year} - age)::VARCHAR
             WHEN fault = 4 THEN strftime(make_date({year} + 1, 3, 1), '%Y-%m-%d')
             WHEN u_style < 85 THEN strftime(born, '%Y-%m-%d')
             WHEN u_style < 95 THEN strftime(born, '%d-%m-%Y')
             ELSE strftime(born, '%d/%m/%Y') END AS tanggal_lahir,
        CASE WHEN fault = 3 THEN '{outside}' ELSE village END AS kode_wilayah,
        CASE WHEN u_akta < (CASE WHEN NOT child THEN 960 WHEN age = 0 THEN 700
                                 WHEN age < 5 THEN 890 ELSE 950 END)
                           - (CASE WHEN lags THEN 140 ELSE 0 END)
             THEN (CASE WHEN u_style % 7 = 0 THEN 'YA' ELSE 'Y' END)
             ELSE (CASE WHEN u_style % 7 = 0 THEN 'TIDAK' ELSE 'T' END) END AS akta_kelahiran,
        CASE WHEN child AND u_kia < (CASE WHEN age < 5 THEN 560 ELSE 760 END)
                                    - (CASE WHEN lags THEN 220 ELSE 0 END) THEN 'Y'
             ELSE 'T' END AS kia,
        CASE WHEN u_dis < 13 THEN list_extract({_list(KINDS)}, 1 + (u_dis % {len(KINDS)})::INTEGER)
             ELSE '' END AS disabilitas
    FROM dated
    ORDER BY i
    """
    target = str(path).replace("'", "''")
    con = duckdb.connect()
    try:
        if file_format == "parquet":
            con.execute(f"COPY ({query}) TO '{target}' (FORMAT parquet)")
        else:
            sep = delimiter.replace("'", "''")
            con.execute(f"COPY ({query}) TO '{target}' (FORMAT csv, HEADER, DELIMITER '{sep}')")
    finally:
        con.close()
    return path
