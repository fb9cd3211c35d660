"""Who may see and change a cycle, its questions, answers and verifications. The programme-wide
rules (role, region scope) are in `layak.accounts.policy`; these add the evaluation's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from layak.accounts.models import User
from layak.accounts.policy import manages_region, region_filter, role_of
from layak.accounts.roles import MANAGERS, OUTSIDERS, REGION_READERS, VERIFIER_STAGES, Role
from layak.core.instrument import Question
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Assignment, Cycle

if TYPE_CHECKING:
    from layak.regions.models import Region


def visible_cycles(user: User) -> QuerySet[Cycle]:
    condition = region_filter(user)
    if condition is None or role_of(user) in OUTSIDERS:
        return Cycle.objects.none()
    return Cycle.objects.with_instrument().filter(condition)


def can_see_cycle(user: User, cycle: Cycle) -> bool:
    return visible_cycles(user).filter(pk=cycle.pk).exists()


def manages_cycle(user: User, cycle: Cycle) -> bool:
    """Secretariat of the cycle's region (or an administrator): windows, locks, assignments."""
    return manages_region(user, cycle.region_id)


def assigned_codes(user: User, cycle: Cycle) -> set[str]:
    if user.agency_id is None:
        return set()
    return set(
        Assignment.objects.filter(cycle=cycle, agency_id=user.agency_id).values_list(
            "question_code", flat=True
        )
    )


def own_scope(user: User, cycle: Cycle) -> set[str] | None:
    """The questions a person's dashboard counts (completeness, the path to the target): an
    officer's, those assigned to his agency (what his question list shows); a coordinator's,
    her cluster's; everyone else's, all of them (None)."""
    role = role_of(user)
    if role is Role.OFFICER:
        return assigned_codes(user, cycle)
    if role is Role.COORDINATOR and user.cluster:
        return {q.code for q in cycle.instrument.questions if q.part_code == user.cluster}
    return None


def sees_question(
    user: User, cycle: Cycle, question: Question, assigned: set[str] | None = None
) -> bool:
    role = role_of(user)
    if role in REGION_READERS:
        return True
    if role is Role.OFFICER:
        return question.code in (assigned if assigned is not None else assigned_codes(user, cycle))
    if role is Role.UNIT_OPERATOR:
        return unit_answers(question, user.unit)
    return False


def unit_answers(question: Question, unit: Region | None) -> bool:
    """Whether this kecamatan or desa/kelurahan answers the question itself."""
    if unit is None:
        return False
    if unit.level == Level.DISTRICT:
        return question.per_kecamatan
    return unit.level == Level.VILLAGE and question.per_desa_kelurahan


def answers_for(
    user: User, cycle: Cycle, question: Question, assigned: set[str] | None = None
) -> bool:
    """May the user write the region-level answer (and its evidence) of this question?"""
    role = role_of(user)
    if role is Role.SECRETARIAT:
        return bool(user.region_id == cycle.region_id)
    if role is Role.COORDINATOR:
        return bool(user.region_id == cycle.region_id and question.part_code == user.cluster)
    if role is Role.OFFICER:
        return bool(user.region_id == cycle.region_id) and sees_question(
            user, cycle, question, assigned
        )
    return False


def answers_for_unit(user: User, cycle: Cycle, question: Question, unit: Region) -> bool:
    """May the user write a kecamatan's or kelurahan's own answer to this question?"""
    if not unit.code.startswith(f"{cycle.region_id}.") or not unit_answers(question, unit):
        return False
    role = role_of(user)
    if role is Role.UNIT_OPERATOR:
        return bool(user.unit_id == unit.code)
    return role is Role.SECRETARIAT and bool(user.region_id == cycle.region_id)


def writes_answer(user: User, cycle: Cycle, question: Question, unit: Region | None) -> bool:
    """May the user write this answer: a unit's own (`unit`) or else the region's? The same
    person may add and remove its evidence and confirm it when it was carried over."""
    if unit is not None:
        return answers_for_unit(user, cycle, question, unit)
    return answers_for(user, cycle, question)


def verifies(user: User, cycle: Cycle, stage: Stage) -> bool:
    role = role_of(user)
    if role is None or stage not in VERIFIER_STAGES.get(role, frozenset()):
        return False
    if role is Role.PROVINCIAL_VERIFIER:
        return cycle.region_id.startswith(f"{user.region_id}.")
    return True


def handles_agency_book(user: User, cycle: Cycle, agency: Any) -> bool:
    """May the user take (and send back) an agency's answer workbook? The secretariat (and
    administrators, to read) for every agency of the region, a coordinator for the questions of
    their cluster, an officer for their own agency only. What a row may change is still decided
    per answer (`answers_for`, `answers_for_unit`)."""
    if agency.region_id != cycle.region_id:
        return False
    role = role_of(user)
    if role in MANAGERS:
        return manages_cycle(user, cycle)
    if role is Role.COORDINATOR:
        return bool(user.region_id == cycle.region_id)
    if role is Role.OFFICER:
        return bool(user.region_id == cycle.region_id and user.agency_id == agency.pk)
    return False
