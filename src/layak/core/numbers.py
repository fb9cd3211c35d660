"""Numbers as a reader writes them: Indonesian 1.004,5 (decimal comma, thousands dot), English
1,004.5. Every number shown to a person, in any language, on a page, in a PDF, a chart, a
workbook's texts, the command line or a message, is written by `localise_number` (points by
`localise_points`), so that the two languages never mix within one text.

Numbers that a program reads back are not localised: stored answers, input values, cell values
and JSON keep the canonical dot form without thousands marks (`canonical_number`), and
`Number` carries a quantity into a message in that form until the message is rendered.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

Lang = Literal["id", "en"]
Numeric = int | float | Decimal

# As many decimals as a value needs, up to this many (1.25, 0.3333, 12).
MAX_PLACES = 4


def _digits(value: Numeric, places: int | None, grouping: bool) -> str:
    """The English form ("1,004.50"), which `localise_number` turns into the Indonesian one."""
    try:
        exact = value if isinstance(value, Decimal) else Decimal(str(value))
        if not exact.is_finite():
            return str(value)
        shown = exact.quantize(
            Decimal(1).scaleb(-(MAX_PLACES if places is None else places)), rounding=ROUND_HALF_UP
        )
    except InvalidOperation:  # too many digits to round: written as it is
        return str(value)
    text = f"{shown:{',' if grouping else ''}f}"
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    # -0.00001 rounds to "-0": a number that shows as zero has no sign.
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def localise_number(
    value: Numeric, lang: Lang = "id", places: int | None = None, *, grouping: bool = True
) -> str:
    """`value` in the reader's way, rounded half up.

    places=None writes as many decimals as needed, up to four (2,5 · 12 · 0,3333); places=n
    writes exactly n (743,35 · 50,0 · 12). grouping=False leaves out the thousands mark, for
    a value that goes back into an input (parse_number reads a decimal comma, not a thousands
    mark).
    """
    text = _digits(value, places, grouping)
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def localise_points(value: Numeric, lang: Lang = "id", *, grouping: bool = True) -> str:
    """Points as score cards write them: two decimals, none when whole (743,35 · 2,50 · 12)."""
    rounded = _digits(value, 2, False)
    whole = rounded.endswith(".00")
    return localise_number(value, lang, 0 if whole else 2, grouping=grouping)


def canonical_number(value: Numeric) -> str:
    """The form programs read back: dot decimal, no thousands mark, no trailing zeros (2.5)."""
    return _digits(value, None, False)


class Number(str):
    """A quantity put into a message (`layak.core.messages.format_number`).

    It is the canonical text ("2.5", "1250000") wherever a plain string is used: a stored
    answer value, a log, a comparison. `Message.render` writes it in the reader's language
    ("2,5" and "1.250.000" in Indonesian), so a message never shows a dot decimal to an
    Indonesian reader. Identifiers (rows, years, codes) are passed as they are, not as Number,
    so a year never becomes 2.024.
    """

    value: Numeric
    places: int | None

    def __new__(cls, value: Numeric, places: int | None = None) -> Number:
        text = _digits(value, places, False)
        self = super().__new__(cls, text)
        self.value = value
        self.places = places
        return self

    def __getnewargs__(self) -> tuple[Numeric, int | None]:  # type: ignore[override]
        return (self.value, self.places)

    def localised(self, lang: Lang) -> str:
        return localise_number(self.value, lang, self.places)
