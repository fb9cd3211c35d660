"""The public page's chart: the score of each part, as SVG written on the server.

The dashboard's `web.charts.parts_chart` draws three series (claimed, projected, verified) in a
640-unit view; the public page shows one figure per part and is read on phones, so this chart
keeps the web charts' colours and conventions (a <title> and <desc>, numbers written next to
their bars, no script) in a 420-unit view with the part's name on its own line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString

from layak.core.figures import PartFigure
from layak.web.charts import INK, PROJECTED, TRACK, svg_close, svg_open

WIDTH = 420
ROW = 50


def part_scores(
    parts: Sequence[PartFigure],
    number: Callable[[float], str],
    title: str,
    description: str,
) -> SafeString:
    """One row per part: its name and "score / maximum" above a bar on a track of the maximum."""
    height = ROW * len(parts) + 4
    out = svg_open("skor", WIDTH, height, title, description)
    for i, part in enumerate(parts):
        y = 4 + i * ROW
        share = part.score / part.max if part.max else 0.0
        out.append(
            f'<text x="0" y="{y + 16}" font-size="16" fill="{INK}">'
            f"{escape(part.name.split(' — ')[0])}</text>"
            f'<text x="{WIDTH}" y="{y + 16}" font-size="16" fill="{INK}" text-anchor="end">'
            f"{escape(number(part.score))} / {escape(number(part.max))}</text>"
            f'<rect x="0" y="{y + 24}" width="{WIDTH}" height="14" fill="{TRACK}" rx="2"/>'
            f'<rect x="0" y="{y + 24}" width="{WIDTH * min(share, 1.0):.1f}" height="14" '
            f'fill="{PROJECTED}" rx="2"/>'
        )
    return svg_close(out)
