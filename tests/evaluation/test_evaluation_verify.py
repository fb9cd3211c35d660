"""Verification and stage locks: Vina verifies Lampung's regions at the administrative stage,
Nadia the field and final stages; Sari of the secretariat locks and unlocks a stage.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.evaluation.models import StageWindow, Verification, VerificationStatus
from layak.evaluation.policy import can_see_cycle, verifies
from layak.evaluation.services import Conflict, set_lock, verify

pytestmark = pytest.mark.django_db

# 12.2 (Buku KIA, Dinkes) is answered in the demo and no verifier has looked at it yet.
UNVERIFIED = "12.2"


def test_vina_accepts_an_answer_without_a_note(people, region_answer):
    answer = region_answer(UNVERIFIED)
    assert not answer.verifications.exists()

    decision = verify(
        people.vina,
        answer,
        Stage.ADMINISTRATIVE,
        status="diterima",
        points="",
        note="",
        expected_version=None,
    )

    assert decision.status == VerificationStatus.ACCEPTED
    assert decision.verified_points == answer.points  # accepted as claimed
    assert decision.answer_version == answer.version
    assert (decision.verifier, decision.version, decision.note) == (people.vina, 1, "")
    event = AuditEvent.objects.filter(action="verification.save").first()
    assert event is not None
    assert (event.actor, event.object_id, event.before) == (people.vina, str(answer.pk), None)
    assert event.after == {**decision.snapshot(), "question": UNVERIFIED}


@pytest.mark.parametrize("status", ["perbaikan", "ditolak"])
def test_needs_revision_and_rejected_require_a_note(people, region_answer, status):
    answer = region_answer(UNVERIFIED)
    events = AuditEvent.objects.count()

    with pytest.raises(InputError) as refused:
        verify(
            people.vina,
            answer,
            Stage.ADMINISTRATIVE,
            status=status,
            points="",
            note="   ",
            expected_version=None,
        )

    problem = refused.value.problems[0]
    assert (problem.message.key, problem.column) == ("verification.note_required", "note")
    assert not answer.verifications.exists()
    assert AuditEvent.objects.count() == events


def test_points_above_the_maximum_are_refused(people, cycle, region_answer):
    answer = region_answer(UNVERIFIED)
    maximum = cycle.instrument.question(UNVERIFIED).max_points

    with pytest.raises(InputError) as refused:
        verify(
            people.vina,
            answer,
            Stage.ADMINISTRATIVE,
            status="diterima",
            points=f"{maximum + 1:g}",
            note="",
            expected_version=None,
        )

    problem = refused.value.problems[0]
    assert (problem.message.key, problem.column) == ("answer.points_above_max", "verified_points")
    assert not answer.verifications.exists()


def test_vina_cuts_points_with_a_decimal_comma(people, region_answer):
    decision = verify(
        people.vina,
        region_answer(UNVERIFIED),
        Stage.ADMINISTRATIVE,
        status="perbaikan",
        points="1,5",
        note="Buku KIA baru untuk 2 dari 5 kecamatan.",
        expected_version=None,
    )
    assert decision.verified_points == Decimal("1.5")


def test_rejected_without_points_counts_nothing(people, region_answer):
    answer = region_answer(UNVERIFIED)
    assert answer.points > 0

    decision = verify(
        people.vina,
        answer,
        Stage.ADMINISTRATIVE,
        status="ditolak",
        points="",
        note="Dokumen pendukung bukan tahun 2024.",
        expected_version=None,
    )

    assert decision.status == VerificationStatus.REJECTED
    assert decision.verified_points == Decimal("0")


def test_nadia_does_not_verify_the_administrative_stage_nor_vina_field_or_final(
    people, cycle, region_answer
):
    answer = region_answer(UNVERIFIED)
    assert verifies(people.nadia, cycle, Stage.FIELD)
    assert not verifies(people.nadia, cycle, Stage.ADMINISTRATIVE)

    with pytest.raises(PermissionDenied):
        verify(
            people.nadia,
            answer,
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=None,
        )
    for stage in (Stage.FIELD, Stage.FINAL):
        with pytest.raises(PermissionDenied):
            verify(
                people.vina,
                answer,
                stage,
                status="diterima",
                points="",
                note="",
                expected_version=None,
            )
    assert not answer.verifications.exists()


def test_region_staff_do_not_verify(people, region_answer):
    answer = region_answer(UNVERIFIED)
    for username in ("sari", "budi", "admin"):
        with pytest.raises(PermissionDenied):
            verify(
                getattr(people, username),
                answer,
                Stage.ADMINISTRATIVE,
                status="diterima",
                points="",
                note="",
                expected_version=None,
            )


def test_a_verifier_of_another_province_cannot_verify_kota_metro(world, cycle, region_answer):
    aceh = User(username="cut", first_name="Cut", role=Role.PROVINCIAL_VERIFIER, region_id="11")
    aceh.full_clean(exclude=["password"])
    aceh.save()

    assert not verifies(aceh, cycle, Stage.ADMINISTRATIVE)
    assert not can_see_cycle(aceh, cycle)
    with pytest.raises(PermissionDenied):
        verify(
            aceh,
            region_answer(UNVERIFIED),
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=None,
        )


def test_verification_outside_the_open_window_is_refused(people, region_answer, move_window):
    move_window(Stage.ADMINISTRATIVE, opened=-30, closed=-1)
    with pytest.raises(InputError) as refused:
        verify(
            people.vina,
            region_answer(UNVERIFIED),
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=None,
        )
    assert refused.value.problems[0].message.key == "stage.closed"


def test_two_verifiers_of_the_same_version_the_second_is_a_conflict(world, people, region_answer):
    """Vina and her colleague Wulan both opened 1.1's verification (version 1 in the demo)."""
    wulan = User(
        username="wulan", first_name="Wulan", role=Role.PROVINCIAL_VERIFIER, region_id="18"
    )
    wulan.full_clean(exclude=["password"])
    wulan.save()
    answer = region_answer("1.1")
    opened = Verification.objects.get(answer=answer, stage=Stage.ADMINISTRATIVE.value).version

    verify(
        people.vina,
        answer,
        Stage.ADMINISTRATIVE,
        status="perbaikan",
        points="",
        note="Perda KLA perlu lampiran naskah akademik.",
        expected_version=opened,
    )
    with pytest.raises(Conflict) as conflict:
        verify(
            wulan,
            answer,
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=opened,
        )

    assert conflict.value.problems[0].message.params["who"] == "Vina Anggraini"
    kept = Verification.objects.get(answer=answer, stage=Stage.ADMINISTRATIVE.value)
    assert (kept.status, kept.verifier, kept.version) == ("perbaikan", people.vina, opened + 1)


