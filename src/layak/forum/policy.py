"""Who sees and changes what of the Forum Anak, on top of `layak.accounts.policy`.

- The secretariat of the kabupaten/kota (and administrators) keep the forums, members, consent
  and the aspirations' steps. They alone see consent records.
- Staff who see the region read forums (decree, counts, facilitators) and the aspirations'
  topics, statuses and outcomes; they do not see children's nicknames, nor what a child wrote.
- A Forum Anak account belongs to one forum (ForumAccount): it sends aspirations for it and
  follows the ones it sent itself (a forum's own account, sending on the children's behalf,
  follows those), and sees that forum's members (without consent).
"""

from __future__ import annotations

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.forum.models import ForumGroup


def forum_of(user: User) -> ForumGroup | None:
    """The forum a Forum Anak account belongs to (None for everyone else, or if unlinked)."""
    if policy.role_of(user) is not Role.FORUM_ANAK:
        return None
    account = getattr(user, "forum_account", None)
    return account.forum if account is not None else None


def manages(user: User, city_code: str) -> bool:
    """Keeps this city's forums, members, consent and aspiration steps."""
    return policy.manages_region(user, city_code)


def reads_aspiration_text(user: User, city_code: str) -> bool:
    """A child's own words (and the reasons a proposal was declined) are read by the
    secretariat and administrators only, on every page and document; the child who sent one
    reads it on their own page. Other staff see its topic, status and outcome."""
    return manages(user, city_code)


def sees_consent(user: User, city_code: str) -> bool:
    return manages(user, city_code)


def reads_city(user: User, city_code: str) -> bool:
    """Reads the city's forums and aspirations (not nicknames, not consent)."""
    own = forum_of(user)
    if own is not None:
        return own.city_id == city_code
    return policy.sees_region(user, city_code)


def sees_members(user: User, forum: ForumGroup) -> bool:
    """Sees the children's nicknames of this forum."""
    if manages(user, forum.city_id):
        return True
    own = forum_of(user)
    return own is not None and own.pk == forum.pk
