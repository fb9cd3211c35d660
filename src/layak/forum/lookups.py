"""Finding the city and the objects a request is about; anything a person may not see is 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from layak.accounts.models import User
from layak.accounts.typing import SignedInRequest
from layak.core.wilayah import Level
from layak.forum import policy as rules
from layak.forum.models import Aspiration, ChildMember, Facilitator, ForumGroup
from layak.regions.models import Region
from layak.web.lookups import visible_or_404


def city_for(request: SignedInRequest) -> Region | None:
    """The kabupaten/kota a list page is about: the Forum Anak account's own, the one asked
    for (?wilayah=) or the person's region; None when someone who sees many has not chosen."""
    user = request.user
    own = rules.forum_of(user)
    if own is not None:
        return own.city
    code = request.GET.get("wilayah", "").strip() or getattr(user, "region_id", None) or ""
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None:
        return None
    if not rules.reads_city(user, region.code):
        raise Http404
    return region


def cities_with_forums(user: User) -> QuerySet[Region]:
    codes = ForumGroup.objects.values_list("city_id", flat=True).distinct()
    regions = Region.objects.filter(code__in=codes)
    return regions.filter(code__in=[r.code for r in regions if rules.reads_city(user, r.code)])


def forum_for(user: User, forum_id: int) -> ForumGroup:
    rows = ForumGroup.objects.select_related("region", "city")
    return visible_or_404(rows, forum_id, lambda f: rules.reads_city(user, f.city_id))


def managed_forum(user: User, forum_id: int) -> ForumGroup:
    forum = forum_for(user, forum_id)
    if not rules.manages(user, forum.city_id):
        raise Http404
    return forum


def managed_member(user: User, member_id: int) -> ChildMember:
    rows = ChildMember.objects.select_related("forum__city")
    return visible_or_404(rows, member_id, lambda m: rules.manages(user, m.forum.city_id))


def managed_facilitator(user: User, facilitator_id: int) -> Facilitator:
    rows = Facilitator.objects.select_related("forum__city")
    return visible_or_404(rows, facilitator_id, lambda f: rules.manages(user, f.forum.city_id))


def aspiration_for(user: User, aspiration_id: int) -> Aspiration:
    rows = Aspiration.objects.select_related("forum__region", "place", "agency")
    found = visible_or_404(rows, aspiration_id, lambda a: rules.reads_city(user, a.city_id))
    own = rules.forum_of(user)
    if own is not None and own.pk != found.forum_id:
        raise Http404
    return found
