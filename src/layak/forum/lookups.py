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
    forum = ForumGroup.objects.select_related("region", "city").filter(pk=forum_id).first()
    if forum is None or not rules.reads_city(user, forum.city_id):
        raise Http404
    return forum


def managed_forum(user: User, forum_id: int) -> ForumGroup:
    forum = forum_for(user, forum_id)
    if not rules.manages(user, forum.city_id):
        raise Http404
    return forum


def managed_member(user: User, member_id: int) -> ChildMember:
    member = ChildMember.objects.select_related("forum__city").filter(pk=member_id).first()
    if member is None or not rules.manages(user, member.forum.city_id):
        raise Http404
    return member


def managed_facilitator(user: User, facilitator_id: int) -> Facilitator:
    found = Facilitator.objects.select_related("forum__city").filter(pk=facilitator_id).first()
    if found is None or not rules.manages(user, found.forum.city_id):
        raise Http404
    return found


def aspiration_for(user: User, aspiration_id: int) -> Aspiration:
    found = (
        Aspiration.objects.select_related("forum__region", "place", "agency")
        .filter(pk=aspiration_id)
        .first()
    )
    if found is None or not rules.reads_city(user, found.city_id):
        raise Http404
    own = rules.forum_of(user)
    if own is not None and own.pk != found.forum_id:
        raise Http404
    return found
