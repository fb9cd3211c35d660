"""Who sees and changes the registries (object rules on top of layak.accounts.policy).

- The secretariat of the kabupaten/kota (and an administrator) keeps every kind of institution,
  every training and every agency's staff count.
- An agency officer keeps the kinds of institution their agency keeps (layak.core.registries:
  Dinkes the puskesmas, Dinas Pendidikan and Kemenag the schools), records trainings, and the
  participants and staff count of their own agency; they read the rest of their region's
  registries, but participants' names only of their own agency.
- Coordinators and verifiers read within the regions they see; others see nothing.
"""

from __future__ import annotations

from django.db.models import Q

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import REGISTRY_READERS, Role
from layak.core.registries import KINDS, InstitutionKind, kinds_kept_by
from layak.registries.models import Institution, Participant, TrainingEvent


def reads(user: User, region_code: str) -> bool:
    return policy.manages_region(user, region_code) or (
        policy.role_of(user) in REGISTRY_READERS and policy.sees_region(user, region_code)
    )


def manages(user: User, region_code: str) -> bool:
    return policy.manages_region(user, region_code)


def _officer_of(user: User, region_code: str) -> bool:
    return (
        policy.role_of(user) is Role.OFFICER
        and bool(user.region_id == region_code)
        and user.agency_id is not None
    )


def kinds_kept(user: User, region_code: str) -> list[InstitutionKind]:
    """The kinds of institution this user may add and change in the region."""
    if manages(user, region_code):
        return list(KINDS)
    if not _officer_of(user, region_code) or user.agency is None:
        return []
    return kinds_kept_by(user.agency.names())


def keeps_kind(user: User, region_code: str, kind: str) -> bool:
    return any(k.code == kind for k in kinds_kept(user, region_code))


def may_change(user: User, institution: Institution) -> bool:
    return keeps_kind(user, institution.region_id, institution.kind)


def records_training(user: User, region_code: str) -> bool:
    return manages(user, region_code) or _officer_of(user, region_code)


def may_change_event(user: User, event: TrainingEvent) -> bool:
    """The secretariat, or the officer who recorded it."""
    if manages(user, event.region_id):
        return True
    return _officer_of(user, event.region_id) and event.created_by_id == user.pk


def records_agency(user: User, region_code: str, agency_id: int | None) -> bool:
    """May the user record participants or the staff count of this agency?"""
    if manages(user, region_code):
        return True
    return _officer_of(user, region_code) and agency_id == user.agency_id


def sees_names(user: User, participant: Participant) -> bool:
    region = participant.event.region_id
    if policy.role_of(user) is Role.OFFICER:
        return records_agency(user, region, participant.agency_id)
    return reads(user, region)


def participant_filter(user: User) -> Q:
    """Narrows participants to those whose names the user sees (all, or their agency's)."""
    if policy.role_of(user) is Role.OFFICER:
        return Q(agency_id=user.agency_id)
    return Q()
