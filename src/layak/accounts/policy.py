"""Who may see and do what. Every view and service asks these functions; nothing else decides.

Scope: staff of a kabupaten/kota see their own region; a provincial verifier sees the regions
of their province; national verifiers and administrators see all. Within a region an agency
officer sees only the questions assigned to their agency, and an operator only the KELANA/DEKELA
questions of their kecamatan or kelurahan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from layak.accounts.models import Role
from layak.core.instrument import Question
from layak.core.stages import Stage
from layak.core.wilayah import Level

if TYPE_CHECKING:
    from layak.evaluation.models import Cycle
    from layak.regions.models import Region

MANAGERS = frozenset({Role.ADMIN, Role.SECRETARIAT})
READ_ALL_QUESTIONS = frozenset(
    {
        Role.ADMIN,
        Role.SECRETARIAT,
        Role.COORDINATOR,
        Role.PROVINCIAL_VERIFIER,
        Role.NATIONAL_VERIFIER,
    }
)
# Which verifier role decides at which stage.
VERIFIER_STAGES = {
    Role.PROVINCIAL_VERIFIER: frozenset({Stage.ADMINISTRATIVE}),
    Role.NATIONAL_VERIFIER: frozenset({Stage.FIELD, Stage.FINAL}),
}


def role_of(user: Any) -> Role | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Role(user.role)


def region_filter(user: Any, field: str = "region") -> Q | None:
    """A filter on a region code field for what the user may see; None means nothing."""
    role = role_of(user)
    if role is None:
        return None
    if role in (Role.ADMIN, Role.NATIONAL_VERIFIER):
        return Q()
    if user.region_id is None:
        return None
    if role is Role.PROVINCIAL_VERIFIER:
        return Q(**{f"{field}__code__startswith": f"{user.region_id}."})
    return Q(**{f"{field}__code": user.region_id})


def visible_cycles(user: Any) -> QuerySet[Cycle]:
    from layak.evaluation.models import Cycle

    condition = region_filter(user)
    if condition is None or role_of(user) in (Role.STAKEHOLDER, Role.FORUM_ANAK):
        return Cycle.objects.none()
    return Cycle.objects.filter(condition).select_related("region", "instrument_record")


def can_see_cycle(user: Any, cycle: Cycle) -> bool:
    return visible_cycles(user).filter(pk=cycle.pk).exists()


def manages(user: Any, cycle: Cycle) -> bool:
    """Secretariat of the cycle's region (or an administrator): windows, locks, assignments."""
    return manages_region(user, cycle.region_id)


def manages_region(user: Any, region_code: str) -> bool:
    """May the user keep this kabupaten/kota: its cycles (windows, locks, assignments) and its
    agencies (OPD)? Its own secretariat, or an administrator (every region)."""
    if manages_every_region(user):
        return True
    return role_of(user) is Role.SECRETARIAT and bool(user.region_id == region_code)


def manages_every_region(user: Any) -> bool:
    """An administrator has no region of their own and keeps them all."""
    return role_of(user) is Role.ADMIN


def assigned_codes(user: Any, cycle: Cycle) -> set[str]:
    from layak.evaluation.models import Assignment

    if user.agency_id is None:
        return set()
    return set(
        Assignment.objects.filter(cycle=cycle, agency_id=user.agency_id).values_list(
            "question_code", flat=True
        )
    )


def sees_question(
    user: Any, cycle: Cycle, question: Question, assigned: set[str] | None = None
) -> bool:
    role = role_of(user)
    if role in READ_ALL_QUESTIONS:
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
    user: Any, cycle: Cycle, question: Question, assigned: set[str] | None = None
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


def answers_for_unit(user: Any, cycle: Cycle, question: Question, unit: Region) -> bool:
    """May the user write a kecamatan's or kelurahan's own answer to this question?"""
    if not unit.code.startswith(f"{cycle.region_id}.") or not unit_answers(question, unit):
        return False
    role = role_of(user)
    if role is Role.UNIT_OPERATOR:
        return bool(user.unit_id == unit.code)
    return role is Role.SECRETARIAT and bool(user.region_id == cycle.region_id)


def verifies(user: Any, cycle: Cycle, stage: Stage) -> bool:
    role = role_of(user)
    if role is None or stage not in VERIFIER_STAGES.get(role, frozenset()):
        return False
    if role is Role.PROVINCIAL_VERIFIER:
        return cycle.region_id.startswith(f"{user.region_id}.")
    return True


def imports_profil_anak(user: Any, region: Region) -> bool:
    """May the user import the Profil Anak data of this kabupaten/kota (from the web)?"""
    role = role_of(user)
    if role is Role.ADMIN:
        return True
    return role is Role.SECRETARIAT and bool(user.region_id == region.code)


def sees_region(user: Any, region_code: str) -> bool:
    """Is this kabupaten/kota within what the user sees? The scope of `region_filter`: their
    own region, their province's regions, or all of them; nothing for stakeholders."""
    role = role_of(user)
    if role is None or role in (Role.STAKEHOLDER, Role.FORUM_ANAK):
        return False
    if role in (Role.ADMIN, Role.NATIONAL_VERIFIER):
        return True
    if user.region_id is None:
        return False
    if role is Role.PROVINCIAL_VERIFIER:
        return region_code.startswith(f"{user.region_id}.")
    return bool(user.region_id == region_code)


def sees_nation(user: Any) -> bool:
    """The national overview (every region side by side): national verifiers and administrators."""
    return role_of(user) in (Role.ADMIN, Role.NATIONAL_VERIFIER)


def sees_province(user: Any, province_code: str) -> bool:
    """A province's overview: those who see the nation, and the province's own verifier."""
    if sees_nation(user):
        return True
    return role_of(user) is Role.PROVINCIAL_VERIFIER and bool(user.region_id == province_code)


def handles_agency_book(user: Any, cycle: Cycle, agency: Any) -> bool:
    """May the user take (and send back) an agency's answer workbook? The secretariat (and
    administrators, to read) for every agency of the region, a coordinator for the questions of
    their cluster, an officer for their own agency only. What a row may change is still decided
    per answer (`answers_for`, `answers_for_unit`)."""
    if agency.region_id != cycle.region_id:
        return False
    role = role_of(user)
    if role in MANAGERS:
        return manages(user, cycle)
    if role is Role.COORDINATOR:
        return bool(user.region_id == cycle.region_id)
    if role is Role.OFFICER:
        return bool(user.region_id == cycle.region_id and user.agency_id == agency.pk)
    return False
