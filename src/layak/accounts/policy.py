"""Who may see and do what across the programme. Every view and service asks these functions
(and each app's own `policy` module for its objects, e.g. `layak.evaluation.policy`); nothing
else decides. Views state their roles with `@allow(...)` or `@public`.

Scope: staff of a kabupaten/kota see their own region; a provincial verifier sees the regions
of their province; national verifiers and administrators see all. Within a region an agency
officer sees only the questions assigned to their agency, and an operator only the KELANA/DEKELA
questions of their kecamatan or kelurahan.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from layak.accounts.roles import NATION_READERS, OUTSIDERS, SECRETARIAT_GRANTS, Role

if TYPE_CHECKING:
    from layak.accounts.models import User
    from layak.accounts.typing import Person
    from layak.regions.models import Region

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def allow(*roles: Role) -> Callable[[View], View]:
    """`@allow(Role.SECRETARIAT, ...)` on a view: a log-in with one of the roles is required
    (403 for other roles). The URL-walk test fails on any view without a rule."""
    allowed = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_active or Role(getattr(user, "role", "")) not in allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.access_roles = allowed  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def public(view: View) -> View:
    """Marks a view anyone may open."""
    view.access_roles = "public"  # type: ignore[attr-defined]
    return view


def role_of(user: Person) -> Role | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Role(user.role)


def region_filter(user: User, field: str = "region") -> Q | None:
    """A filter on a region code field for what the user may see; None means nothing."""
    role = role_of(user)
    if role is None:
        return None
    if role in NATION_READERS:
        return Q()
    if user.region_id is None:
        return None
    if role is Role.PROVINCIAL_VERIFIER:
        return Q(**{f"{field}__code__startswith": f"{user.region_id}."})
    return Q(**{f"{field}__code": user.region_id})


def manages_region(user: User, region_code: str) -> bool:
    """May the user keep this kabupaten/kota: its cycles (windows, locks, assignments) and its
    agencies (OPD)? Its own secretariat, or an administrator (every region)."""
    if manages_every_region(user):
        return True
    return role_of(user) is Role.SECRETARIAT and bool(user.region_id == region_code)


def manages_every_region(user: User) -> bool:
    """An administrator has no region of their own and keeps them all."""
    return role_of(user) is Role.ADMIN


def grants_role(user: User, role: Role) -> bool:
    """May the user give this role to an account (of a region they keep)?"""
    if manages_every_region(user):
        return True
    return role_of(user) is Role.SECRETARIAT and role in SECRETARIAT_GRANTS


def manages_account(user: User, account: User) -> bool:
    """May the user change this account (deactivate it, reset its password, unlock it)? An
    administrator every account; a secretariat the region staff of its own region."""
    if manages_every_region(user):
        return True
    return (
        role_of(user) is Role.SECRETARIAT
        and user.region_id is not None
        and account.region_id == user.region_id
        and Role(account.role) in SECRETARIAT_GRANTS
    )


def imports_profil_anak(user: User, region: Region) -> bool:
    """May the user import the Profil Anak data of this kabupaten/kota (from the web)?"""
    role = role_of(user)
    if role is Role.ADMIN:
        return True
    return role is Role.SECRETARIAT and bool(user.region_id == region.code)


def sees_region(user: User, region_code: str) -> bool:
    """Is this kabupaten/kota within what the user sees? The scope of `region_filter`: their
    own region, their province's regions, or all of them; nothing for stakeholders."""
    role = role_of(user)
    if role is None or role in OUTSIDERS:
        return False
    if role in NATION_READERS:
        return True
    if user.region_id is None:
        return False
    if role is Role.PROVINCIAL_VERIFIER:
        return region_code.startswith(f"{user.region_id}.")
    return bool(user.region_id == region_code)


def sees_nation(user: User) -> bool:
    """The national overview (every region side by side): national verifiers and administrators."""
    return role_of(user) in NATION_READERS


def sees_province(user: User, province_code: str) -> bool:
    """A province's overview: those who see the nation, and the province's own verifier."""
    if sees_nation(user):
        return True
    return role_of(user) is Role.PROVINCIAL_VERIFIER and bool(user.region_id == province_code)
