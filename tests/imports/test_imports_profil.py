"""Profil Anak imports as properties (issue 8, T5), through `services.import_file` (the one
way in for the command line and the background job): for tables and registry extracts that
hypothesis draws,

- the counts of an aggregated table come back exactly as stored cells; those of a registry
  extract equal a count made here, person by person;
- the same file again changes nothing and says so (no dataset, no audit row);
- an error at any row (hypothesis picks the row and the kind) saves nothing;
- a dry run writes nothing and its summary is the real run's.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.profil_anak.model import AGE_GROUPS
from layak.profil import services
from layak.profil.models import ProfilCell, ProfilDisability
from tests.imports.imports_support import REFUSALS, rolled_back, world_state
from tests.support.examples import examples

PROPERTY = settings(
    max_examples=examples(8),
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # see test_imports_answerbook.py
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
YEAR = 2024  # the demo brings 2025
VILLAGES = ("18.72.01.1001", "18.72.01.1005", "18.72.02.1001", "18.72.05.1004")
HEADER = ["kode_wilayah", "jenis_kelamin", "umur", "jumlah_anak", "akta_kelahiran", "kia"]
DISABILITY_HEADER = ["kode_wilayah", "jenis_kelamin", "disabilitas", "jumlah"]
SEX_SPELLINGS = {"L": ("L", "laki-laki", "Laki-Laki"), "P": ("P", "perempuan", "PEREMPUAN")}
KINDS = ("Tunarungu", "Fisik", "Intelektual")
Cube = dict[tuple[str, str, int, int], tuple[int, int, int]]


@st.composite
def cubes(draw: st.DrawFn) -> tuple[Cube, dict[tuple[str, str, str], int]]:
    """Children per kelurahan × sex × age range (a group whole, or some single ages of it)
    with their akta and KIA; and children with a disability, never more than there are."""
    cube: Cube = {}
    for village in draw(st.lists(st.sampled_from(VILLAGES), min_size=1, max_size=3, unique=True)):
        for sex in draw(st.sampled_from([("L",), ("P",), ("L", "P")])):
            for _, low, high in AGE_GROUPS:
                ranges = draw(
                    st.sampled_from(
                        [[], [(low, high)], [(age, age) for age in range(low, high + 1)]]
                    )
                )
                for age_low, age_high in ranges:
                    children = draw(st.integers(0, 5000))
                    akta = draw(st.integers(0, children))
                    kia = draw(st.integers(0, children))
                    cube[(village, sex, age_low, age_high)] = (children, akta, kia)
    if not cube:
        cube[(VILLAGES[0], "L", 0, 4)] = (1, 1, 0)
    totals = Counter[tuple[str, str]]()
    for (village, sex, _, _), (children, _, _) in cube.items():
        totals[(village, sex)] += children
    disabled = {}
    for (village, sex), total in totals.items():
        for kind in draw(st.lists(st.sampled_from(KINDS), max_size=2, unique=True)):
            disabled[(village, sex, kind)] = draw(st.integers(0, total))
    return cube, disabled


def table_rows(draw: st.DrawFn, cube: Cube) -> list[list[Any]]:
    rows = []
    for (village, sex, low, high), (children, akta, kia) in cube.items():
        sex_text = draw(st.sampled_from(SEX_SPELLINGS[sex]))
        age = low if low == high else draw(st.sampled_from([f"{low}-{high}", f"{low} - {high}"]))
        rows.append([village, sex_text, age, children, akta, kia])
    return draw(st.permutations(rows))


def write_table(
    folder: Path, rows: list[list[Any]], disabled: list[list[Any]], as_xlsx: bool
) -> tuple[Path, Path | None]:
    """An xlsx with sheets anak and disabilitas, or two CSV files."""
    if as_xlsx:
        workbook = openpyxl.Workbook()
        children = workbook.active
        children.title = "anak"
        for row in [HEADER, *rows]:
            children.append(row)
        if disabled:
            sheet = workbook.create_sheet("disabilitas")
            for row in [DISABILITY_HEADER, *disabled]:
                sheet.append(row)
        workbook.save(folder / "tabel.xlsx")
        return folder / "tabel.xlsx", None
    with (folder / "tabel.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    if not disabled:
        return folder / "tabel.csv", None
    with (folder / "disabilitas.csv").open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([DISABILITY_HEADER, *disabled])
    return folder / "tabel.csv", folder / "disabilitas.csv"


def stored_cube(dataset: Any) -> tuple[Cube, dict[tuple[str, str, str], int]]:
    cells = {
        (c.village_id, c.sex, c.age_low, c.age_high): (c.children, c.akta, c.kia)
        for c in ProfilCell.objects.filter(dataset=dataset)
    }
    disabled = {
        (d.village_id, d.sex, d.kind): d.children
        for d in ProfilDisability.objects.filter(dataset=dataset)
    }
    return cells, disabled


@pytest.mark.django_db
@PROPERTY
@given(data=st.data(), as_xlsx=st.booleans())
def test_table_counts_come_back_exactly_and_the_same_file_again_changes_nothing(
    data: st.DataObject,
    as_xlsx: bool,
    metro: Any,
    person: Callable[[str], Any],
    tmp_path: Path,
    files_root: Path,
) -> None:
    cube, disabled = data.draw(cubes())
    rows = table_rows(data.draw, cube)
    extra = [[v, s, k, n] for (v, s, k), n in disabled.items()]
    path, second = write_table(tmp_path, rows, extra, as_xlsx)
    with rolled_back():
        imported = services.import_file(
            path=path, region=metro, year=YEAR, user=person("sari"), disability_path=second
        )
        assert imported.saved
        assert stored_cube(imported.dataset) == (cube, disabled)
        assert imported.result.children == sum(c[0] for c in cube.values())
        profile = services.load_profile(metro, YEAR)
        assert profile is not None
        before = world_state(files_root)
        again = services.import_file(
            path=path, region=metro, year=YEAR, user=person("sari"), disability_path=second
        )
        assert again.unchanged
        assert not again.saved
        assert again.dataset == imported.dataset
        assert world_state(files_root) == before


TABLE_ERRORS = {
    # kind of error: (column, what is typed)
    "sex_unknown": ("jenis_kelamin", "X"),
    "code_outside": ("kode_wilayah", "18.71.01.1001"),
    "code_unknown": ("kode_wilayah", "18.72.09.9999"),
    "age_adult": ("umur", "18"),
    "age_unreadable": ("umur", "balita"),
    "count_negative": ("jumlah_anak", "-3"),
    "count_unreadable": ("jumlah_anak", "banyak"),
    "count_missing": ("jumlah_anak", ""),
    "akta_above_children": ("akta_kelahiran", None),  # children + 1
    "row_twice": ("umur", None),  # the row above, again
}


def break_table_row(rows: list[list[Any]], index: int, error: str) -> None:
    column, typed = TABLE_ERRORS[error]
    row = rows[index]
    if error == "akta_above_children":
        row[HEADER.index("akta_kelahiran")] = int(row[HEADER.index("jumlah_anak")]) + 1
    elif error == "row_twice":
        rows[index] = list(rows[index - 1] if index else rows[index])
        rows.insert(index, list(rows[index]))
    else:
        row[HEADER.index(column)] = typed


@pytest.mark.django_db
@PROPERTY
@given(
    data=st.data(),
    as_xlsx=st.booleans(),
    error=st.one_of(st.none(), st.sampled_from(sorted(TABLE_ERRORS))),
    where=st.integers(0, 10**6),
)
def test_a_table_with_an_error_at_any_row_saves_nothing_and_the_dry_run_is_the_real_run(
    data: st.DataObject,
    as_xlsx: bool,
    error: str | None,
    where: int,
    metro: Any,
    person: Callable[[str], Any],
    tmp_path: Path,
    files_root: Path,
) -> None:
    cube, _ = data.draw(cubes())
    rows = table_rows(data.draw, cube)
    index = where % len(rows)
    if error is not None:
        break_table_row(rows, index, error)
    path, _ = write_table(tmp_path, rows, [], as_xlsx)
    sari = person("sari")
    with rolled_back():
        before = world_state(files_root)
        events = AuditEvent.objects.count()
        try:
            dry: Any = services.import_file(path=path, region=metro, year=YEAR, dry_run=True)
        except InputError as refusal:
            dry = refusal
        assert world_state(files_root) == before
        assert AuditEvent.objects.count() == events  # a dry run records nothing at all
        try:
            real: Any = services.import_file(path=path, region=metro, year=YEAR, user=sari)
        except InputError as refusal:
            real = refusal
        if error is None:
            assert dry.result.summary_json() == real.result.summary_json()
            assert real.saved
            return
        # Refused: every problem named, the broken row among them (rows start at 2).
        assert isinstance(dry, InputError), error
        assert isinstance(real, InputError)
        assert [(p.row, p.column, p.message.key) for p in dry.problems] == [
            (p.row, p.column, p.message.key) for p in real.problems
        ]
        assert index + 2 in {p.row for p in real.problems} or error == "row_twice"
        assert world_state(files_root) == before
        # One refusal event, naming rules only (T4); nothing else.
        added = AuditEvent.objects.order_by("pk").values_list("action", flat=True)[events:]
        assert len(added) == 1
        assert added[0] in REFUSALS


EXTRACT_HEADER = [
    "nik",
    "jenis_kelamin",
    "tanggal_lahir",
    "kode_wilayah",
    "akta_kelahiran",
    "kia",
    "disabilitas",
]
NIK_BASE = 3172010101080001  # made up


@st.composite
def people(draw: st.DrawFn) -> list[list[str]]:
    """A registry extract: adults and children, each with their documents."""
    rows = []
    for number in range(draw(st.integers(1, 25))):
        sex = draw(st.sampled_from("LP"))
        born = draw(st.dates(dt.date(1980, 1, 1), dt.date(YEAR, 12, 31)))
        rows.append(
            [
                str(NIK_BASE + number),
                draw(st.sampled_from(SEX_SPELLINGS[sex])),
                born.isoformat(),
                draw(st.sampled_from(VILLAGES)),
                draw(st.sampled_from(["Y", "T"])),
                draw(st.sampled_from(["Y", "T"])),
                draw(st.sampled_from(["", "", "Tunarungu"])),
            ]
        )
    return rows


def counted_here(rows: list[list[str]]) -> Cube:
    """Children aged 0–17 on 31 December, by kelurahan, sex and single age, with documents."""
    cube: dict[tuple[str, str, int, int], list[int]] = {}
    end = dt.date(YEAR, 12, 31)
    for _, sex, born_text, village, akta, kia, _ in rows:
        born = dt.date.fromisoformat(born_text)
        age = end.year - born.year - ((end.month, end.day) < (born.month, born.day))
        if age > 17:
            continue
        key = (village, sex[0].upper(), age, age)
        counts = cube.setdefault(key, [0, 0, 0])
        counts[0] += 1
        counts[1] += akta == "Y"
        counts[2] += kia == "Y"
    return {key: (n, a, k) for key, (n, a, k) in cube.items()}


EXTRACT_ERRORS = {
    "sex_unknown": (1, "X"),
    "date_future": (2, f"{YEAR + 1}-01-01"),
    "date_unreadable": (2, "kemarin"),
    "code_outside": (3, "18.71.01.1001"),
    "nik_duplicate": (0, None),  # the first person's NIK again
}


@pytest.mark.django_db
@PROPERTY
@given(
    rows=people(),
    error=st.one_of(st.none(), st.sampled_from(sorted(EXTRACT_ERRORS))),
    where=st.integers(0, 10**6),
    skip_invalid=st.booleans(),
)
def test_an_extract_counts_right_refuses_whole_and_its_dry_run_is_the_real_run(
    rows: list[list[str]],
    error: str | None,
    where: int,
    skip_invalid: bool,
    metro: Any,
    person: Callable[[str], Any],
    tmp_path: Path,
    files_root: Path,
) -> None:
    index = where % len(rows)
    if error is not None:
        column, typed = EXTRACT_ERRORS[error]
        if error == "nik_duplicate":  # a later row repeats the first person's NIK
            if len(rows) == 1:
                rows.append(list(rows[0]))
            index, typed = max(index, 1), rows[0][0]
        rows[index][column] = typed
    path = tmp_path / "ekstrak.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([EXTRACT_HEADER, *rows])
    with rolled_back():
        before = world_state(files_root)
        events = AuditEvent.objects.count()
        dry = services.import_file(
            path=path, region=metro, year=YEAR, skip_invalid=skip_invalid, dry_run=True
        )
        assert world_state(files_root) == before
        assert AuditEvent.objects.count() == events
        real = services.import_file(
            path=path, region=metro, year=YEAR, skip_invalid=skip_invalid, user=person("sari")
        )
        assert dry.result.summary_json() == real.result.summary_json()
        assert dry.result.rejected_rows == real.result.rejected_rows
        if error is not None:
            assert index + 2 in {r.row for r in real.result.rejected_rows}, (error, rows)
            if not skip_invalid:  # refused whole
                assert not real.saved
                assert world_state(files_root) == before
                return
            del rows[index]
        assert real.saved
        cells, _ = stored_cube(real.dataset)
        assert cells == counted_here(rows)
