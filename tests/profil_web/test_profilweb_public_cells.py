"""Public mode: every count and rate of a Profil Anak passes the small-cell rules, and a
withheld cell cannot be recomputed from one published sum (layak.core.profil_anak.display)."""

from __future__ import annotations

from profilweb_support import MARGODADI, grouped_profile, metro_profile

from layak.core.profil_anak.display import Shown, display, protect


def _row(rows: tuple, code: str):  # type: ignore[no-untyped-def,type-arg]
    return next(r for r in rows if r.code == code)


def test_internal_mode_shows_everything() -> None:
    shown = display(metro_profile())
    margodadi = _row(shown.by_kelurahan, MARGODADI)
    assert margodadi.children == Shown(3)
    assert margodadi.female == Shown(3)
    assert margodadi.akta == Shown(0.0)
    assert shown.withheld == 0


def test_a_kelurahan_with_three_children_is_withheld_as_small() -> None:
    shown = display(metro_profile(), public=True)
    margodadi = _row(shown.by_kelurahan, MARGODADI)
    assert margodadi.children.state == "small"
    assert margodadi.female.state == "small"
    assert margodadi.male == Shown(0)  # a zero tells nothing about a child
    assert margodadi.akta.state == margodadi.kia.state == "hidden"
    assert margodadi.parent == "Metro Selatan"


def test_the_kecamatan_total_does_not_give_the_small_cell_back() -> None:
    shown = display(metro_profile(), public=True)
    selatan = [r for r in shown.by_kelurahan if r.code.startswith("18.72.05.")]
    withheld = [r.name for r in selatan if not r.children.is_shown]
    assert len(withheld) == 2, withheld  # Margodadi and one complement
    assert _row(shown.by_kecamatan, "18.72.05").children == Shown(597)
    for row in (*shown.by_kelurahan, *shown.by_kecamatan, shown.region):
        row_cells = (row.children, row.male, row.female)
        assert sum(not c.is_shown for c in row_cells) != 1, row


def test_rates_leaving_few_children_are_withheld() -> None:
    shown = display(metro_profile(), public=True)
    assert shown.region.akta == Shown(92.13)
    lag = next(r for r in shown.lagging if r.code == MARGODADI and r.document == "akta")
    assert lag.children_without.state == "small"
    assert lag.percent.state == "hidden"


def test_disabilities_keep_the_split_and_the_total_consistent() -> None:
    shown = display(metro_profile(), public=True)
    fisik, tunarungu = shown.disabilities
    assert tunarungu.male.state == "small"
    assert tunarungu.female == Shown(0)
    assert shown.disability_total == Shown(16)
    assert not fisik.total.is_shown  # else 16 - 13 = 3 gives Tunarungu back
    assert sum(not c.is_shown for c in (fisik.male, fisik.female, fisik.total)) >= 2


def test_groups_only_draw_a_pyramid_of_four_bars() -> None:
    shown = display(grouped_profile())
    assert not shown.single_years
    assert [bar.label for bar in shown.pyramid] == ["15-17", "10-14", "5-9", "0-4"]
    assert display(metro_profile()).pyramid[0].label == "17"


def test_protect_hides_the_smallest_other_cell_of_a_sum() -> None:
    values = {("n", "t", ""): 20, ("n", "a", ""): 3, ("n", "b", ""): 0, ("n", "c", ""): 17}
    parts = (("n", "a", ""), ("n", "b", ""), ("n", "c", ""))
    hidden = protect(values, [(("n", "t", ""), parts)], {("n", "a", "")})
    # A non-zero complement is preferred: the 17 goes, not the 0.
    assert hidden == {("n", "a", ""), ("n", "c", "")}
