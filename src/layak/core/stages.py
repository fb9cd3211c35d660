"""The evaluation stages and their scores.

Each stage may set points for some questions; a later stage overrides an earlier one question by
question (a provincial verifier who cuts 1.1 to 6 points leaves the other answers as the region
claimed them until someone looks at them).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from layak.core.answers import Answer
from layak.core.instrument import Instrument
from layak.core.scoring import ScoreCard, score


class Stage(StrEnum):
    SELF_ASSESSMENT = "mandiri"
    ADMINISTRATIVE = "verifikasi_administrasi"
    FIELD = "verifikasi_lapangan"
    FINAL = "final"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_ORDER: tuple[Stage, ...] = (
    Stage.SELF_ASSESSMENT,
    Stage.ADMINISTRATIVE,
    Stage.FIELD,
    Stage.FINAL,
)

STAGE_LABELS: dict[Stage, str] = {
    Stage.SELF_ASSESSMENT: "Penilaian mandiri",
    Stage.ADMINISTRATIVE: "Verifikasi administrasi",
    Stage.FIELD: "Verifikasi lapangan",
    Stage.FINAL: "Final",
}


def effective_answers(
    stage_answers: Mapping[Stage, Mapping[str, Answer]], upto: Stage
) -> dict[str, Answer]:
    """The answers in force at `upto`: each question's latest answer at or before that stage."""
    merged: dict[str, Answer] = {}
    for stage in STAGE_ORDER:
        merged.update(stage_answers.get(stage, {}))
        if stage is upto:
            break
    return merged


def score_stages(
    instrument: Instrument, stage_answers: Mapping[Stage, Mapping[str, Answer]]
) -> dict[Stage, ScoreCard]:
    """A score card for every stage up to the last one that has answers of its own."""
    reached = [s for s in STAGE_ORDER if stage_answers.get(s)]
    if not reached:
        return {}
    last = STAGE_ORDER.index(reached[-1])
    return {
        stage: score(instrument, effective_answers(stage_answers, stage))
        for stage in STAGE_ORDER[: last + 1]
    }
