"""Aggregated Profil Anak tables (no database): what a good table gives, and every refusal named
by row, column and rule, all at once."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layak.core.messages import InputError
from layak.core.profil_anak.model import Cell, DisabilityCell
from layak.core.profil_anak.tables import parse_age, parse_count
from layak.ingest.profil_anak.tables import detect_source, read_aggregate
from tests.profil.profil_import_support import METRO_VILLAGES
from tests.support.examples import examples

HEADER = ["kode_wilayah", "jenis_kelamin", "umur", "jumlah_anak", "akta_kelahiran", "kia"]
DISABILITY_HEADER = ["kode_wilayah", "jenis_kelamin", "disabilitas", "jumlah"]


def read(path: Path, villages: dict[str, str], **kw: object):  # type: ignore[no-untyped-def]
    return read_aggregate(path, year=2024, region="18.72", villages=villages, **kw)  # type: ignore[arg-type]


def problems(error: InputError) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.column, p.message.key) for p in error.problems]


def test_a_good_table_gives_cells_and_a_summary(
    aggregate_table: Path, metro_villages: dict[str, str]
) -> None:
    result = read(aggregate_table, metro_villages)
    assert result.source == "aggregate"
    assert result.summary_json() == {
        "rows_read": 4,
        "rows_valid": 4,
        "rows_rejected": 0,
        "adults": 0,
        "children": 60,
        "rejections": {},
    }
    assert result.cells == (
        Cell("18.72.01.1001", "L", 0, 0, 10, 9, 4),
        Cell("18.72.01.1001", "P", 0, 0, 12, 12, 6),
        Cell("18.72.01.1001", "L", 5, 9, 20, 15, 10),
        Cell("18.72.02.1001", "P", 16, 16, 18, 9, 9),
    )
    assert result.rejected_rows == ()


def test_spellings_people_use_are_read(
    write_csv: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_csv(
        [
            ("1872011001", "laki-laki", "10 - 14", "1.234", "1,200", "0"),
            (" 18.72.01.1002 ", "PEREMPUAN", "15–17", "7", "7", "7"),
            ("18.72.01.1003", "p", "3 tahun", "5", "", ""),
        ],
        header=["Kode Wilayah", "JK", "Kelompok Umur", "Jumlah Anak", "Akta", "KIA"],
        delimiter=";",
        encoding="utf-16",
    )
    with pytest.raises(InputError) as refused:  # a blank akta/kia where the column exists
        read(path, metro_villages)
    assert problems(refused.value) == [
        (4, "akta_kelahiran", "cell.required"),
        (4, "kia", "cell.required"),
    ]
    path = write_csv(
        [
            ("1872011001", "laki-laki", "10 - 14", "1.234", "1,200", "0"),
            (" 18.72.01.1002 ", "PEREMPUAN", "15–17", "7", "7", "7"),
        ],
        header=["Kode Wilayah", "JK", "Kelompok Umur", "Jumlah Anak", "Akta", "KIA"],
        delimiter=";",
        encoding="utf-16",
    )
    result = read(path, metro_villages)
    assert result.cells == (
        Cell("18.72.01.1001", "L", 10, 14, 1234, 1200, 0),
        Cell("18.72.01.1002", "P", 15, 17, 7, 7, 7),
    )


def test_without_document_columns_coverage_is_unknown_not_zero(
    write_csv: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_csv(
        [("18.72.01.1001", "L", "0-4", "9")],
        header=["kode_wilayah", "jenis_kelamin", "umur", "jumlah_anak"],
    )
    assert read(path, metro_villages).cells == (Cell("18.72.01.1001", "L", 0, 4, 9, None, None),)


def test_a_workbook_with_a_disabilities_sheet(
    write_xlsx: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_xlsx(
        {
            "Anak": [
                ["Profil Anak Kota Metro 2024"],  # a title above the header is allowed
                HEADER,
                ["18.72.01.1001", "L", 4, 30, 28, 20],
                # Excel turns 5-9 typed into a cell into 9 May.
                ["18.72.01.1001", "P", dt.datetime(2024, 5, 9), 25, 25, 25],
            ],
            "Disabilitas": [
                DISABILITY_HEADER,
                ["18.72.01.1001", "L", "tunarungu", 2],
                ["18.72.01.1001", "P", "Fisik", 1],
            ],
        }
    )
    result = read(path, metro_villages)
    assert result.cells == (
        Cell("18.72.01.1001", "L", 4, 4, 30, 28, 20),
        Cell("18.72.01.1001", "P", 5, 9, 25, 25, 25),
    )
    assert result.disabilities == (
        DisabilityCell("18.72.01.1001", "L", "Tunarungu", 2),
        DisabilityCell("18.72.01.1001", "P", "Fisik", 1),
    )
    assert result.rows_read == 4


def test_disabilities_in_a_second_csv(
    aggregate_table: Path, write_csv: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    second = write_csv(
        [("18.72.02.1001", "P", "Sensorik Netra", "3")],
        header=DISABILITY_HEADER,
        name="disabilitas.csv",
    )
    result = read(aggregate_table, metro_villages, disability_path=second)
    assert result.disabilities == (DisabilityCell("18.72.02.1001", "P", "Sensorik Netra", 3),)


def test_every_problem_is_named_by_row_and_column_at_once(
    write_csv: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_csv(
        [
            ("18.72.01.1001", "L", "0-4", "10", "5", "5"),  # row 2: fine
            ("18.72.01", "L", "3", "1", "0", "0"),  # row 3: not a village code
            ("18.71.01.1001", "L", "3", "1", "0", "0"),  # row 4: outside Kota Metro
            ("18.72.01.1099", "L", "3", "1", "0", "0"),  # row 5: no such kelurahan
            ("18.72.01.1002", "X", "3", "1", "0", "0"),  # row 6: sex
            ("18.72.01.1002", "L", "18", "1", "0", "0"),  # row 7: an adult's age
            ("18.72.01.1002", "L", "3-7", "1", "0", "0"),  # row 8: not a profile age group
            ("18.72.01.1002", "P", "3", "-1", "0", "0"),  # row 9: negative
            ("18.72.01.1002", "P", "4", "2,5", "0", "0"),  # row 10: not whole
            ("18.72.01.1002", "P", "5", "4", "5", "abc"),  # row 11: akta above, kia text
            ("18.72.01.1001", "L", "2", "1", "0", "0"),  # row 12: inside row 2's 0-4
            ("", "", "", "", "0", "0"),  # row 13: blanks
            ("18.72.01.1003", "P", "6", "99999999999", "0", "0"),  # row 14: beyond any count
        ]
    )
    with pytest.raises(InputError) as refused:
        read(path, metro_villages)
    assert problems(refused.value) == [
        (3, "kode_wilayah", "profil.table.code_invalid"),
        (4, "kode_wilayah", "profil.table.code_outside"),
        (5, "kode_wilayah", "profil.table.code_unknown"),
        (6, "jenis_kelamin", "profil.table.sex_unknown"),
        (7, "umur", "profil.table.age_bad"),
        (8, "umur", "profil.table.age_bad"),
        (9, "jumlah_anak", "profil.table.count_bad"),
        (10, "jumlah_anak", "profil.table.count_bad"),
        (11, "akta_kelahiran", "profil.table.count_above"),
        (11, "kia", "profil.table.count_bad"),
        (12, "umur", "profil.table.overlap"),
        (13, "kode_wilayah", "cell.required"),
        (13, "jenis_kelamin", "cell.required"),
        (13, "umur", "cell.required"),
        (13, "jumlah_anak", "cell.required"),
        (14, "jumlah_anak", "profil.table.count_too_large"),
    ]
    text = refused.value.render("id")
    assert "baris 12, kolom umur: 18.72.01.1001 L umur 2 tumpang tindih dengan baris 2" in text
    assert "baris 4, kolom kode_wilayah: kode wilayah 18.71.01.1001 berada di luar" in text
    english = refused.value.render("en")
    assert "row 11, column akta_kelahiran: 5 exceeds this row's jumlah_anak (4)" in english


def test_disability_rows_are_checked_against_the_children(
    write_xlsx: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_xlsx(
        {
            "anak": [HEADER, ["18.72.01.1001", "L", "0-4", 3, 3, 3]],
            "disabilitas": [
                DISABILITY_HEADER,
                ["18.72.01.1001", "L", "Fisik", 2],  # row 2: fine
                ["18.72.01.1001", "L", "fisik", 1],  # row 3: the same kind again
                ["18.72.01.1001", "L", "Ganda", 4],  # row 4: more than the 3 boys
                ["18.72.01.1001", "P", "Ganda", 1],  # row 5: there are no girls
                ["18.72.01.1001", "L", "", 1],  # row 6: no kind
                ["18.72.01.1001", "L", "x" * 61, 1],  # row 7: too long
            ],
        }
    )
    with pytest.raises(InputError) as refused:
        read(path, metro_villages)
    assert problems(refused.value) == [
        (3, "disabilitas", "profil.table.duplicate_disability"),
        (4, "jumlah", "profil.table.disability_above"),
        (5, "jumlah", "profil.table.disability_above"),
        (6, "disabilitas", "profil.table.kind_required"),
        (7, "disabilitas", "profil.table.kind_too_long"),
    ]


def test_a_missing_column_is_refused_by_name(
    write_csv: Callable[..., Path], metro_villages: dict[str, str]
) -> None:
    path = write_csv(
        [("18.72.01.1001", "L", "3")], header=["kode_wilayah", "jenis_kelamin", "umur"]
    )
    with pytest.raises(InputError) as refused:
        read(path, metro_villages)
    assert problems(refused.value) == [(None, None, "file.missing_columns")]
    assert "jumlah_anak" in refused.value.render("id")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, (0, 0)),
        (17, (17, 17)),
        (17.0, (17, 17)),
        ("5", (5, 5)),
        ("0-4", (0, 4)),
        ("15 s.d. 17", (15, 17)),
        ("10 sampai 14 tahun", (10, 14)),
        (dt.date(2024, 10, 14), (10, 14)),
        (18, None),
        (-1, None),
        (2.5, None),
        ("0-5", None),
        (dt.date(2024, 3, 4), None),
        (True, None),
        ("", None),
    ],
)
def test_ages(value: object, expected: tuple[int, int] | None) -> None:
    assert parse_age(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (12, 12),
        (12.0, 12),
        ("1.234", 1234),
        ("1,234,567", 1234567),
        ("12 000", 12000),
        ("1.5", None),
        ("1.23", None),
        (-3, None),
        ("-3", None),
        (True, None),
        ("", None),
    ],
)
def test_counts(value: object, expected: int | None) -> None:
    assert parse_count(value) == expected


def test_the_layout_is_told_by_the_header(
    aggregate_table: Path,
    clean_extract: Path,
    write_csv: Callable[..., Path],
    write_xlsx: Callable[..., Path],
    tmp_path: Path,
) -> None:
    assert detect_source(aggregate_table) == "aggregate"
    assert detect_source(clean_extract) == "microdata"
    semicolons = write_csv(
        [("1", "L", "2020-01-01", "18.72.01.1001", "Y", "T", "")],
        header=["NIK", "JK", "Tgl Lahir", "Kode Desa", "Akta", "KIA", "Disabilitas"],
        delimiter=";",
        encoding="utf-8-sig",
        name="bom.csv",
    )
    assert detect_source(semicolons) == "microdata"
    assert detect_source(write_xlsx({"anak": [HEADER, ["18.72.01.1001", "L", 1, 1, 1, 1]]})) == (
        "aggregate"
    )
    parquet = tmp_path / "x.parquet"
    parquet.write_bytes(b"PAR1" + b"\0" * 16)
    assert detect_source(parquet) == "microdata"
    other = write_csv([("a", "b")], header=["kecamatan", "bayi"], name="lain.csv")
    with pytest.raises(InputError) as refused:
        detect_source(other)
    assert refused.value.problems[0].message.key == "profil.unknown_layout"
    assert "kecamatan, bayi" in refused.value.render("id")
    legacy = tmp_path / "lama.xls"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(InputError) as refused:
        detect_source(legacy)
    assert refused.value.problems[0].message.key == "file.legacy_or_encrypted"


AGES = st.sampled_from([(a, a) for a in range(18)] + [(0, 4), (5, 9), (10, 14), (15, 17)])


@given(
    st.dictionaries(
        st.tuples(st.sampled_from(sorted(METRO_VILLAGES)), st.sampled_from(["L", "P"]), AGES),
        st.tuples(st.integers(0, 5000), st.floats(0, 1), st.floats(0, 1)),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
@settings(max_examples=examples(40), deadline=None)
def test_a_written_table_reads_back_exactly(
    table: dict[tuple[str, str, tuple[int, int]], tuple[int, float, float]],
    delimiter: str,
    encoding: str,
) -> None:
    """Cells → CSV (any delimiter and encoding) → cells, unless two age ranges overlap."""
    cells = []
    taken: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for (village, sex, (low, high)), (children, akta_share, kia_share) in table.items():
        if any(lo <= high and low <= hi for lo, hi in taken.get((village, sex), [])):
            continue
        taken.setdefault((village, sex), []).append((low, high))
        cells.append(
            Cell(
                village,
                sex,  # type: ignore[arg-type]
                low,
                high,
                children,
                int(children * akta_share),
                int(children * kia_share),
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tabel.csv"
        with path.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(HEADER)
            for c in cells:
                age = str(c.age_low) if c.age_low == c.age_high else f"{c.age_low}-{c.age_high}"
                writer.writerow([c.village, c.sex, age, c.children, c.akta, c.kia])
        result = read(path, METRO_VILLAGES)
    assert result.cells == tuple(cells)
    assert result.children == sum(c.children for c in cells)
