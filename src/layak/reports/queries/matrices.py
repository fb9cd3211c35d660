"""Which questions ask for a matrix, and whether the region has one (issue 18).

A question asks for a matrix when its wording says so (`Question.asks_matrix`). For each such
question the person sees (the question list's rule), the matrices Layak can make from its
records for it now (the ready-made documents marked `matrix`, layak.evidence.ready) and those
already attached to the region's answer. The figures are defined here only:

- *dapat disusun Layak*: at least one matrix can be made from Layak's records;
- *sudah dilampirkan*: one of them is attached to the answer (counted among the above);
- *perlu disusun sendiri*: none can be made; the region fills the blank form
  (evidence/matrix_form.py) or its own table and uploads it as ordinary evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from layak.accounts.models import User
from layak.core.instrument import Question
from layak.evaluation.models import Cycle
from layak.evaluation.policy import assigned_codes, sees_question
from layak.evaluation.queries.scores import evidence_counts
from layak.evidence.ready import ReadyDocument, attached_keys_by_question, ready_documents

READY, ATTACHED, OWN = "siap", "dilampirkan", "sendiri"


@dataclass(frozen=True)
class MatrixRow:
    question: Question
    matrices: tuple[ReadyDocument, ...]  # the matrices Layak can make for it now
    attached: tuple[ReadyDocument, ...]  # those of them attached to the region's answer
    evidence: int  # present evidence files on the question (the region's and its units')

    @property
    def status(self) -> str:
        if self.attached:
            return ATTACHED
        return READY if self.matrices else OWN


@dataclass(frozen=True)
class MatrixCoverage:
    rows: tuple[MatrixRow, ...]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def generated(self) -> int:
        """Questions Layak can make a matrix for (whether attached or not)."""
        return sum(1 for r in self.rows if r.matrices)

    @property
    def attached(self) -> int:
        return sum(1 for r in self.rows if r.attached)

    @property
    def own(self) -> int:
        """Questions whose matrix the region makes itself."""
        return self.total - self.generated


def matrix_coverage(user: User, cycle: Cycle) -> MatrixCoverage:
    """The matrix questions `user` sees in `cycle`, in the instrument's order."""
    assigned = assigned_codes(user, cycle)
    questions = [
        q for q in cycle.instrument.matrix_questions if sees_question(user, cycle, q, assigned)
    ]
    attached_keys = attached_keys_by_question(cycle)
    evidence = evidence_counts(cycle)
    rows = []
    for question in questions:
        matrices = tuple(d for d in ready_documents(cycle, question.code) if d.matrix)
        keys = attached_keys.get(question.code, set())
        rows.append(
            MatrixRow(
                question,
                matrices,
                tuple(d for d in matrices if d.key in keys),
                evidence.get(question.code, 0),
            )
        )
    return MatrixCoverage(tuple(rows))
