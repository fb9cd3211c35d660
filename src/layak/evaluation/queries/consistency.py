"""The stored facts of a cycle, read for `core.consistency.contradictions` (layak
check-answers): a fixed handful of queries per cycle."""

from __future__ import annotations

from layak.core.consistency import Finding, StoredAnswer, StoredVerification, contradictions
from layak.evaluation.models import Answer, AnswerStatus, Cycle, Verification
from layak.evaluation.queries.tallies import unit_tallies


def cycle_findings(cycle: Cycle) -> list[Finding]:
    answers = [
        StoredAnswer(
            code=code,
            unit=unit or "",
            value=value,
            points=None if points is None else float(points),
            submitted=status == AnswerStatus.SUBMITTED,
            version=version,
        )
        for code, unit, value, points, status, version in Answer.objects.filter(
            cycle=cycle
        ).values_list("question_code", "unit_id", "value", "points", "status", "version")
    ]
    verifications = [
        StoredVerification(code, stage, status, answer_version)
        for code, stage, status, answer_version in Verification.objects.filter(
            answer__cycle=cycle, answer__unit__isnull=True
        ).values_list("answer__question_code", "stage", "status", "answer_version")
    ]
    return contradictions(cycle.instrument, answers, verifications, unit_tallies(cycle))
