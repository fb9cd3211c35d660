"""The Profil Anak charts and number formats (no database): accessible SVG, withheld cells
drawn as marks, numbers written the reader's way."""

from __future__ import annotations

import re

from django.utils import translation

from layak.core.messages import msg
from layak.core.profil_anak.display import Shown, display
from layak.profil import charts
from layak.profil.queries import present
from tests.profil_web.profilweb_support import grouped_profile, metro_profile, public_display


def test_numbers_are_written_the_readers_way() -> None:
    with translation.override("id"):
        assert present.number(60837) == "60.837"
        assert present.percent(89.6) == "89,60%"
        assert present.cell(Shown(None, "hidden")) == "x"
        assert present.cell(Shown(None, "none")) == "—"
        message = msg("profil.support.covered_of", covered=54516, of=60837)
        assert present.render_message(message) == "54.516 dari 60.837 anak"
        year = msg("profil.support.akta_coverage", year=2025)
        assert present.render_message(year) == "Cakupan akta kelahiran anak 2025"
    with translation.override("en"):
        assert present.number(60837) == "60,837"
        assert present.percent(89.6) == "89.60%"


def test_every_chart_is_an_accessible_image_without_script() -> None:
    with translation.override("id"):
        context = present.profile_context(metro_profile(), public_display())
    charts_only = ("pyramid", "kecamatan", "kelurahan", "disabilities")  # not legends, captions
    svgs = [str(v) for k, v in context["charts"].items() if k.endswith(charts_only) and v]
    assert len(svgs) == 6  # pyramid, disabilities, akta and KIA per kecamatan and kelurahan
    for svg in svgs:
        assert svg.startswith("<svg")
        assert 'role="img"' in svg
        ident = re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', svg)
        assert ident, svg[:200]
        assert f'<title id="{ident.group(1)}-title">' in svg
        assert "<script" not in svg
        assert "href" not in svg
    ids = [re.search(r'<title id="([\w-]+)"', s).group(1) for s in svgs]  # type: ignore[union-attr]
    assert len(set(ids)) == len(ids)  # unique on one page


def test_withheld_cells_draw_no_bar_but_their_mark() -> None:
    shown = public_display()
    bars = [charts.CoverageBar(r.name, r.akta) for r in shown.by_kelurahan]
    svg = str(
        charts.coverage_bars(
            bars, shown.region.akta, present.percent_text, "Kota Metro", "t", "d", ident="c"
        )
    )
    withheld = sum(1 for r in shown.by_kelurahan if not r.akta.is_shown)
    assert withheld >= 2  # Margodadi and at least one complement
    assert svg.count("<rect") == 22 - withheld
    assert re.search(r">x</text>", svg)
    assert "stroke-dasharray" in svg  # the region's rate


def test_the_pyramid_has_a_row_per_age_or_per_group() -> None:
    single = display(metro_profile())
    grouped = display(grouped_profile())
    labels = ("L", "Umur", "P")
    one = str(charts.pyramid(single.pyramid, present.count_text, labels, "t", "d"))
    four = str(charts.pyramid(grouped.pyramid, present.count_text, labels, "t", "d"))
    assert one.count("<rect") == 36  # 18 ages x 2 sexes
    assert four.count("<rect") == 8
    assert ">15–17<" in four


def test_the_legend_is_page_text() -> None:
    html = str(charts.legend([(charts.MALE, "Laki-laki (L)")], dashed="Kota Metro <kota>"))
    assert html.startswith('<ul class="legend">')
    assert "Laki-laki (L)" in html
    assert "&lt;kota&gt;" in html  # escaped
