"""The disclosure-control step of Profil Anak, attacked as issue 14 attacked it: from everything
published (`published_keys` of the public Display), HiGHS computes each withheld cell's least
and greatest value, exactly. No withheld cell may be pinned or narrowed below WIDTH values.

Under the rule before this step ("<5" for 1–4 children, "x" for a complement, one equation at
a time), the attacker of the issue recovered both children of the example below exactly, and
that neither has a birth certificate; on random tables like those drawn here, about one in
eight had a "<5" cell recovered exactly.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layak.core.profil_anak.audit import audit
from layak.core.profil_anak.cells import table
from layak.core.profil_anak.disclosure import THRESHOLD, WIDTH, primary, protect_profile
from layak.core.profil_anak.display import display, published_keys
from layak.core.profil_anak.model import Cell, DisabilityCell
from layak.core.profil_anak.summary import Place, Profile, summarise
from tests.support.examples import examples

REGION = Place("18.72", "Kota Metro")
KECAMATAN = {
    "18.72.01": "Metro Pusat",
    "18.72.02": "Metro Utara",
    "18.72.03": "Metro Barat",
    "18.72.04": "Metro Timur",
    "18.72.05": "Metro Selatan",
}
UTARA, TIMUR = "18.72.02.1001", "18.72.04.1001"


def _places(kecamatan: dict[str, str], per: int) -> tuple[dict[str, Place], dict[str, Place]]:
    districts = {code: Place(code, name) for code, name in kecamatan.items()}
    villages = {
        f"{code}.{1001 + i}": Place(f"{code}.{1001 + i}", f"{name} {i + 1}", code)
        for code, name in kecamatan.items()
        for i in range(per)
    }
    return villages, districts


def _exact_audit_of_what_is_published(profile: Profile):  # type: ignore[no-untyped-def]
    """What an attacker gets: every cell the public Display lets a reader know, and HiGHS."""
    cells, protection = protect_profile(profile)
    shown = published_keys(display(profile, protection.hidden)) & set(cells.values)
    return cells, protection, audit(cells, set(cells.values) - shown, WIDTH)


def attack_profile() -> Profile:
    """The issue's extract: one girl aged 3 in Metro Utara and one boy aged 7 in Metro Timur,
    neither with a birth certificate or a KIA; 30, 25 and 40 children in the other kecamatan,
    all with both documents; 97 in all."""
    villages, districts = _places(KECAMATAN, 2)
    cells = [
        Cell(UTARA, "P", 3, 3, 1, akta=0, kia=0),
        Cell(TIMUR, "L", 7, 7, 1, akta=0, kia=0),
    ]
    for code, n in (("18.72.01.1001", 30), ("18.72.03.1001", 25), ("18.72.05.1001", 40)):
        for i in range(n):
            sex = "L" if i % 2 else "P"
            cells.append(Cell(code, sex, i % 18, i % 18, 1, akta=1, kia=1))  # type: ignore[arg-type]
    merged: dict[tuple[str, str, int], list[int]] = {}
    for c in cells:
        bucket = merged.setdefault((c.village, c.sex, c.age_low), [0, 0, 0])
        bucket[0] += c.children
        bucket[1] += c.akta or 0
        bucket[2] += c.kia or 0
    cells = [
        Cell(v, s, a, a, n, akta=k, kia=i)  # type: ignore[arg-type]
        for (v, s, a), (n, k, i) in merged.items()
    ]
    return summarise(2025, REGION, villages, districts, cells)


def test_the_two_children_of_the_issue_cannot_be_worked_out() -> None:
    profile = attack_profile()
    assert profile.region.children == 97
    _cells, protection, result = _exact_audit_of_what_is_published(profile)
    assert protection.passed
    assert result.passed, {k: result.ranges[k] for k in result.failing}
    for place in (UTARA, "18.72.02", TIMUR, "18.72.04"):
        children = result.ranges[("n", place, "")]
        assert children.values is None or children.values >= WIDTH, (place, children)
        for document in ("akta", "kia"):
            # "Neither child has an akta" is no longer readable: the count without one could
            # be anything from 0 up.
            without = result.ranges[("w", document, place)]
            assert without.low == 0
            assert without.values is None or without.values >= WIDTH
    # The region's 97 children are still published; the two kecamatan are not.
    shown = display(profile, protection.hidden)
    assert shown.region.children.value == 97
    utara = next(r for r in shown.by_kecamatan if r.code == "18.72.02")
    assert utara.children.state == "hidden"
    assert utara.akta.state == "hidden"


def test_a_table_without_small_cells_withholds_nothing() -> None:
    villages, districts = _places({"18.72.01": "Metro Pusat"}, 2)
    cells = [
        Cell(code, sex, age, age, 6, akta=5, kia=0)  # type: ignore[arg-type]
        for code in villages
        for sex in ("L", "P")
        for age in range(18)
    ]
    profile = summarise(2025, REGION, villages, districts, cells)
    _, protection = protect_profile(profile)
    assert protection.hidden == frozenset()
    assert display(profile, protection.hidden).withheld == 0


@st.composite
def small_profiles(draw: st.DrawFn) -> Profile:
    """Tables shaped like the product's: 1–3 kecamatan of 1–3 kelurahan, children by sex and
    single year or age group with many zeros and small counts, documents, disabilities."""
    kecamatan = {f"18.72.0{i + 1}": f"Kecamatan {i + 1}" for i in range(draw(st.integers(1, 3)))}
    villages, districts = _places(kecamatan, draw(st.integers(1, 3)))
    single = draw(st.booleans())
    ages = [(a, a) for a in range(18)] if single else [(0, 4), (5, 9), (10, 14), (15, 17)]
    count = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 30))
    cells: list[Cell] = []
    for code in villages:
        for sex in ("L", "P"):
            for low, high in ages:
                n = draw(count) if draw(st.integers(0, 3)) == 0 else 0
                if n:
                    akta = draw(st.integers(0, n))
                    kia = draw(st.integers(0, n))
                    cells.append(Cell(code, sex, low, high, n, akta=akta, kia=kia))  # type: ignore[arg-type]
    if not cells:
        cells.append(Cell(next(iter(villages)), "P", 0, 0 if single else 4, 2, akta=1, kia=0))
    # As the importers allow: at most the children of that kelurahan and sex, per kind.
    have: dict[tuple[str, str], int] = {}
    for c in cells:
        have[(c.village, c.sex)] = have.get((c.village, c.sex), 0) + c.children
    disabilities = [
        DisabilityCell(village, sex, kind, draw(st.integers(1, n)))  # type: ignore[arg-type]
        for kind in draw(st.lists(st.sampled_from(["Fisik", "Netra", "Rungu"]), unique=True))
        for (village, sex), n in sorted(have.items())[: draw(st.integers(1, 2))]
    ]
    return summarise(2025, REGION, villages, districts, cells, disabilities)


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(small_profiles())
def test_no_withheld_cell_is_pinned_or_narrowed_on_random_tables(profile: Profile) -> None:
    cells, protection, result = _exact_audit_of_what_is_published(profile)
    assert protection.passed
    assert primary(cells) <= protection.hidden
    for key, found in result.ranges.items():
        assert found.exact
        assert found.high is None or found.high > found.low, (key, found)  # never pinned
        assert found.holds(WIDTH), (key, found)
    # Every small count is withheld, and every zero count is shown.
    for key, value in cells.values.items():
        if 0 < value < THRESHOLD:
            assert key in protection.hidden
        if value == 0 and key[0] in ("n", "g", "a", "d"):
            assert key not in protection.hidden


def test_the_model_holds_the_true_table() -> None:
    cells = table(attack_profile())
    for form, low, high in cells.rows:
        activity = sum(coef * cells.truth[var] for var, coef in form.items())
        assert low <= activity <= high
    for key, var in cells.cell_var.items():
        assert cells.truth[var] == cells.values[key]
