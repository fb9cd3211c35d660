"""Profil Anak charts as SVG written on the server: the same markup in the page and the PDF.

The conventions of `layak.web.charts`: no JavaScript, no external assets, a <title> and <desc>
for screen readers, every number written next to its bar so colour never carries meaning alone.
Legends are HTML next to the chart (`legend`), not text inside the SVG: an SVG shrinks with the
screen, page text does not, so the legend stays readable on a phone. The viewBoxes are narrow
(420 units) for the same reason: on a 390 px phone the numbers inside shrink by a fifth only.

Counts arrive as `Shown` cells (layak.core.profil_anak.display), so a withheld cell draws no bar
and writes its mark ("x") instead of a number.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from layak.core.profil_anak.display import AgeBar, DisabilityRow, Shown
from layak.web.charts import svg_close, svg_open

INK = "#1b2733"
MUTED = "#5b6875"
GRID = "#e4e8ec"
MALE = "#1f5f99"
FEMALE = "#b5487a"
ABOVE = "#1d7a46"  # at or above the region's rate
BELOW = "#b3541e"  # below it
WITHHELD = "#8a96a3"
WIDTH = 420
FONTS = "DejaVu Sans, Verdana, sans-serif"  # DejaVu first, as in the PDF (profil/pdf.html)

Text = Callable[[Shown], str]


def _value(cell: Shown) -> float:
    return float(cell.value) if cell.is_shown and cell.value is not None else 0.0


def _row_label(name: str, limit: int, right: float, baseline: float, size: float) -> str:
    """A bar's name ending at `right`, cut to `limit` characters so it stays clear of the bar."""
    shown = name if len(name) <= limit else name[: limit - 1] + "…"
    return (
        f'<text x="{right}" y="{baseline:.1f}" font-size="{size}" '
        f'text-anchor="end" fill="{INK}">{escape(shown)}</text>'
    )


def pyramid(
    bars: Sequence[AgeBar],
    text: Text,
    labels: tuple[str, str, str],
    title: str,
    description: str,
    ident: str = "piramida",
) -> SafeString:
    """Boys to the left, girls to the right, the oldest at the top; `labels` are the headings
    of the left side, the middle (age) column and the right side."""
    single = len(bars) > 8
    row = 21 if single else 40
    bar_height = 16 if single else 30
    top = 32
    middle = 40 if single else 64  # "15–17" needs more room than "17"
    side = (WIDTH - middle) / 2
    room = side - 54  # space for the number at the end of the longest bar
    scale = max((max(_value(b.male), _value(b.female)) for b in bars), default=0.0) or 1.0
    centre = WIDTH / 2
    height = top + row * len(bars) + 6
    left_label, middle_label, right_label = labels
    # Each side's heading over the middle of its bars, the age heading over the ages.
    left_x, right_x = centre - middle / 2 - room / 2, centre + middle / 2 + room / 2
    out = svg_open(ident, WIDTH, height, title, description, FONTS)
    out.append(
        f'<text x="{left_x:.1f}" y="18" font-size="16" font-weight="bold" '
        f'text-anchor="middle" fill="{MALE}">{escape(left_label)}</text>'
        f'<text x="{centre:.1f}" y="18" font-size="13" text-anchor="middle" '
        f'fill="{MUTED}">{escape(middle_label)}</text>'
        f'<text x="{right_x:.1f}" y="18" font-size="16" font-weight="bold" '
        f'text-anchor="middle" fill="{FEMALE}">{escape(right_label)}</text>'
    )
    font = 14 if single else 15
    for i, bar in enumerate(bars):
        y = top + i * row
        baseline = y + bar_height / 2 + font * 0.36
        out.append(
            f'<text x="{centre:.1f}" y="{baseline:.1f}" font-size="{font}" '
            f'text-anchor="middle" fill="{INK}">{escape(bar.label.replace("-", "–"))}</text>'
        )
        for cell, colour, direction in ((bar.male, MALE, -1), (bar.female, FEMALE, 1)):
            length = room * _value(cell) / scale
            edge = centre + direction * middle / 2
            x = edge - length if direction < 0 else edge
            if length > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                    f'fill="{colour}"/>'
                )
            end = edge + direction * (length + 4)
            anchor = "end" if direction < 0 else "start"
            fill = INK if cell.is_shown else WITHHELD
            out.append(
                f'<text x="{end:.1f}" y="{baseline:.1f}" font-size="{font}" '
                f'text-anchor="{anchor}" fill="{fill}">{escape(text(cell))}</text>'
            )
    return svg_close(out)


@dataclass(frozen=True)
class CoverageBar:
    name: str
    rate: Shown  # a percentage


