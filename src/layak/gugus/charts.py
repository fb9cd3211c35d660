"""The RAD KLA budget as an SVG bar chart written on the server (conventions of layak.web.charts):
per part, the planned and the realised budget as two bars, the part serving children darker, and
the share written beside each bar, so colour never carries the meaning alone."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from layak.core.numbers import localise_number
from layak.core.rad import BudgetTotals
from layak.web.charts import CLAIMED, INK, MUTED, PROJECTED, TRACK, VERIFIED, svg_close, svg_open
from layak.web.errors import request_lang

CHILD_REALISED = VERIFIED
REALISED_LIGHT = "#a9d4b8"


def _short(value: Decimal) -> str:
    """Rupiah in millions in the reader's way: 1.250,5 jt (English 1,250.5 m)."""
    millions = value / Decimal(1_000_000)
    places = 0 if millions.quantize(Decimal("0.1")) % 1 == 0 else 1
    return _("%(amount)s jt") % {"amount": localise_number(millions, request_lang(), places)}


def _share(value: Decimal | None) -> str:
    return "—" if value is None else f"{localise_number(value, request_lang(), 1)}%"


def budget_chart(
    rows: list[tuple[str, BudgetTotals]], title: str, description: str, chart_id: str = "rad"
) -> SafeString:
    width, label_width, bar, gap = 640, 120, 14, 16
    plot = width - label_width - 150
    row = 2 * bar + gap
    height = row * len(rows) + 44
    scale = max((max(t.planned, t.realised) for _, t in rows), default=Decimal(1)) or Decimal(1)
    out = svg_open(chart_id, width, height, title, description)
    for i, (label, totals) in enumerate(rows):
        y = 6 + i * row
        out.append(
            f'<text x="0" y="{y + bar + 4}" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        for j, (whole, child, light, dark, share) in enumerate(
            (
                (totals.planned, totals.planned_child, CLAIMED, PROJECTED, totals.planned_share),
                (
                    totals.realised,
                    totals.realised_child,
                    REALISED_LIGHT,
                    CHILD_REALISED,
                    totals.realised_share,
                ),
            )
        ):
            top = y + j * bar
            full = float(plot * whole / scale)
            inner = float(plot * child / scale)
            out.append(
                f'<rect x="{label_width}" y="{top}" width="{plot}" height="{bar - 2}" '
                f'fill="{TRACK}"/>'
                f'<rect x="{label_width}" y="{top}" width="{full:.1f}" height="{bar - 2}" '
                f'fill="{light}"/>'
                f'<rect x="{label_width}" y="{top}" width="{inner:.1f}" height="{bar - 2}" '
                f'fill="{dark}"/>'
                f'<text x="{label_width + plot + 6}" y="{top + bar - 4}" font-size="11" '
                f'fill="{MUTED if j else INK}">{escape(_short(whole))} · {escape(_share(share))}'
                f"</text>"
            )
    legend_y = height - 12
    items = (
        (PROJECTED, _("rencana untuk anak")),
        (CLAIMED, _("rencana lainnya")),
        (CHILD_REALISED, _("realisasi untuk anak")),
        (REALISED_LIGHT, _("realisasi lainnya")),
    )
    x = 0
    for colour, text in items:
        out.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{legend_y}" font-size="11" fill="{INK}">{escape(text)}</text>'
        )
        x += 22 + 7 * len(text)
    return svg_close(out)