# Locks: the secretariat closes a stage before its window ends, with a reason.


def self_assessment(cycle) -> StageWindow:
    return StageWindow.objects.get(cycle=cycle, stage=Stage.SELF_ASSESSMENT.value)


def test_sari_locks_and_unlocks_the_self_assessment_with_reasons(people, cycle):
    sari = people.sari
    window = self_assessment(cycle)

    locked = set_lock(sari, window, locked=True, reason="  Rekap final dikirim  ")
    assert (locked.locked, locked.locked_by) == (True, sari)
    assert locked.lock_reason == "Rekap final dikirim"
    assert not locked.is_open()

    unlocked = set_lock(sari, locked, locked=False, reason="Provinsi minta perbaikan 2.1")
    assert (unlocked.locked, unlocked.locked_by) == (False, None)
    assert unlocked.is_open()

    lock_event, unlock_event = AuditEvent.objects.filter(
        action__in=["stage.lock", "stage.unlock"], object_id=str(window.pk)
    ).order_by("id")
    assert (lock_event.action, lock_event.actor) == ("stage.lock", sari)
    assert lock_event.before == {"locked": False, "reason": ""}
    assert lock_event.after == {
        "locked": True,
        "reason": "Rekap final dikirim",
        "stage": "mandiri",
    }
    assert unlock_event.action == "stage.unlock"
    assert unlock_event.after is not None
    assert unlock_event.after["reason"] == "Provinsi minta perbaikan 2.1"


def test_the_administrator_may_lock_too(people, cycle):
    assert set_lock(people.admin, self_assessment(cycle), locked=True, reason="Audit").locked


@pytest.mark.parametrize("username", ["kartika", "budi", "oki", "vina", "nadia", "forumanak"])
def test_only_the_secretariat_and_the_administrator_lock(people, cycle, username):
    with pytest.raises(PermissionDenied):
        set_lock(getattr(people, username), self_assessment(cycle), locked=True, reason="x")
    assert not self_assessment(cycle).locked


def test_a_reason_is_required_to_lock_and_to_unlock(people, cycle):
    events = AuditEvent.objects.count()
    with pytest.raises(InputError) as no_reason:
        set_lock(people.sari, self_assessment(cycle), locked=True, reason=" ")
    problem = no_reason.value.problems[0]
    assert (problem.message.key, problem.column) == ("stage.reason_required", "reason")
    assert not self_assessment(cycle).locked

    set_lock(people.sari, self_assessment(cycle), locked=True, reason="Rekap dikirim")
    with pytest.raises(InputError) as no_reason_to_unlock:
        set_lock(people.sari, self_assessment(cycle), locked=False, reason="")
    assert no_reason_to_unlock.value.problems[0].message.key == "stage.reason_required"
    assert self_assessment(cycle).locked
    assert AuditEvent.objects.count() == events + 1


def test_locking_twice_is_refused(people, cycle):
    set_lock(people.sari, self_assessment(cycle), locked=True, reason="Rekap dikirim")
    first = self_assessment(cycle)

    with pytest.raises(InputError) as twice:
        set_lock(people.sari, first, locked=True, reason="Sekali lagi")

    assert twice.value.problems[0].message.key == "stage.already"
    again = self_assessment(cycle)
    assert (again.locked_at, again.lock_reason) == (first.locked_at, "Rekap dikirim")


def test_unlocking_an_open_stage_is_refused(people, cycle):
    with pytest.raises(InputError) as refused:
        set_lock(people.sari, self_assessment(cycle), locked=False, reason="Buka lagi")
    assert refused.value.problems[0].message.key == "stage.already"
