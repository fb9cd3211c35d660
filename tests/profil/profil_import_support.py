"""Constants and rows shared by the Profil Anak import tests
(`from tests.profil.profil_import_support import ...`)."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WILAYAH = REPO / "src" / "layak" / "regions" / "data" / "wilayah-kemendagri-2025.csv.gz"
AGGREGATE_HEADER = ("kode_wilayah", "jenis_kelamin", "umur", "jumlah_anak", "akta_kelahiran", "kia")
EXTRACT_HEADER = (
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_wilayah",
    "akta_kelahiran",
    "kia",
    "disabilitas",
)
YEAR = 2024
NIK_BASE = 3172010101080001  # made up; the tests search the database for these numbers


def nik(n: int) -> str:
    return str(NIK_BASE + n)


def _metro_villages() -> dict[str, str]:
    with gzip.open(WILAYAH, "rt", encoding="utf-8") as fh:
        codes = [row[0] for row in csv.reader(fh) if row and row[0].startswith("18.72.")]
    return {code: code.rsplit(".", 1)[0] for code in codes if code.count(".") == 3}


METRO_VILLAGES = _metro_villages()


# A small registry extract of Kota Metro with every kind of row: children with and without
# documents, an adult, a child with a disability, and (in `dirty_extract`) rows that break rules.
CLEAN_ROWS = [
    (nik(1), "L", "2020-05-01", "18.72.01.1001", "Y", "T", ""),
    (nik(2), "P", "01-06-2019", "18.72.01.1001", "Y", "Y", "Tunarungu"),
    (nik(3), "PEREMPUAN", "15/07/2010", "18.72.02.1001", "YA", "TIDAK", ""),
    (nik(4), "laki-laki", "1990-01-01", "18.72.02.1001", "Y", "T", ""),
    (nik(5), "L", "2024-12-31", "18.72.05.1004", "T", "T", ""),
]
DIRTY_ROWS = [
    *CLEAN_ROWS,
    (nik(6), "X", "2015-03-03", "18.72.01.1001", "Y", "Y", ""),  # sex_unknown, row 7
    (nik(1), "L", "2016-03-03", "18.72.01.1001", "Y", "Y", ""),  # nik_duplicate of row 2, row 8
    (nik(7), "P", "2025-01-01", "18.72.01.1001", "Y", "Y", ""),  # date_future, row 9
    (nik(8), "P", "2015-02-02", "18.71.01.1001", "Y", "Y", ""),  # code_outside, row 10
]
