"""Charts as SVG written on the server: the same markup in pages and (later) in PDF reports.

No JavaScript and no external assets; every chart carries a title and a text description for
screen readers, and colours are paired with patterns of position and labels so colour is never
the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from layak.core.instrument import Band
from layak.core.numbers import localise_number, localise_points
from layak.web.errors import request_lang

INK = "#1b2733"
MUTED = "#5b6875"
TRACK = "#e4e8ec"
CLAIMED = "#9cc3e6"
CLAIMED_MARK = "#5b9bd5"  # the same series as a dot on a light background
PROJECTED = "#1f5f99"
VERIFIED = "#1d7a46"
BAND_COLOURS = ("#f3efe2", "#e8f0e0", "#dcebdc", "#cfe3d6", "#bfd9cd")


def svg_open(
    ident: str, width: float, height: float, title: str, description: str, font_family: str = ""
) -> list[str]:
    """A chart's opening: its title and description, read out by screen readers, named by
    `ident` (unique on the page); `font_family` where the chart names its own fonts."""
    font = f' font-family="{font_family}"' if font_family else ""
    return [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg"{font}>',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
    ]


def svg_close(out: list[str]) -> SafeString:
    """The chart drawn in `out`, every text in which its drawer escaped."""
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - the drawers escape every text


def _number(value: float) -> str:
    """Labels in the reader's way, so that a chart says what the page around it says."""
    return localise_points(value, request_lang())


def _series_names() -> tuple[str, str, str]:
    """The legend's names of a part's three figures, in the reader's language."""
    return _("mandiri"), _("proyeksi terverifikasi"), _("terverifikasi")


def _verified_mark(x: float, top: int, bottom: int) -> str:
    """The verified score of a part: an upright line across its bar."""
    return (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" '
        f'stroke="{VERIFIED}" stroke-width="3"/>'
    )


@dataclass(frozen=True)
class PartBar:
    code: str
    name: str
    maximum: float
    claimed: float
    projected: float
    verified: float | None = None


def parts_chart(bars: Sequence[PartBar], title: str, description: str) -> SafeString:
    """One row per part: the track is the maximum, light = claimed, dark = projected verified."""
    width, label_width, row = 640, 130, 34
    plot = width - label_width - 110
    height = row * len(bars) + 30
    out = svg_open("parts", width, height, title, description)
    scale = max((b.maximum for b in bars), default=1) or 1
    for i, bar in enumerate(bars):
        y = 8 + i * row
        full = plot * bar.maximum / scale
        out.append(
            f'<text x="0" y="{y + 15}" font-size="12" fill="{INK}">'
            f"{escape(bar.name.split(' — ')[0])}</text>"
        )
        out.append(
            f'<rect x="{label_width}" y="{y}" width="{full:.1f}" height="20" '
            f'fill="{TRACK}" rx="2"/>'
        )
        out.append(
            f'<rect x="{label_width}" y="{y}" width="{plot * bar.claimed / scale:.1f}" '
            f'height="20" fill="{CLAIMED}" rx="2"/>'
        )
        out.append(
            f'<rect x="{label_width}" y="{y + 5}" '
            f'width="{plot * bar.projected / scale:.1f}" height="10" fill="{PROJECTED}"/>'
        )
        if bar.verified is not None:
            out.append(_verified_mark(label_width + plot * bar.verified / scale, y - 2, y + 22))
        out.append(
            f'<text x="{label_width + full + 6:.1f}" y="{y + 15}" font-size="12" '
            f'fill="{MUTED}">{_number(bar.claimed)}/{_number(bar.maximum)}</text>'
        )
    legend_y = height - 8
    claimed, projected, verified = _series_names()
    out.append(
        f'<rect x="{label_width}" y="{legend_y - 9}" width="12" height="10" '
        f'fill="{CLAIMED}"/><text x="{label_width + 16}" y="{legend_y}" font-size="11" '
        f'fill="{INK}">{escape(claimed)}</text>'
    )
    # Spaced for the longer of the two languages ("self-assessed", "proyeksi terverifikasi").
    out.append(
        f'<rect x="{label_width + 100}" y="{legend_y - 7}" width="12" height="6" '
        f'fill="{PROJECTED}"/><text x="{label_width + 116}" y="{legend_y}" font-size="11" '
        f'fill="{INK}">{escape(projected)}</text>'
    )
    out.append(
        f'<line x1="{label_width + 260}" x2="{label_width + 260}" y1="{legend_y - 10}" '
        f'y2="{legend_y + 1}" stroke="{VERIFIED}" stroke-width="3"/>'
        f'<text x="{label_width + 266}" y="{legend_y}" font-size="11" fill="{INK}">'
        f"{escape(verified)}</text>"
    )
    return svg_close(out)


