"""Reading registry extracts: every rule by row number, every format, and the same figures as a
plain Python reading of the same file (the oracle)."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import duckdb
import openpyxl
import pytest

from layak.core.messages import InputError
from layak.core.profil_anak.model import Cell, ImportResult
from layak.ingest.profil_anak import extract
from layak.ingest.profil_anak.extract import read_extract
from layak.ingest.profil_anak.synthetic import write_extract

VILLAGES = {
    "18.72.01.1001": "18.72.01",
    "18.72.01.1002": "18.72.01",
    "18.72.02.1001": "18.72.02",
}
HEADER = "nik,jenis_kelamin,tanggal_lahir,kode_wilayah,akta_kelahiran,kia,disabilitas"
NIK = 3172010101080001  # made up


def nik(n: int) -> str:
    return str(NIK + n)


def write(tmp_path: Path, lines: list[str], name: str = "x.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join([HEADER, *lines]) + "\n").encode(encoding))
    return path


def read(path: Path, **kw: object) -> ImportResult:
    return read_extract(path, year=2025, region="18.72", villages=VILLAGES, **kw)  # type: ignore[arg-type]


def test_counts_children_by_village_sex_and_age_and_leaves_adults_out(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,",
            f"{nik(2)},P,01-06-2020,18.72.01.1001,YA,YA,Tunarungu",
            f"{nik(3)},perempuan,15/07/2010,1872011002,1,0,-",
            f"{nik(4)},LAKI-LAKI,1990-01-01,18.72.02.1001,Y,T,",
        ],
    )
    result = read(path)
    assert result.summary_json() == {
        "rows_read": 4,
        "rows_valid": 4,
        "rows_rejected": 0,
        "adults": 1,
        "children": 3,
        "rejections": {},
    }
    assert set(result.cells) == {
        Cell("18.72.01.1001", "L", 5, 5, 1, 1, 0),
        Cell("18.72.01.1001", "P", 5, 5, 1, 1, 1),
        Cell("18.72.01.1002", "P", 15, 15, 1, 1, 0),
    }
    assert [(d.village, d.sex, d.kind, d.children) for d in result.disabilities] == [
        ("18.72.01.1001", "P", "Tunarungu", 1)
    ]


def test_ages_are_exact_on_31_december_leap_days_included(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            f"{nik(1)},L,2007-12-31,18.72.01.1001,Y,T,",  # 18 on the reference date: adult
            f"{nik(2)},L,2008-01-01,18.72.01.1001,Y,T,",  # 17
            f"{nik(3)},P,2008-02-29,18.72.01.1001,Y,T,",  # 17
            f"{nik(4)},P,2025-12-31,18.72.01.1001,T,T,",  # born on the reference date: 0
        ],
    )
    result = read(path)
    assert result.adults == 1
    assert sorted((c.sex, c.age_low, c.children) for c in result.cells) == [
        ("L", 17, 1),
        ("P", 0, 1),
        ("P", 17, 1),
    ]


def test_every_rule_is_reported_by_row_number_and_nothing_of_those_rows_is_counted(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        [
            f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,",  # line 2: fine
            "12345,L,2020-05-01,18.72.01.1001,Y,T,",  # 3: short NIK
            f"{nik(3)},X,2020-05-01,18.72.01.1001,Y,T,",  # 4: sex
            f"{nik(4)},P,31-02-2020,18.72.01.1001,Y,T,",  # 5: no such date
            f"{nik(5)},P,2026-01-01,18.72.01.1001,Y,T,",  # 6: born after 31 December
            f"{nik(6)},P,2020-05-01,18.72.01,Y,T,",  # 7: a kecamatan, not a village
            f"{nik(7)},P,2020-05-01,18.71.01.1001,Y,T,",  # 8: another city
            f"{nik(8)},P,2020-05-01,18.72.09.1009,Y,T,",  # 9: not in this city
            f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,",  # 10: same NIK as line 2
            f"{nik(10)},P,2020-05-01,18.72.01.1001,MUNGKIN,T,",  # 11: akta value
            f"{nik(11)},P,2020-05-01,18.72.01.1001,Y,,",  # 12: kia empty
            f"{nik(12)},P,1980-05-01,18.72.01.1001,?,?,",  # 13: adult: documents not asked
        ],
    )
    result = read(path)
    assert [(r.row, r.rule, r.first_row) for r in result.rejected_rows] == [
        (3, "nik_format", None),
        (4, "sex_unknown", None),
        (5, "date_unreadable", None),
        (6, "date_future", None),
        (7, "code_invalid", None),
        (8, "code_outside", None),
        (9, "code_unknown", None),
        (10, "nik_duplicate", 2),
        (11, "akta_value", None),
        (12, "kia_value", None),
    ]
    assert result.rows_rejected == 10
    assert result.rows_valid == 2
    assert result.children == 1
    assert result.adults == 1
    assert sum(result.rejections.values()) == 10


def test_a_row_breaking_two_rules_is_counted_once_under_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, ["123,X,kemarin,18.71.01.1001,Y,T,"])
    result = read(path)
    assert result.rejections == {"nik_format": 1}


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-16", ";"), ("cp1252", "\t"), ("utf-8", ";")],
)
def test_encodings_and_delimiters_are_detected(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    rows = [
        f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,Rungu – ringan é",
        f"{nik(2)},P,2019-05-01,18.72.02.1001,T,T,",
    ]
    text = "\n".join([HEADER, *rows]).replace(",", delimiter) + "\n"
    path = tmp_path / "x.csv"
    path.write_bytes(text.encode(encoding))
    result = read(path)
    assert result.children == 2
    assert result.rows_rejected == 0
    assert result.disabilities[0].kind == "Rungu – Ringan É"


def test_parquet_and_xlsx_give_the_same_figures_as_csv(tmp_path: Path) -> None:
    csv_path = tmp_path / "x.csv"
    write_extract(csv_path, rows=3000, villages=sorted(VILLAGES), year=2025, seed=3)
    parquet_path = tmp_path / "x.parquet"
    write_extract(
        parquet_path, rows=3000, villages=sorted(VILLAGES), year=2025, seed=3, file_format="parquet"
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Ekspor Disdukcapil"])  # a title line above the header, as exports have
    with csv_path.open(newline="") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    xlsx_path = tmp_path / "x.xlsx"
    workbook.save(xlsx_path)
    from_csv, from_parquet, from_xlsx = (read(p) for p in (csv_path, parquet_path, xlsx_path))
    assert from_csv.children > 900
    assert from_parquet.cells == from_csv.cells == from_xlsx.cells
    assert from_parquet.disabilities == from_csv.disabilities


def test_xlsx_rows_are_reported_by_their_spreadsheet_row(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Data anak"])
    sheet.append(HEADER.split(","))
    sheet.append([nik(1), "L", dt.date(2020, 5, 1), "18.72.01.1001", "Y", "T", None])
    sheet.append([])
    sheet.append([nik(2), "Q", "2020-05-01", "18.72.01.1001", "Y", "T", None])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    result = read(path)
    assert [(r.row, r.rule) for r in result.rejected_rows] == [(5, "sex_unknown")]
    assert result.children == 1


def test_missing_columns_refuse_the_file_before_reading_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("nik,jenis_kelamin\n1,L\n")
    with pytest.raises(InputError) as refused:
        read(path)
    text = refused.value.render()
    assert "tanggal_lahir" in text
    assert "kode_wilayah" in text


def test_a_broken_line_is_named_without_quoting_the_nik(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,", f"{nik(2)},L,2020-05-01,18.72.01.1001,Y"],
    )
    with pytest.raises(InputError) as refused:
        read(path)
    text = refused.value.render() + refused.value.render("en")
    assert "baris 3" in text
    assert nik(2) not in text


def test_no_identity_number_leaves_the_reader(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,", f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,"],
    )
    result = read(path)
    assert result.rejections == {"nik_duplicate": 1}
    assert nik(1) not in repr(result)


def test_progress_ends_at_one(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    write_extract(path, rows=20_000, villages=sorted(VILLAGES), year=2025, seed=1)
    seen: list[float] = []
    read(path, progress=seen.append)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def _oracle(path: Path, year: int) -> tuple[Counter[tuple[str, str, int]], Counter[str], int]:
    """The rules written again, plainly, row by row in Python."""
    ref = dt.date(year, 12, 31)
    seen: dict[str, int] = {}
    children: Counter[tuple[str, str, int]] = Counter()
    rules: Counter[str] = Counter()
    adults = 0
    with path.open(newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            n, sex, born_text, code = (
                row["nik"],
                row["jenis_kelamin"],
                row["tanggal_lahir"],
                row["kode_wilayah"],
            )
            born = None
            for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
                try:
                    born = dt.datetime.strptime(born_text, fmt).date()
                    break
                except ValueError:
                    continue
            if not (len(n) == 16 and n.isdigit() and n[0] != "0"):
                rules["nik_format"] += 1
            elif sex.upper() not in ("L", "P", "LAKI-LAKI", "PEREMPUAN"):
                rules["sex_unknown"] += 1
            elif born is None:
                rules["date_unreadable"] += 1
            elif born > ref:
                rules["date_future"] += 1
            elif not code.startswith("18.72."):
                rules["code_outside"] += 1
            elif code not in VILLAGES:
                rules["code_unknown"] += 1
            elif n in seen:
                rules["nik_duplicate"] += 1
            else:
                age = year - born.year - ((ref.month, ref.day) < (born.month, born.day))
                if age >= 18:
                    adults += 1
                else:
                    children[(code, sex.upper()[0], age)] += 1
            seen.setdefault(n, line)
    return children, rules, adults


@pytest.mark.parametrize("invalid_fraction", [0.0, 0.02])
def test_same_figures_as_a_plain_reading_of_the_file(
    tmp_path: Path, invalid_fraction: float
) -> None:
    path = tmp_path / "x.csv"
    write_extract(
        path,
        rows=40_000,
        villages=sorted(VILLAGES),
        year=2025,
        seed=7,
        invalid_fraction=invalid_fraction,
    )
    children, rules, adults = _oracle(path, 2025)
    result = read(path)
    assert Counter({(c.village, c.sex, c.age_low): c.children for c in result.cells}) == children
    assert result.rejections == dict(rules)
    assert result.adults == adults
    assert result.rows_read == 40_000


def test_the_fast_path_and_the_row_by_row_path_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.csv"
    write_extract(path, rows=30_000, villages=sorted(VILLAGES), year=2025, seed=11)
    fast = read(path)
    monkeypatch.setattr(extract._Verdicts, "any_rejected", True, raising=False)
    original = extract._Verdicts.__init__

    def always_slow(self: extract._Verdicts, *args: object) -> None:
        original(self, *args)  # type: ignore[arg-type]
        self.any_rejected = True

    monkeypatch.setattr(extract._Verdicts, "__init__", always_slow)
    slow = read(path)
    assert slow.cells == fast.cells
    assert slow.disabilities == fast.disabilities
    assert slow.adults == fast.adults


def test_duckdb_is_not_left_holding_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, [f"{nik(1)},L,2020-05-01,18.72.01.1001,Y,T,"])
    read(path)
    path.unlink()  # would fail on some systems if a handle stayed open
    assert duckdb.__version__
