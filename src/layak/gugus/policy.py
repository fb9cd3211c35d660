"""Who sees and changes the task force's records (object rules on top of layak.accounts.policy).

The secretariat of the region and administrators keep everything; cluster coordinators, agency
officers and verifiers read; an officer sees and updates only their own agency's action items.
Stakeholders, Forum Anak members and kecamatan/kelurahan operators do not see the task force's
internals (its representatives' names appear in documents generated from it).
"""

from __future__ import annotations

from django.db.models import Q

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import TASK_FORCE_READERS, Role


def reads(user: User, region_code: str) -> bool:
    return policy.role_of(user) in TASK_FORCE_READERS and policy.sees_region(user, region_code)


def manages(user: User, region_code: str) -> bool:
    return policy.manages_region(user, region_code)


def own_agency_only(user: User) -> bool:
    """An officer's views of action items are limited to their agency."""
    return policy.role_of(user) is Role.OFFICER


def sees_action(user: User, region_code: str, agency_id: int) -> bool:
    if not reads(user, region_code):
        return False
    return not own_agency_only(user) or bool(user.agency_id == agency_id)


def updates_status(user: User, region_code: str, agency_id: int) -> bool:
    if manages(user, region_code):
        return True
    return (
        policy.role_of(user) is Role.OFFICER
        and bool(user.region_id == region_code)
        and bool(user.agency_id == agency_id)
    )


def action_filter(user: User) -> Q:
    """Narrows a region's action items to what the user sees (all, or their agency's)."""
    return Q(agency_id=user.agency_id) if own_agency_only(user) else Q()
