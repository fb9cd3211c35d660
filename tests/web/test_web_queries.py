"""Query-count guards: the dashboard and the question list cost a fixed number of queries,
whatever the number of answers, files and verifications (no N+1).

Measured on the demo (SQLite and PostgreSQL alike), counting the session read, the user, the
header's count of unread notices, and the session save of SESSION_SAVE_EVERY_REQUEST
(savepoint, update, release):

    dashboard   sari 20, budi 22 (the officer's assigned questions, read for the plan and for
                his "Menunggu saya", which counts the list's own rows: four queries)
    list        sari 19 (the kecamatan/kelurahan to filter by), budi 17: each 14 and 12
                before the mark of answers that depart from the registries' proposals
                (evaluation.proposals), which reads the institutions with their decrees (2)
                and, for the KHA questions, their assignments, participants and staff (3)

The bounds leave a margin of two for small legitimate changes; anything per answer or per
question would add hundreds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layak.core.stages import Stage
from layak.evaluation import services
from layak.evaluation.models import Answer, Assignment, Verification
from layak.evidence.models import EvidenceFile
from layak.evidence.services import add_evidence
from tests.web.websupport import valid_value

pytestmark = pytest.mark.django_db

MAX_QUERIES = {
    ("evaluation:dashboard", "sari"): 22,
    ("evaluation:dashboard", "budi"): 24,
    # The secretariat's list also counts the computed KELANA/DEKELA drafts it may submit.
    ("evaluation:questions", "sari"): 21,
    ("evaluation:questions", "budi"): 19,
}


def _counts(cycle: Any, login: Callable[[str], Client], guard: Any) -> dict[Any, int]:
    counts = {}
    for (name, username), bound in MAX_QUERIES.items():
        client = login(username)
        with guard(bound), CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name, args=[cycle.pk]))
        assert response.status_code == 200
        counts[name, username] = len(queries)
    return counts


def test_pages_stay_under_a_fixed_query_bound(
    cycle: Any,
    users: dict[str, Any],
    login: Callable[[str], Client],
    pdf_upload: Callable[..., Any],
    django_assert_max_num_queries: Any,
) -> None:
    demo = _counts(cycle, login, django_assert_max_num_queries)

    # Take 20 of budi's answered questions back to unanswered ...
    dinkes = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").values_list(
            "question_code", flat=True
        )
    )
    verified = set(Verification.objects.values_list("answer__question_code", flat=True))
    questions = [
        q
        for q in cycle.instrument.questions
        if q.code in dinkes
        and q.code not in verified
        and not (q.per_kecamatan or q.per_desa_kelurahan)
    ][:20]
    assert len(questions) == 20
    codes = [q.code for q in questions]
    EvidenceFile.objects.filter(answer__cycle=cycle, answer__question_code__in=codes).delete()
    Answer.objects.filter(cycle=cycle, question_code__in=codes).delete()
    fewer = _counts(cycle, login, django_assert_max_num_queries)

    # ... then answer all 20 again, each with a file, and verify five of them.
    for question in questions:
        services.save_answer(
            users["budi"],
            cycle,
            question,
            value=valid_value(question),
            note="",
            expected_version=None,
            submit=True,
        )
        add_evidence(
            users["budi"], cycle, question, [pdf_upload()], title="Laporan", year=str(cycle.year)
        )
    for answer in Answer.objects.filter(cycle=cycle, question_code__in=codes[:5]):
        services.verify(
            users["vina"],
            answer,
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=None,
        )
    more = _counts(cycle, login, django_assert_max_num_queries)

    assert fewer == more, "the query count grew with the number of answers"
    assert demo == more
