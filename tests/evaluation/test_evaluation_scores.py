"""The dashboard's figures: computed by the core from the rows as they are now, so an answer
saved or a file removed shows at once, in a fixed handful of queries. Every figure counts the
submitted answers only (docs/scoring.md); a draft is counted apart, never scored.
"""

from __future__ import annotations

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from layak.core.answers import Answer as CoreAnswer
from layak.core.scoring import round_points, score
from layak.core.stages import Stage
from layak.evaluation.models import Answer, AnswerStatus, Assignment, Cycle, Verification
from layak.evaluation.queries.scores import cycle_scores, evidence_counts
from layak.evaluation.services import save_answer, verify
from layak.evidence.models import EvidenceFile
from layak.evidence.services import remove_evidence

pytestmark = pytest.mark.django_db


def core_answers(cycle: Cycle) -> dict[str, CoreAnswer]:
    """The submitted region answers and their present files, read independently of the
    figures' reader."""
    files: dict[str, int] = {}
    for code in EvidenceFile.objects.filter(
        answer__cycle=cycle, removed_at__isnull=True
    ).values_list("answer__question_code", flat=True):
        files[code] = files.get(code, 0) + 1
    return {
        a.question_code: CoreAnswer(float(a.points), files.get(a.question_code, 0))
        for a in Answer.objects.filter(
            cycle=cycle, unit__isnull=True, status=AnswerStatus.SUBMITTED, points__isnull=False
        )
    }


def test_the_self_assessed_total_is_the_cores_score_of_the_submitted_answers(cycle):
    answers = core_answers(cycle)
    expected = score(cycle.instrument, answers)
    drafts = Answer.objects.filter(
        cycle=cycle, unit__isnull=True, status=AnswerStatus.DRAFT, points__isnull=False
    )

    scores = cycle_scores(cycle)

    assert scores.self_card.total == expected.total == scores.figures.self_assessed.total
    assert scores.self_card.total == round_points(math.fsum(a.points for a in answers.values()))
    assert scores.self_card.predicate == expected.predicate
    assert scores.self_card.answered == len(answers) > 200
    assert scores.answered_codes == set(answers) | {a.question_code for a in drafts}
    assert scores.drafts.answers == drafts.count()


def test_a_draft_counts_in_no_figure_until_it_is_submitted(people, cycle, region_answer):
    """Budi saves 12.6 at its full 4 points as a draft: the dashboard counts it as a draft, no
    figure moves; once he submits it, the self-assessed figure rises by 4."""
    answer = region_answer("12.6")  # Dinkes, yes/no worth 4, answered "tidak" in the demo
    before = cycle_scores(cycle)
    question = cycle.instrument.question("12.6")

    draft = save_answer(
        people.budi, cycle, question, value="ya", note="", expected_version=answer.version,
        submit=False,
    )  # fmt: skip

    during = cycle_scores(cycle)
    assert during.drafts.points["12.6"] == 4
    assert during.drafts.answers == before.drafts.answers + 1
    # 12.6 claimed 0 before; as a draft its 4 points count nowhere, so no figure moves.
    for figure_before, figure_during in zip(
        before.figures.shown, during.figures.shown, strict=True
    ):
        assert figure_during.total == figure_before.total, figure_before.basis

    save_answer(
        people.budi, cycle, question, value="ya", note="", expected_version=draft.version,
        submit=True,
    )  # fmt: skip
    after = cycle_scores(cycle)
    assert after.figures.self_assessed.total == round_points(before.figures.self_assessed.total + 4)
    assert "12.6" not in after.drafts.points


def test_the_projected_score_counts_only_answers_backed_by_evidence(people, cycle, region_answer):
    # Budi submits 12.6 at its full 4 points with no document yet: points at risk.
    assert evidence_counts(cycle).get("12.6", 0) == 0
    save_answer(
        people.budi, cycle, cycle.instrument.question("12.6"), value="ya", note="",
        expected_version=region_answer("12.6").version, submit=True,
    )  # fmt: skip
    answers = core_answers(cycle)
    backed = math.fsum(a.points for a in answers.values() if a.evidence > 0)
    unbacked = math.fsum(a.points for a in answers.values() if a.evidence == 0)
    assert unbacked >= 4

    card = cycle_scores(cycle).self_card

    assert card.projected_verified_total == round_points(backed)
    assert card.points_at_risk == round_points(card.total - card.projected_verified_total)
    assert card.projected_verified_total < card.total


