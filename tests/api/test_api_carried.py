"""The year after through the API: Sari opens Kota Metro's next cycle with last year's answers
carried over; Budi's tool reads each of Dinkes's answers with the page's mark, "dari tahun lalu
— perlu ditinjau" (`carried`, and the year it came from), until he saves it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from layak.core.stages import Stage
from layak.evaluation.carryover import review_answer
from layak.evaluation.models import Answer, Cycle
from layak.evaluation.setup import open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(cycle: Cycle, users: dict[str, Any]) -> Cycle:
    now = timezone.now()
    windows = {Stage.SELF_ASSESSMENT: (now - timedelta(days=1), now + timedelta(days=30), None)}
    opened, _unmatched = open_cycle(
        cycle.region,
        cycle.year + 1,
        cycle.instrument,
        windows,
        carry_answers_over=True,
        by=users["sari"],
    )
    return opened


def _answer(api: Callable[..., Any], user: str, cycle: Cycle, code: str) -> dict[str, Any]:
    response = api(user, "get", f"/api/v1/cycles/{cycle.pk}/answers/{code}")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_budi_sees_last_years_answer_marked_until_he_saves_it(
    api: Callable[..., Any], cycle: Cycle, next_year: Cycle
) -> None:
    carried = _answer(api, "budi", next_year, "12.2")
    last_year = _answer(api, "budi", cycle, "12.2")
    assert carried["value"] == last_year["value"]
    assert (carried["carried"], carried["carried_from_year"]) == (True, cycle.year)
    assert (last_year["carried"], last_year["carried_from_year"]) == (False, None)

    saved = api(
        "budi",
        "put",
        f"/api/v1/cycles/{next_year.pk}/answers/12.2",
        data={"value": "85", "note": "angka tahun ini", "version": carried["version"]},
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    # Saved by a person: reviewed. The year it came from stays on the record.
    assert (saved.json()["carried"], saved.json()["carried_from_year"]) == (False, cycle.year)


def test_the_list_marks_exactly_the_answers_waiting_for_review_among_budis(
    api: Callable[..., Any], next_year: Cycle, users: dict[str, Any]
) -> None:
    first = Answer.objects.get(cycle=next_year, question_code="12.2", unit__isnull=True)
    review_answer(users["budi"], first, expected_version=first.version)  # "Sudah ditinjau"
    items: list[dict[str, Any]] = []
    while True:
        url = f"/api/v1/cycles/{next_year.pk}/answers?limit=100&offset={len(items)}"
        body = api("budi", "get", url).json()
        items += body["items"]
        if len(items) >= body["count"]:
            break
    marked = {item["code"] for item in items if item["carried"]}
    waiting = set(
        Answer.objects.awaiting_review()
        .filter(cycle=next_year, unit__isnull=True, question_code__in=[i["code"] for i in items])
        .values_list("question_code", flat=True)
    )
    assert marked == waiting
    assert "12.2" not in marked
    assert len(marked) > 10
