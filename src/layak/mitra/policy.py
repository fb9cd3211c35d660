"""Who sees and changes which stakeholder records (the object rules; views state roles).

- The secretariat of the organisation's kabupaten/kota (and an administrator) sees and keeps
  everything and confirms or returns records.
- A stakeholder account acts for one organisation: it sees all of that organisation's records and
  changes those not yet confirmed; another organisation's records do not exist for it (404).
- Other staff who see the region (coordinators, officers, operators, verifiers) read the
  confirmed records: they are the evidence behind the partnership questions.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import MITRA_READERS, Role
from layak.mitra.models import Commitment, Contribution, Organisation, StakeholderAccount, Status

Record = Commitment | Contribution


def organisation_of(user: User) -> Organisation | None:
    """The organisation a stakeholder account acts for (None for everyone else)."""
    if policy.role_of(user) is not Role.STAKEHOLDER:
        return None
    link = (
        StakeholderAccount.objects.select_related("organisation__region").filter(user=user).first()
    )
    return link.organisation if link is not None else None


def manages(user: User, organisation: Organisation) -> bool:
    return policy.manages_region(user, organisation.region_id)


def acts_for(user: User, organisation: Organisation) -> bool:
    own = organisation_of(user)
    return own is not None and own.pk == organisation.pk


def sees_organisation(user: User, organisation: Organisation) -> bool:
    if manages(user, organisation) or acts_for(user, organisation):
        return True
    return policy.role_of(user) in MITRA_READERS and policy.sees_region(
        user, organisation.region_id
    )


def sees_unconfirmed(user: User, organisation: Organisation) -> bool:
    return manages(user, organisation) or acts_for(user, organisation)


def sees_record(user: User, record: Record) -> bool:
    organisation = record.organisation
    if sees_unconfirmed(user, organisation):
        return True
    return record.status == Status.CONFIRMED and sees_organisation(user, organisation)


def may_add(user: User, organisation: Organisation) -> bool:
    return manages(user, organisation) or (acts_for(user, organisation) and organisation.active)


def may_edit(user: User, record: Record) -> bool:
    """The stakeholder changes its records until they are confirmed; then only the secretariat."""
    if manages(user, record.organisation):
        return True
    return acts_for(user, record.organisation) and record.status != Status.CONFIRMED


def may_review(user: User, record: Record) -> bool:
    return manages(user, record.organisation)


def visible_records(
    user: User, queryset: QuerySet[Any], organisation: Organisation
) -> QuerySet[Any]:
    """The records of the organisation this user may see."""
    queryset = queryset.filter(organisation=organisation)
    if sees_unconfirmed(user, organisation):
        return queryset
    return queryset.filter(Q(status=Status.CONFIRMED))