def coverage_bars(
    bars: Sequence[CoverageBar],
    region_rate: Shown,
    text: Text,
    region_label: str,
    title: str,
    description: str,
    ident: str,
) -> SafeString:
    """One bar per place from 0 to 100%; a dashed line at the region's rate. Bars below that
    line are drawn in the warning colour; the numbers stand in their own column at the right,
    clear of the bars and the line."""
    label_width, value_width, row, bar_height = 136, 64, 24, 16
    top, bottom = 34, 22
    plot = WIDTH - label_width - value_width
    height = top + row * len(bars) + bottom

    def x(percent: float) -> float:
        return label_width + plot * min(max(percent, 0.0), 100.0) / 100

    out = svg_open(ident, WIDTH, height, title, description, FONTS)
    grid_bottom = top + row * len(bars)
    for tick in (0, 25, 50, 75, 100):
        out.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 4}" y2="{grid_bottom}" '
            f'stroke="{GRID}"/>'
            f'<text x="{x(tick):.1f}" y="{grid_bottom + 15}" font-size="11" '
            f'text-anchor="middle" fill="{MUTED}">{tick}%</text>'
        )
    reference = region_rate.value if region_rate.is_shown else None
    for i, bar in enumerate(bars):
        y = top + i * row
        baseline = y + bar_height / 2 + 4.5
        out.append(_row_label(bar.name, 18, label_width - 6, baseline, 13))
        if bar.rate.is_shown and bar.rate.value is not None:
            below = reference is not None and bar.rate.value < reference
            out.append(
                f'<rect x="{label_width}" y="{y}" width="{x(bar.rate.value) - label_width:.1f}" '
                f'height="{bar_height}" fill="{BELOW if below else ABOVE}"/>'
            )
        out.append(
            f'<text x="{WIDTH - 2}" y="{baseline:.1f}" font-size="13" text-anchor="end" '
            f'fill="{INK if bar.rate.is_shown else WITHHELD}">{escape(text(bar.rate))}</text>'
        )
    if reference is not None:
        rx = x(reference)
        # The label sits on the roomier side of the line.
        anchor = "end" if reference > 50 else "start"
        label_x = rx - 4 if anchor == "end" else rx + 4
        out.append(
            f'<line x1="{rx:.1f}" x2="{rx:.1f}" y1="{top - 12}" y2="{grid_bottom + 2}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/>'
            f'<text x="{label_x:.1f}" y="{top - 16}" font-size="13" font-weight="bold" '
            f'text-anchor="{anchor}" fill="{INK}">'
            f"{escape(region_label)} {escape(text(region_rate))}</text>"
        )
    return svg_close(out)


def disability_bars(
    rows: Sequence[DisabilityRow],
    text: Text,
    title: str,
    description: str,
    ident: str = "disabilitas",
) -> SafeString:
    """One stacked bar per kind: boys then girls, the total at the end. A kind whose split is
    withheld draws its total in grey; one whose total is withheld draws no bar."""
    label_width, value_width, row, bar_height, top = 140, 48, 28, 19, 6
    plot = WIDTH - label_width - value_width
    height = top + row * max(len(rows), 1) + 4
    scale = max((_value(r.total) for r in rows), default=0.0) or 1.0
    out = svg_open(ident, WIDTH, height, title, description, FONTS)
    for i, item in enumerate(rows):
        y = top + i * row
        baseline = y + bar_height / 2 + 4.5
        out.append(_row_label(item.kind, 19, label_width - 6, baseline, 13.5))
        end = float(label_width)
        if item.male.is_shown and item.female.is_shown:
            for cell, colour in ((item.male, MALE), (item.female, FEMALE)):
                length = plot * _value(cell) / scale
                if length > 0:
                    out.append(
                        f'<rect x="{end:.1f}" y="{y}" width="{length:.1f}" '
                        f'height="{bar_height}" fill="{colour}"/>'
                    )
                end += length
        elif item.total.is_shown:
            length = plot * _value(item.total) / scale
            out.append(
                f'<rect x="{end:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" '
                f'fill="{WITHHELD}"/>'
            )
            end += length
        out.append(
            f'<text x="{end + 4:.1f}" y="{baseline:.1f}" font-size="13" '
            f'fill="{INK if item.total.is_shown else WITHHELD}">{escape(text(item.total))}</text>'
        )
    return svg_close(out)


def legend(items: Sequence[tuple[str, str]], dashed: str = "") -> SafeString:
    """An HTML legend: a colour swatch and its words per item, and optionally a dashed line
    (the region's rate). Page text, so it keeps its size on a phone."""
    parts = ['<ul class="legend">']
    for colour, label in items:
        parts.append(
            '<li><svg width="14" height="14" aria-hidden="true" '
            f'xmlns="http://www.w3.org/2000/svg"><rect width="14" height="14" fill="{colour}"/>'
            f"</svg> {escape(label)}</li>"
        )
    if dashed:
        parts.append(
            '<li><svg width="22" height="14" aria-hidden="true" '
            f'xmlns="http://www.w3.org/2000/svg"><line x1="0" x2="22" y1="7" y2="7" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="5 3"/></svg> '
            f"{escape(dashed)}</li>"
        )
    parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - labels are escaped
