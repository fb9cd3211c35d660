"""The distribution of predicates as SVG bars, in the conventions of `layak.web.charts`: a
<title> and <desc>, every number written next to its bar, no script, text escaped."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString

from layak.web.charts import BAND_COLOURS, INK, MUTED, PROJECTED, TRACK, svg_close, svg_open


def predicate_bars(counts: Sequence[tuple[str, int]], title: str, description: str) -> SafeString:
    """One column per predicate (the first column: below the lowest band), height = regions."""
    width, height, top, bottom = 640, 220, 24, 40
    plot = height - top - bottom
    slot = width / max(len(counts), 1)
    biggest = max((n for _label, n in counts), default=0) or 1
    out = [
        *svg_open("dist", width, height, title, description),
        f'<line x1="0" x2="{width}" y1="{top + plot}" y2="{top + plot}" stroke="{TRACK}"/>',
    ]
    for i, (label, n) in enumerate(counts):
        bar = plot * n / biggest
        x = i * slot + slot * 0.2
        colour = PROJECTED if i else MUTED
        edge = BAND_COLOURS[(i - 1) % len(BAND_COLOURS)] if i else TRACK
        out.append(
            f'<rect x="{x:.1f}" y="{top + plot - bar:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{bar:.1f}" fill="{colour}" stroke="{edge}" rx="2"/>'
            f'<text x="{i * slot + slot / 2:.1f}" y="{top + plot - bar - 6:.1f}" font-size="13" '
            f'text-anchor="middle" fill="{INK}">{n}</text>'
            f'<text x="{i * slot + slot / 2:.1f}" y="{height - 16}" font-size="13" '
            f'text-anchor="middle" fill="{INK}">{escape(label)}</text>'
        )
    return svg_close(out)
