"""A cycle's three figures read from the database: the one reader that the dashboard, the
reports, the API, the public page, the open data and the gap plan call.

The definitions are the core's (`layak.core.figures`); this module decides which rows they
see, in two queries for any number of cycles:

- the region-level answers with points, with their status and whether a present evidence file
  backs them (on the answer itself or on any of its units' answers for the question);
  only the submitted ones go into a figure;
- the verifiers' points of those submitted answers, per stage.

Drafts are counted apart (how many, how many points), for the dashboard to say what is not yet
counted; a draft is never part of a score. The overview's SQL (`overview.figures`) implements
the same definitions for 514 regions at once and is tested against this reader.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When

from layak.core.answers import Answer as CoreAnswer
from layak.core.figures import VERIFICATION_STAGES, Figures, figures
from layak.core.scoring import round_points
from layak.core.stages import Stage
from layak.evaluation.models import Answer, AnswerStatus, Cycle, Verification, evidence_files


@dataclass(frozen=True)
class Drafts:
    """Answers saved as drafts: counted for the people working on them, never scored."""

    points: dict[str, float] = field(default_factory=dict)

    @property
    def answers(self) -> int:
        return len(self.points)

    @property
    def total(self) -> float:
        return round_points(math.fsum(self.points.values()))


@dataclass(frozen=True)
class CycleFigures:
    figures: Figures
    submitted: dict[str, CoreAnswer]  # what the gap plan starts from
    drafts: Drafts


def backed() -> Case:
    """1 when a present evidence file backs a region-level answer (on the answer itself, or on
    one of its units' answers for the same question), else 0: for `.annotate(backed=backed())`
    on region-level answers. The overview's SQL uses it too."""
    own_file = evidence_files(present=True).filter(answer_id=OuterRef("pk"))
    # Written apart so each lookup uses an index (evidence by answer; unit answers by cycle,
    # question and unit).
    unit_file = evidence_files(present=True).filter(
        answer__cycle_id=OuterRef("cycle_id"),
        answer__question_code=OuterRef("question_code"),
        answer__unit__isnull=False,
    )
    return Case(
        When(Q(Exists(own_file)) | Q(Exists(unit_file)), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def read_figures(cycles: Iterable[Cycle]) -> dict[int, CycleFigures]:
    """The figures of every cycle given, by cycle id: two queries whatever their number."""
    by_id = {c.pk: c for c in cycles}
    submitted: dict[int, dict[str, CoreAnswer]] = {pk: {} for pk in by_id}
    drafts: dict[int, dict[str, float]] = {pk: {} for pk in by_id}
    rows = (
        Answer.objects.filter(cycle_id__in=list(by_id), unit__isnull=True, points__isnull=False)
        .annotate(backed=backed())
        .values_list("cycle_id", "question_code", "points", "status", "backed")
    )
    for cycle_id, code, points, status, evidence in rows:
        if points is None:  # excluded by the filter; for the type checker
            continue
        if status == AnswerStatus.SUBMITTED:
            submitted[cycle_id][code] = CoreAnswer(float(points), evidence)
        else:
            drafts[cycle_id][code] = float(points)
    decided: dict[int, dict[Stage, dict[str, CoreAnswer]]] = {pk: {} for pk in by_id}
    for cycle_id, code, stage, points in Verification.objects.filter(
        answer__cycle_id__in=list(by_id),
        answer__unit__isnull=True,
        answer__status=AnswerStatus.SUBMITTED,
        answer__points__isnull=False,
        stage__in=[s.value for s in VERIFICATION_STAGES],
    ).values_list("answer__cycle_id", "answer__question_code", "stage", "verified_points"):
        backing = submitted[cycle_id].get(code, CoreAnswer(0.0)).evidence
        decided[cycle_id].setdefault(Stage(stage), {})[code] = CoreAnswer(float(points), backing)
    return {
        pk: CycleFigures(
            figures(cycle.instrument, submitted[pk], decided[pk], cycle.target_predicate),
            submitted[pk],
            Drafts(drafts[pk]),
        )
        for pk, cycle in by_id.items()
    }


def cycle_figures(cycle: Cycle) -> CycleFigures:
    return read_figures([cycle])[cycle.pk]