@dataclass(frozen=True)
class _BandSpan:
    band: Band
    start: float
    end: float
    colour: str


def _band_axis(
    bands: Sequence[Band], maximum: float, left: float, right: float
) -> tuple[list[_BandSpan], Callable[[float], float]]:
    """Where each band lies on the scale, and the x position of a score, from 400 points (below
    every predicate) to the top of the last band, clamped at both ends. A band reaches the next
    one's lower bound; the last reaches the end of the scale."""
    low = 400.0
    high = max(maximum, *(b.max_points for b in bands)) if bands else maximum

    def x(value: float) -> float:
        clamped = min(max(value, low), high)
        return left + (right - left) * (clamped - low) / (high - low)

    spans = [
        _BandSpan(
            band,
            x(band.min_points),
            x(band.max_points + 1 if i < len(bands) - 1 else high),
            BAND_COLOURS[i % len(BAND_COLOURS)],
        )
        for i, band in enumerate(bands)
    ]
    return spans, x


def _target_line(x: float, top: int, bottom: int) -> str:
    """The target predicate's lower bound on the band scale: a dashed upright line."""
    return (
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" '
        f'stroke="{INK}" stroke-dasharray="4 3" stroke-width="2"/>'
    )


def _score_dot(x: float, y: int, colour: str) -> str:
    """A score on the band scale: a dot ringed in white, so close dots stay apart."""
    return f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{colour}" stroke="#fff" stroke-width="2"/>'


def band_scale(
    bands: Sequence[Band],
    markers: Sequence[tuple[str, float, str]],
    target: float | None,
    title: str,
    description: str,
    maximum: float = 1000,
) -> SafeString:
    """The predicate bands from 400 up; each score is a dot on the scale and a legend line.

    Dots sit at slightly different heights so close scores stay apart, and the numbers live in
    the legend, so labels never collide.
    """
    width, left, right = 640, 10, 630
    height = 74 + 18 * len(markers)
    spans, x = _band_axis(bands, maximum, left, right)

    out = svg_open("band", width, height, title, description)
    for span in spans:
        start, end, band = span.start, span.end, span.band
        out.append(
            f'<rect x="{start:.1f}" y="24" width="{end - start:.1f}" height="30" '
            f'fill="{span.colour}" stroke="#fff"/>'
        )
        out.append(
            f'<text x="{(start + end) / 2:.1f}" y="16" font-size="12" '
            f'text-anchor="middle" fill="{INK}">{escape(band.name)} '
            f"{localise_number(band.min_points, request_lang())}</text>"
        )
    if target is not None:
        out.append(_target_line(x(target), 20, 58))
    for i, (label, value, colour) in enumerate(markers):
        out.append(_score_dot(x(value), 32 + 7 * i, colour))
        y = 80 + 18 * i
        out.append(
            f'<circle cx="{left + 6}" cy="{y - 4}" r="6" fill="{colour}"/>'
            f'<text x="{left + 18}" y="{y}" font-size="13" fill="{INK}">'
            f"{escape(label)}: {_number(value)}</text>"
        )
    return svg_close(out)


# Phone variants (the dashboard shows them below 640 px, see layak.css): drawn 360 units wide, so
# on a 360–390 px screen a unit is about a pixel and the text stays 12–14 px, where the wide
# charts (640 units) would shrink it to about 6 px.
PHONE_WIDTH = 360


