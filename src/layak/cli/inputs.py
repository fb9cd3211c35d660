"""Reading the command line's input files through the shared table reader and core rules."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path

from layak.core.answers import Answer
from layak.core.answersheet import (
    ANSWER_ALIASES,
    ANSWER_COLUMNS,
    EFFORT_ALIASES,
    EFFORT_COLUMNS,
    SHEET,
    answers_from_rows,
    efforts_from_rows,
)
from layak.core.gap import Effort, default_effort
from layak.core.instrument import Instrument
from layak.tabular import read_table


def add_instrument_option(parser: ArgumentParser) -> None:
    """--instrument: a built-in instrument's id or an instrument file (ingest.instruments)."""
    parser.add_argument(
        "--instrument",
        default="kla-2024",
        help="id instrumen bawaan atau berkas .json (bawaan: kla-2024)",
    )


def load_answers(path: Path, instrument: Instrument) -> dict[str, Answer]:
    table = read_table(path, ANSWER_COLUMNS, ANSWER_ALIASES, sheet_names=(SHEET,))
    return answers_from_rows(instrument, ((r.number, r.values) for r in table.rows))


def load_efforts(path: Path, instrument: Instrument) -> dict[str, Effort]:
    table = read_table(path, EFFORT_COLUMNS, EFFORT_ALIASES)
    defaults = {q.code: default_effort(q) for q in instrument.questions}
    return efforts_from_rows(instrument, ((r.number, r.values) for r in table.rows), defaults)
