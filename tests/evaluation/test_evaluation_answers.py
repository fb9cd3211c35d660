"""Answering the self-assessment: Budi of Dinkes answers his agency's questions, the windows
and locks of the secretariat decide when, and Oki (kecamatan Metro Pusat) and the operator of
kelurahan Yosomulyo answer the KELANA/DEKELA questions of their own unit.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from layak.audit.models import AuditEvent
from layak.core.answers import parse_yes_no, points_for
from layak.core.instrument import AnswerKind, Question
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation import services
from layak.evaluation.models import Answer, AnswerStatus, Assignment, Cycle
from layak.evaluation.policy import answers_for, sees_question
from layak.evaluation.queries.rows import rows_for
from layak.evaluation.services import Conflict, save_answer, set_lock, verify
from layak.regions.models import Region

pytestmark = pytest.mark.django_db


def only_dinkes(cycle: Cycle, kind: AnswerKind) -> Question:
    """The first region-level question of this kind that Dinkes alone answers and no verifier
    has looked at yet (found through the assignments, as Budi's list is)."""
    dinkes = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").values_list(
            "question_code", flat=True
        )
    )
    shared = set(
        Assignment.objects.filter(cycle=cycle)
        .exclude(agency__short_name="Dinkes")
        .values_list("question_code", flat=True)
    )
    verified = set(
        Answer.objects.filter(cycle=cycle, verifications__isnull=False).values_list(
            "question_code", flat=True
        )
    )
    return next(
        q
        for q in cycle.instrument.questions
        if q.code in dinkes - shared - verified
        and q.kind is kind
        and not (q.per_kecamatan or q.per_desa_kelurahan)
        and Answer.objects.filter(cycle=cycle, question_code=q.code, value__gt="").exists()
    )


def problem_of(error: pytest.ExceptionInfo[InputError]) -> tuple[str, str | None]:
    problem = error.value.problems[0]
    return problem.message.key, problem.column


def test_budi_saves_a_dinkes_answer_scored_by_the_core_and_audited_once(
    people, cycle, region_answer
):
    budi = people.budi
    question = only_dinkes(cycle, AnswerKind.PERCENTAGE)
    before = region_answer(question.code)
    last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()

    answer = save_answer(
        budi,
        cycle,
        question,
        value="60",
        note="  Cakupan triwulan IV  ",
        expected_version=before.version,
        submit=True,
    )

    saved = region_answer(question.code)
    assert saved.pk == answer.pk == before.pk
    assert saved.value == "60"
    # 60 % reaches the 50 % threshold: half of the maximum, as the core computes it.
    assert saved.points == Decimal(str(points_for(question, "60")))
    assert saved.points == Decimal(str(question.max_points / 2))
    assert saved.version == before.version + 1
    assert saved.status == AnswerStatus.SUBMITTED
    assert saved.note == "Cakupan triwulan IV"
    assert saved.updated_by == budi
    events = list(AuditEvent.objects.filter(id__gt=last_event or 0))
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.actor, event.role) == ("answer.save", budi, "opd")
    assert event.object_id == str(answer.pk)
    assert event.region_code == "18.72"
    assert event.before == before.snapshot()
    assert event.after == {**saved.snapshot(), "question": question.code, "unit": None}


def test_saving_the_same_answer_again_shows_no_change_of_points_in_the_history(
    people, cycle, region_answer
):
    """The history lists the fields an event changed; a re-save with the same value must not
    show the points changing from 3.0000 to 3."""
    question = only_dinkes(cycle, AnswerKind.PERCENTAGE)
    before = region_answer(question.code)

    save_answer(
        people.budi,
        cycle,
        question,
        value=before.value,
        note=before.note,
        expected_version=before.version,
        submit=before.status == AnswerStatus.SUBMITTED,
    )

    event = AuditEvent.objects.filter(action="answer.save").first()
    assert event is not None
    assert event.before is not None
    assert event.after is not None
    changed = {k for k in event.after if k in event.before and event.before[k] != event.after[k]}
    assert changed == {"version"}