def parts_chart_phone(bars: Sequence[PartBar], title: str, description: str) -> SafeString:
    """`parts_chart` for a phone: each part's name and figures on a line above its bar."""
    width, row, bar_top = PHONE_WIDTH, 46, 20
    height = row * len(bars) + 44
    out = svg_open("parts-phone", width, height, title, description)
    scale = max((b.maximum for b in bars), default=1) or 1
    for i, bar in enumerate(bars):
        y = 4 + i * row
        out.append(
            f'<text x="0" y="{y + 14}" font-size="14" fill="{INK}">'
            f"{escape(bar.name.split(' — ')[0])}</text>"
            f'<text x="{width}" y="{y + 14}" font-size="14" text-anchor="end" fill="{MUTED}">'
            f"{_number(bar.claimed)}/{_number(bar.maximum)}</text>"
        )
        top = y + bar_top
        out.append(
            f'<rect x="0" y="{top}" width="{width * bar.maximum / scale:.1f}" height="18" '
            f'fill="{TRACK}" rx="2"/>'
            f'<rect x="0" y="{top}" width="{width * bar.claimed / scale:.1f}" height="18" '
            f'fill="{CLAIMED}" rx="2"/>'
            f'<rect x="0" y="{top + 5}" width="{width * bar.projected / scale:.1f}" height="8" '
            f'fill="{PROJECTED}"/>'
        )
        if bar.verified is not None:
            out.append(_verified_mark(width * bar.verified / scale, top - 2, top + 20))
    legend_y = height - 26
    claimed, projected, verified = _series_names()
    # Two lines: the two bars' names side by side, the verified mark below.
    out.append(
        f'<rect x="0" y="{legend_y - 10}" width="12" height="10" fill="{CLAIMED}"/>'
        f'<text x="16" y="{legend_y}" font-size="13" fill="{INK}">{escape(claimed)}</text>'
        f'<rect x="130" y="{legend_y - 8}" width="12" height="6" fill="{PROJECTED}"/>'
        f'<text x="146" y="{legend_y}" font-size="13" fill="{INK}">{escape(projected)}</text>'
        f'<line x1="6" x2="6" y1="{legend_y + 9}" y2="{legend_y + 21}" stroke="{VERIFIED}" '
        f'stroke-width="3"/><text x="16" y="{legend_y + 20}" font-size="13" fill="{INK}">'
        f"{escape(verified)}</text>"
    )
    return svg_close(out)


def band_scale_phone(
    bands: Sequence[Band],
    markers: Sequence[tuple[str, float, str]],
    target: float | None,
    title: str,
    description: str,
    maximum: float = 1000,
) -> SafeString:
    """`band_scale` for a phone: each band's name above its lower bound, on two lines."""
    width, left, right = PHONE_WIDTH, 2, PHONE_WIDTH - 2
    top = 36
    height = top + 52 + 22 * len(markers)
    spans, x = _band_axis(bands, maximum, left, right)

    out = svg_open("band-phone", width, height, title, description)
    for span in spans:
        middle = (span.start + span.end) / 2
        out.append(
            f'<rect x="{span.start:.1f}" y="{top}" width="{span.end - span.start:.1f}" '
            f'height="30" fill="{span.colour}" stroke="#fff"/>'
            f'<text x="{middle:.1f}" y="13" font-size="13" text-anchor="middle" fill="{INK}">'
            f"{escape(span.band.name)}</text>"
            f'<text x="{middle:.1f}" y="29" font-size="12" text-anchor="middle" fill="{MUTED}">'
            f"{localise_number(span.band.min_points, request_lang())}</text>"
        )
    if target is not None:
        out.append(_target_line(x(target), top - 4, top + 34))
    for i, (label, value, colour) in enumerate(markers):
        y = top + 56 + 22 * i
        out.append(
            _score_dot(x(value), top + 8 + 7 * i, colour)
            + f'<circle cx="8" cy="{y - 5}" r="7" fill="{colour}"/>'
            f'<text x="22" y="{y}" font-size="15" fill="{INK}">{escape(label)}: '
            f"{_number(value)}</text>"
        )
    return svg_close(out)


def meter(percent: float, label: str) -> SafeString:
    """A small progress bar with its number, for completeness tables."""
    value = min(max(percent, 0.0), 100.0)
    colour = VERIFIED if value >= 90 else (PROJECTED if value >= 60 else "#b3541e")
    return mark_safe(  # noqa: S308 - label is escaped
        f'<svg class="meter" viewBox="0 0 100 10" role="img" aria-label="{escape(label)} '
        f'{value:.0f}%" xmlns="http://www.w3.org/2000/svg"><rect width="100" height="10" '
        f'fill="{TRACK}" rx="2"/><rect width="{value:.1f}" height="10" fill="{colour}" rx="2"/>'
        f"</svg>"
    )
