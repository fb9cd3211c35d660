"""Public mode of the hand-made Kota Metro profile: the disclosure step withholds Margodadi's 3
girls and whatever would give them back, with one marker, and the exact audit of what the
public Display shows finds no withheld cell narrower than five values."""

from __future__ import annotations

from layak.core.profil_anak.audit import audit
from layak.core.profil_anak.disclosure import WIDTH, protect_profile
from layak.core.profil_anak.display import Shown, display, published_keys
from tests.profil_web.profilweb_support import MARGODADI, grouped_profile, metro_profile


def _row(rows: tuple, code: str):  # type: ignore[no-untyped-def,type-arg]
    return next(r for r in rows if r.code == code)


def test_internal_mode_shows_everything() -> None:
    shown = display(metro_profile())
    margodadi = _row(shown.by_kelurahan, MARGODADI)
    assert margodadi.children == Shown(3)
    assert margodadi.female == Shown(3)
    assert margodadi.akta == Shown(0.0)
    assert shown.withheld == 0
    assert not shown.public


def test_margodadi_reads_the_one_marker_and_its_zero_stays() -> None:
    _, protection = protect_profile(metro_profile())
    shown = display(metro_profile(), protection.hidden)
    margodadi = _row(shown.by_kelurahan, MARGODADI)
    assert margodadi.children.state == margodadi.female.state == "hidden"
    assert margodadi.children.value is None  # the number never travels with the marker
    assert margodadi.male == Shown(0)  # zeros are always shown (docs/disclosure.md)
    assert margodadi.akta.state == margodadi.kia.state == "hidden"
    states = {c.state for r in shown.by_kelurahan for c in (r.children, r.male, r.female)}
    assert states <= {"shown", "hidden"}  # no "small" any more: one marker
    assert shown.withheld > 0


def test_the_exact_audit_of_what_the_public_display_shows_passes() -> None:
    profile = metro_profile()
    cells, protection = protect_profile(profile)
    assert protection.passed
    shown = published_keys(display(profile, protection.hidden))
    withheld = set(cells.values) - shown
    result = audit(cells, withheld, WIDTH)  # every extreme, solved exactly
    assert result.passed, {k: result.ranges[k] for k in result.failing}
    margodadi = result.ranges[("n", MARGODADI, "")]
    assert margodadi.low == 1
    assert margodadi.values is None or margodadi.values >= WIDTH


def test_no_lagging_row_names_a_withheld_place() -> None:
    _, protection = protect_profile(metro_profile())
    shown = display(metro_profile(), protection.hidden)
    assert shown.lagging
    for lag in shown.lagging:
        assert ("n", lag.code, "") not in protection.hidden
        assert ("c", lag.document, lag.code) not in protection.hidden
        assert lag.percent.is_shown
        assert lag.children_without.is_shown


def test_three_deaf_boys_are_withheld_and_cannot_be_worked_out() -> None:
    profile = metro_profile()
    _cells, protection = protect_profile(profile)
    shown = display(profile, protection.hidden)
    _, tunarungu = shown.disabilities
    assert tunarungu.male.state == "hidden"
    assert tunarungu.female == Shown(0)
    assert tunarungu.total.state == "hidden"  # else the total gives the 3 boys back
    assert protection.audit.ranges[("d", "Tunarungu", "L")].holds(WIDTH)


def test_groups_only_draw_a_pyramid_of_four_bars() -> None:
    shown = display(grouped_profile())
    assert not shown.single_years
    assert [bar.label for bar in shown.pyramid] == ["15-17", "10-14", "5-9", "0-4"]
    assert display(metro_profile()).pyramid[0].label == "17"