def test_the_answer_and_its_audit_row_are_one_transaction(
    people, cycle, region_answer, monkeypatch
):
    """If the audit row cannot be written, Budi's change is not kept either."""
    question = only_dinkes(cycle, AnswerKind.PERCENTAGE)
    before = region_answer(question.code)
    events = AuditEvent.objects.count()

    def audit_down(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(services, "record", audit_down)
    with pytest.raises(RuntimeError):
        save_answer(
            people.budi,
            cycle,
            question,
            value="10",
            note="",
            expected_version=before.version,
            submit=True,
        )

    after = region_answer(question.code)
    assert (after.value, after.points, after.version) == (
        before.value,
        before.points,
        before.version,
    )
    assert AuditEvent.objects.count() == events


def test_budi_neither_sees_nor_answers_a_disdukcapil_question(people, cycle, region_answer):
    birth_records = cycle.instrument.question("4.1")  # Disdukcapil alone answers 4.1
    assert not Assignment.objects.filter(
        cycle=cycle, question_code="4.1", agency__short_name="Dinkes"
    ).exists()
    before = region_answer("4.1")

    assert sees_question(people.dewi, cycle, birth_records)
    assert not sees_question(people.budi, cycle, birth_records)
    assert not answers_for(people.budi, cycle, birth_records)
    with pytest.raises(PermissionDenied):
        save_answer(
            people.budi,
            cycle,
            birth_records,
            value="tidak",
            note="",
            expected_version=before.version,
            submit=True,
        )
    assert region_answer("4.1").version == before.version


def test_a_kelana_question_is_not_answered_at_region_level(people, cycle, counts):
    forum_in_kecamatan = cycle.instrument.question("25.2")  # asked of every kecamatan
    assert forum_in_kecamatan.per_kecamatan
    before = counts()

    with pytest.raises(InputError) as refused:
        save_answer(
            people.sari,
            cycle,
            forum_in_kecamatan,
            value="100",
            note="",
            expected_version=None,
            submit=True,
        )

    assert problem_of(refused) == ("answer.unit_computed", "value")
    assert counts() == before


@pytest.mark.parametrize(
    ("kind", "value", "key"),
    [
        (AnswerKind.YES_NO, "mungkin", "answer.not_yes_no"),
        (AnswerKind.PERCENTAGE, "150", "answer.percentage_range"),
        (AnswerKind.PERCENTAGE, "banyak", "answer.not_a_number"),
        (AnswerKind.POINTS, "99", "answer.points_above_max"),
    ],
)
def test_an_invalid_value_is_refused_and_nothing_changes(
    people, cycle, region_answer, counts, kind, value, key
):
    question = only_dinkes(cycle, kind)
    before = region_answer(question.code)
    totals = counts()

    with pytest.raises(InputError) as refused:
        save_answer(
            people.budi,
            cycle,
            question,
            value=value,
            note="",
            expected_version=before.version,
            submit=True,
        )

    assert problem_of(refused) == (key, "value")
    assert region_answer(question.code).snapshot() == before.snapshot()
    assert counts() == totals


def test_submitting_without_a_value_is_refused_but_a_draft_may_be_empty(
    people, cycle, region_answer, counts
):
    question = only_dinkes(cycle, AnswerKind.YES_NO)
    before = region_answer(question.code)
    totals = counts()

    with pytest.raises(InputError) as refused:
        save_answer(
            people.budi,
            cycle,
            question,
            value="   ",
            note="",
            expected_version=before.version,
            submit=True,
        )
    assert problem_of(refused) == ("answer.required", "value")
    assert counts() == totals

    draft = save_answer(
        people.budi,
        cycle,
        question,
        value="",
        note="menunggu data puskesmas",
        expected_version=before.version,
        submit=False,
    )
    # A draft holding only a note claims no points: it is not an answer yet.
    assert (draft.value, draft.points, draft.status) == ("", None, AnswerStatus.DRAFT)


def test_two_saves_of_the_same_version_the_second_is_a_conflict(people, cycle, region_answer):
    """Budi and Kartika (coordinator of Klaster III) both opened the answer at the same
    version; Budi saves first, so Kartika is told who changed it and her value is not kept."""
    question = only_dinkes(cycle, AnswerKind.PERCENTAGE)
    opened = region_answer(question.code).version

    save_answer(
        people.budi,
        cycle,
        question,
        value="80",
        note="",
        expected_version=opened,
        submit=True,
    )
    with pytest.raises(Conflict) as conflict:
        save_answer(
            people.kartika,
            cycle,
            question,
            value="20",
            note="",
            expected_version=opened,
            submit=True,
        )

    assert conflict.value.problems[0].message.key == "answer.conflict"
    assert conflict.value.problems[0].message.params["who"] == "Budi Santoso"
    kept = region_answer(question.code)
    assert (kept.value, kept.version, kept.updated_by) == ("80", opened + 1, people.budi)


def test_a_closed_self_assessment_window_refuses_changes(
    people, cycle, region_answer, move_window, counts
):
    move_window(Stage.SELF_ASSESSMENT, opened=-60, closed=-1)
    question = only_dinkes(cycle, AnswerKind.YES_NO)
    before = region_answer(question.code)
    totals = counts()

    with pytest.raises(InputError) as refused:
        save_answer(
            people.budi,
            cycle,
            question,
            value="ya",
            note="",
            expected_version=before.version,
            submit=True,
        )

    assert problem_of(refused) == ("stage.closed", None)
    assert region_answer(question.code).snapshot() == before.snapshot()
    assert counts() == totals


def test_a_locked_stage_refuses_changes_and_says_why(people, cycle, region_answer):
    window = cycle.windows.get(stage=Stage.SELF_ASSESSMENT.value)
    set_lock(people.sari, window, locked=True, reason="Rekap dikirim ke provinsi")
    question = only_dinkes(cycle, AnswerKind.YES_NO)
    before = region_answer(question.code)

    with pytest.raises(InputError) as refused:
        save_answer(
            people.budi,
            cycle,
            question,
            value="ya",
            note="",
            expected_version=before.version,
            submit=True,
        )

    message = refused.value.problems[0].message
    assert message.key == "stage.locked"
    assert message.params["reason"] == "Rekap dikirim ke provinsi"
    assert "Rekap dikirim ke provinsi" in refused.value.render()
    assert region_answer(question.code).version == before.version


def test_after_vina_asks_for_revision_budi_may_revise_though_self_assessment_closed(
    people, cycle, region_answer, move_window
):
    question = only_dinkes(cycle, AnswerKind.PERCENTAGE)
    untouched = next(
        q
        for q in cycle.instrument.questions
        if q.code != question.code
        and q.kind is AnswerKind.PERCENTAGE
        and answers_for(people.budi, cycle, q)
        and not region_answer(q.code).verifications.exists()
        and not (q.per_kecamatan or q.per_desa_kelurahan)
    )
    verify(
        people.vina,
        region_answer(question.code),
        Stage.ADMINISTRATIVE,
        status="perbaikan",
        points="",
        note="Data belum dipilah per kecamatan.",
        expected_version=None,
    )
    move_window(Stage.SELF_ASSESSMENT, opened=-60, closed=-1)
    before = region_answer(question.code)

    revised = save_answer(
        people.budi,
        cycle,
        question,
        value="75",
        note="Dipilah per kecamatan",
        expected_version=before.version,
        submit=True,
    )
    assert revised.version == before.version + 1
    row = next(r for r in rows_for(people.budi, cycle) if r.question.code == question.code)
    assert row.status == "diperbaiki"

    # The revision opens only the answer Vina sent back, not the rest of Budi's list.
    with pytest.raises(InputError) as refused:
        save_answer(
            people.budi,
            cycle,
            untouched,
            value="75",
            note="",
            expected_version=None,
            submit=True,
        )
    assert problem_of(refused) == ("stage.closed", None)

    # And only while the administrative stage itself is open.
    move_window(Stage.ADMINISTRATIVE, opened=-30, closed=-2)
    with pytest.raises(InputError) as late:
        save_answer(
            people.budi,
            cycle,
            question,
            value="100",
            note="",
            expected_version=revised.version,
            submit=True,
        )
    assert problem_of(late) == ("stage.closed", None)


# Kecamatan and kelurahan answer the KELANA/DEKELA questions themselves.


def region_share(cycle: Cycle, code: str, level: Level) -> float:
    units = Region.objects.filter(level=level, code__startswith=f"{cycle.region_id}.").count()
    yes = sum(
        1
        for value in Answer.objects.filter(
            cycle=cycle, question_code=code, unit__level=level
        ).values_list("value", flat=True)
        if parse_yes_no(value)
    )
    return round(100 * yes / units, 2)


def test_oki_answers_for_his_kecamatan_and_the_region_answer_follows(people, cycle, region_answer):
    oki = people.oki
    metro_pusat = Region.objects.get(code="18.72.01")
    forum_in_kecamatan = cycle.instrument.question("25.2")
    assert Region.objects.filter(level=Level.DISTRICT, code__startswith="18.72.").count() == 5

    save_answer(
        oki,
        cycle,
        forum_in_kecamatan,
        value="tidak",
        note="",
        expected_version=None,
        submit=True,
        unit=metro_pusat,
    )
    without = region_answer("25.2")
    share_without = region_share(cycle, "25.2", Level.DISTRICT)
    assert without.value == f"{share_without:g}"

    mine = Answer.objects.get(cycle=cycle, question_code="25.2", unit=metro_pusat)
    save_answer(
        oki,
        cycle,
        forum_in_kecamatan,
        value="ya",
        note="SK Forum Anak Kecamatan 2024",
        expected_version=mine.version,
        submit=True,
        unit=metro_pusat,
    )

    region = region_answer("25.2")
    share = region_share(cycle, "25.2", Level.DISTRICT)
    assert share == share_without + 20  # one kecamatan of five
    assert region.value == f"{share:g}"
    # Points follow the question's thresholds (25/50/75/100 %), as the core scores them.
    assert region.points == Decimal(str(round(points_for(forum_in_kecamatan, share), 4)))
    assert region.version == without.version + 1
    mine.refresh_from_db()
    assert (mine.value, mine.updated_by, mine.points) == ("ya", oki, None)  # units claim none
    recompute = AuditEvent.objects.filter(action="answer.recompute").first()
    assert recompute is not None
    assert recompute.object_id == str(region.pk)
    assert recompute.after is not None
    assert recompute.after["units"] == 5


def test_oki_answers_neither_for_another_kecamatan_nor_a_kelurahan_question(people, cycle, counts):
    oki = people.oki
    metro_pusat = Region.objects.get(code="18.72.01")
    metro_timur = Region.objects.get(code="18.72.02")
    forum_in_kecamatan = cycle.instrument.question("25.2")
    kelurahan_policy = cycle.instrument.question("26.2")  # asked of every kelurahan
    totals = counts()

    with pytest.raises(PermissionDenied):
        save_answer(
            oki,
            cycle,
            forum_in_kecamatan,
            value="ya",
            note="",
            expected_version=None,
            submit=True,
            unit=metro_timur,
        )
    with pytest.raises(PermissionDenied):
        save_answer(
            oki,
            cycle,
            kelurahan_policy,
            value="ya",
            note="",
            expected_version=None,
            submit=True,
            unit=metro_pusat,
        )
    # Nor the region-level answer of any question.
    with pytest.raises(PermissionDenied):
        save_answer(
            oki,
            cycle,
            cycle.instrument.question("12.2"),
            value="100",
            note="",
            expected_version=None,
            submit=True,
        )
    assert counts() == totals


def test_a_unit_answers_yes_or_no_only(people, cycle, counts):
    totals = counts()
    with pytest.raises(InputError) as refused:
        save_answer(
            people.oki,
            cycle,
            cycle.instrument.question("25.2"),
            value="80",
            note="",
            expected_version=None,
            submit=True,
            unit=Region.objects.get(code="18.72.01"),
        )
    assert problem_of(refused) == ("answer.not_yes_no", "value")
    assert counts() == totals


def test_yosomulyo_answers_a_dekela_question_for_his_kelurahan(people, cycle, region_answer):
    yosomulyo = Region.objects.get(code="18.72.01.1005")
    kelurahan_policy = cycle.instrument.question("26.2")
    assert kelurahan_policy.per_desa_kelurahan
    mine = Answer.objects.filter(cycle=cycle, question_code="26.2", unit=yosomulyo).first()
    answered_yes = mine is not None and parse_yes_no(mine.value)
    new_value = "tidak" if answered_yes else "ya"

    save_answer(
        people.yosomulyo,
        cycle,
        kelurahan_policy,
        value=new_value,
        note="",
        expected_version=mine.version if mine else None,
        submit=True,
        unit=yosomulyo,
    )

    kelurahan = Region.objects.filter(level=Level.VILLAGE, code__startswith="18.72.").count()
    assert kelurahan == 22
    share = region_share(cycle, "26.2", Level.VILLAGE)
    region = region_answer("26.2")
    assert region.value == f"{share:g}"
    assert region.points == Decimal(str(round(points_for(kelurahan_policy, share), 4)))
    saved = Answer.objects.get(cycle=cycle, question_code="26.2", unit=yosomulyo)
    assert (saved.value, saved.updated_by) == (new_value, people.yosomulyo)
    # Oki, operator of the kecamatan above, does not answer for the kelurahan.
    with pytest.raises(PermissionDenied):
        save_answer(
            people.oki,
            cycle,
            kelurahan_policy,
            value="ya",
            note="",
            expected_version=saved.version,
            submit=True,
            unit=yosomulyo,
        )


def test_rows_show_budi_only_his_agencys_questions(people, cycle):
    codes = {r.question.code for r in rows_for(people.budi, cycle)}
    assigned = set(
        Assignment.objects.filter(cycle=cycle, agency__short_name="Dinkes").values_list(
            "question_code", flat=True
        )
    )
    assert codes == assigned
    assert "4.1" not in codes
