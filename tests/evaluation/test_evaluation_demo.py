"""The Kota Metro demo as a Kota Metro official would read it: no contradictory state (no
verification of a draft, no draft accepted), KELANA/DEKELA answers that follow the kecamatan
and kelurahan and vary between them, far from perfect; every answer stored as the one answer
rule gives it; the task force's meetings in the year's order; and loading twice changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from layak.audit.models import AuditEvent
from layak.core.answers import Answer as CoreAnswer
from layak.core.answers import claim_answer
from layak.core.scoring import score
from layak.evaluation.models import Answer, AnswerStatus, Verification
from layak.evaluation.queries.scores import evidence_counts
from layak.gugus.models import Meeting

pytestmark = pytest.mark.django_db


def _region_answers(cycle: Any) -> dict[str, Answer]:
    return {
        a.question_code: a for a in Answer.objects.filter(cycle=cycle, unit__isnull=True).answered()
    }


def test_vina_verified_only_submitted_answers(cycle: Any) -> None:
    verifications = Verification.objects.filter(answer__cycle=cycle).select_related("answer")
    assert verifications.count() >= 10
    assert all(v.answer.status == AnswerStatus.SUBMITTED for v in verifications)
    decided = {v.answer.question_code: v.status for v in verifications}
    assert decided["6.2"] == decided["17.1"] == "diterima"  # submitted with their documents
    assert decided["15.1"] == "perbaikan"  # 2 of 11 puskesmas: below the first threshold


def test_every_answer_is_stored_as_the_answer_rule_gives_it(cycle: Any) -> None:
    instrument = cycle.instrument
    answers = _region_answers(cycle)
    assert len(answers) == 264  # ten innovation and follow-up questions are still open
    for code, answer in answers.items():
        question = instrument.question(code)
        if question.per_unit:
            continue
        claim = claim_answer(question, answer.value, str(answer.points))
        assert (claim.value, claim.points) == (answer.value, float(answer.points)), code
        assert answer.status == (AnswerStatus.DRAFT if answer.note else AnswerStatus.SUBMITTED)
    assert answers["15.1"].value == "18.18"
    assert float(answers["25.7d"].value) > 0
    assert float(answers["26.8d"].value) > 0


def test_kelana_dekela_follows_units_that_differ_and_is_far_from_perfect(cycle: Any) -> None:
    instrument = cycle.instrument
    answers = _region_answers(cycle)
    yes_sets = []
    for question in instrument.part("KD").questions:
        if not question.per_unit:
            continue
        region = answers[question.code]
        units = Answer.objects.filter(cycle=cycle, question_code=question.code, unit__isnull=False)
        expected = 5 if question.per_kecamatan else 22
        assert units.count() == expected, question.code
        yes = {a.unit_id for a in units if a.value == "ya"}
        assert region.value == f"{round(100 * len(yes) / expected, 2):g}", question.code
        assert region.status == AnswerStatus.SUBMITTED  # every unit answered
        if question.per_desa_kelurahan and 0 < len(yes) < expected:
            yes_sets.append(frozenset(yes))
    assert len(set(yes_sets)) == len(yes_sets) > 5  # each question, its own kelurahan
    evidence = evidence_counts(cycle)
    submitted = {
        code: CoreAnswer(float(a.points), evidence.get(code, 0))
        for code, a in answers.items()
        if a.status == AnswerStatus.SUBMITTED
    }
    card = score(instrument, submitted)
    kelana = next(p for p in card.parts if p.code == "KD")
    assert 62 <= kelana.score <= 72  # a real regency scored 67.5 of 100
    assert card.predicate == "Nindya"  # as Kota Metro was in 2022, 2023 and 2025


def test_the_task_force_meets_in_the_order_of_the_evaluation_year(world: Any) -> None:
    meetings = {m.agenda: m.held_on for m in Meeting.objects.filter(region_id="18.72")}
    field = next(d for agenda, d in meetings.items() if "verifikasi lapangan" in agenda)
    admin = next(d for agenda, d in meetings.items() if "verifikasi administrasi" in agenda)
    start = next(d for agenda, d in meetings.items() if "evaluasi mandiri" in agenda)
    assert field < date(field.year, 7, 23)  # before Hari Anak Nasional
    assert field.month <= 6  # before the field verification of May and June is over
    assert (start.month, start.day) < (admin.month, admin.day) < (field.month, field.day)


def test_loading_the_demo_again_changes_nothing(cycle: Any) -> None:
    from layak.demo.loader import load_demo
    from layak.regions.models import Agency

    before = (
        Answer.objects.count(),
        Verification.objects.count(),
        AuditEvent.objects.count(),
        list(Agency.objects.values_list("short_name", "aliases", "coordinator__short_name")),
    )
    assert load_demo().pk == cycle.pk
    after = (
        Answer.objects.count(),
        Verification.objects.count(),
        AuditEvent.objects.count(),
        list(Agency.objects.values_list("short_name", "aliases", "coordinator__short_name")),
    )
    assert after == before