def test_removing_the_only_file_of_a_question_lowers_the_projection_at_once(
    people, cycle, region_answer
):
    counts = evidence_counts(cycle)
    code = next(
        q.code
        for q in cycle.instrument.questions
        if counts.get(q.code) == 1
        and not (q.per_kecamatan or q.per_desa_kelurahan)
        and region_answer(q.code).points > 0
    )
    points = float(region_answer(code).points)
    before = cycle_scores(cycle).self_card
    only_file = EvidenceFile.objects.present().get(answer__cycle=cycle, answer__question_code=code)

    remove_evidence(people.sari, only_file)

    after = cycle_scores(cycle).self_card
    assert after.projected_verified_total == round_points(before.projected_verified_total - points)
    assert after.total == before.total  # the claim stands; only its backing is gone
    assert after.points_at_risk == round_points(before.points_at_risk + points)


def test_a_saved_answer_shows_in_the_score_at_once(people, cycle, region_answer):
    before = cycle_scores(cycle).self_card
    answer = region_answer("12.6")  # Dinkes, yes/no worth 4, answered "tidak" in the demo
    assert answer.points == 0

    save_answer(
        people.budi,
        cycle,
        cycle.instrument.question("12.6"),
        value="ya",
        note="",
        expected_version=answer.version,
        submit=True,
    )

    after = cycle_scores(cycle).self_card
    assert after.total == round_points(before.total + 4)


def test_the_verified_card_overrides_question_by_question(cycle):
    verified = {
        code: float(points)
        for code, points in Verification.objects.filter(
            answer__cycle=cycle,
            stage=Stage.ADMINISTRATIVE.value,
            answer__status=AnswerStatus.SUBMITTED,
        ).values_list("answer__question_code", "verified_points")
    }
    claimed = {code: a.points for code, a in core_answers(cycle).items()}
    assert {"15.2", "1.1"} <= set(verified)  # rejected and accepted in the demo

    scores = cycle_scores(cycle)
    card = scores.verified_card

    assert scores.verified_stage is Stage.ADMINISTRATIVE
    assert scores.verified_count == len(verified)
    assert card is not None
    for code, points in claimed.items():
        assert card.question_points[code] == verified.get(code, points), code
    cut = math.fsum(claimed[c] - verified[c] for c in verified)
    assert card.total == round_points(scores.self_card.total - cut)
    assert card.total < scores.self_card.total


def test_the_gap_plan_names_the_agencies_that_answer_each_step(cycle):
    assigned: dict[str, list[str]] = {}
    for code, agency in Assignment.objects.filter(cycle=cycle).values_list(
        "question_code", "agency__short_name"
    ):
        assigned.setdefault(code, []).append(agency)

    scores = cycle_scores(cycle)

    assert scores.plan.items, "Kota Metro is not yet Utama: the plan has steps"
    assert set(scores.plan_agencies) == {item.code for item in scores.plan.items}
    for code, agencies in scores.plan_agencies.items():
        assert sorted(agencies) == sorted(assigned.get(code, [])), code
    assert any(agencies for agencies in scores.plan_agencies.values())


def count_queries(cycle_id: int) -> int:
    cycle = Cycle.objects.get(pk=cycle_id)
    with CaptureQueriesContext(connection) as queries:
        cycle_scores(cycle)
    return len(queries)


def test_cycle_scores_takes_a_fixed_number_of_queries(
    world, people, cycle, django_assert_max_num_queries
):
    fresh = Cycle.objects.get(pk=cycle.pk)
    with django_assert_max_num_queries(12):
        cycle_scores(fresh)
    before = count_queries(cycle.pk)

    # Ten more answers (and a verification) later, the dashboard costs the same.
    sari = people.sari
    for code in ("5.9", "8.7", "10.6", "14.10", "16.8", "19.9", "20.8", "23B.2", "24B.3", "11.7"):
        question = cycle.instrument.question(code)
        value = "ya" if question.kind == "ya_tidak" else "1"
        if question.kind == "pilihan":
            value = question.options[0].key
        answer = save_answer(
            sari, cycle, question, value=value, note="", expected_version=None, submit=True
        )
    verify(
        people.vina,
        answer,
        Stage.ADMINISTRATIVE,
        status="diterima",
        points="",
        note="",
        expected_version=None,
    )

    assert count_queries(cycle.pk) == before


def test_the_gap_plan_starts_from_the_projected_figure(cycle):
    scores = cycle_scores(cycle)
    projected = scores.figures.projected
    assert scores.plan.current == projected.total
    assert scores.plan.needed == projected.points_to_target
    assert scores.plan.target == projected.target == cycle.target_predicate
