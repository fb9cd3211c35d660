"""Who may use the reports of a cycle, on top of `layak.accounts.policy`.

The region's reports (the self-assessment report, the gap analysis, bundles of the whole region,
a part or any agency) are for the secretariat, the cluster coordinators, administrators and the
verifiers: everyone who reads every question of the region. An agency officer may take only the
bundle of their own agency's questions. The files in any bundle are those the requester may
download one by one (`layak.evidence.services.may_read`), checked again file by file.
"""

from __future__ import annotations

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import REGION_READERS, Role


def reads_region_reports(user: User) -> bool:
    return policy.role_of(user) in REGION_READERS


def own_agency_only(user: User) -> bool:
    """An officer's bundles are of their own agency, and of nothing else."""
    return policy.role_of(user) is Role.OFFICER
