"""`{% ready_evidence cycle question can_upload %}`: documents Layak can offer for a question,
and, when the question asks for a matrix, whether Layak makes one or offers the blank form."""

from __future__ import annotations

from typing import Any

from django import template

from layak.core.instrument import Question
from layak.evaluation.models import Cycle
from layak.evidence.ready import attached_keys, ready_documents

register = template.Library()


@register.inclusion_tag("evidence/_ready.html")
def ready_evidence(cycle: Cycle, question: Question, can_upload: bool) -> dict[str, Any]:
    documents = ready_documents(cycle, question.code)
    attached = attached_keys(cycle, question.code) if documents else set()
    return {
        "cycle": cycle,
        "question": question,
        "can_upload": can_upload,
        "documents": [(d, d.key in attached) for d in documents],
        "asks_matrix": question.asks_matrix,
        "makes_matrix": any(d.matrix for d in documents),
    }
