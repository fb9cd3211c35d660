"""A kabupaten/kota's Profil Anak aggregates and its Forum Anak aspirations.

Profil Anak: people who see the region (its staff, its province's verifiers, national ones)
get the figures as the region's page shows them; any other caller gets the public Display of
the public pages (`profil.publishing`: withheld cells have the state "hidden" and no value),
only for a region Layak serves, and nothing (404) while the dataset's disclosure audit has not
passed. Aspirations: topic, status and outcome; the children's text
and the reasons given only to the secretariat that keeps them; never a child's name: an
outcome's name, which staff write, calls a child named in it by their role, as the forum's
documents and the public page do (`layak.evidence.screening`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema

from layak.accounts import policy
from layak.accounts.typing import SignedInRequest
from layak.api.paging import Paging, page
from layak.api.schemas import AspirationPage, ProfilOut, ok
from layak.core.child_names import screen_names
from layak.core.messages import InputError, Problem, msg
from layak.core.wilayah import Level
from layak.evidence.screening import child_names
from layak.forum import policy as rules
from layak.forum.models import STATUS_CHOICES, TOPICS, Aspiration
from layak.profil.queries import publishing, reading
from layak.profil.queries.reading import check_year
from layak.regions.models import Region

router = Router(tags=["wilayah"])


def _regency(code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None:
        raise Http404
    return region


@router.get("/regions/{code}/profil-anak/{year}", response=ok(ProfilOut), url_name="profil")
def profil(request: SignedInRequest, code: str, year: int) -> dict[str, Any]:
    full = policy.sees_region(request.user, code)
    region = _regency(code)
    if not full and not region.cycles.exists():  # the public pages serve only these regions
        raise Http404
    check_year(year)
    dataset = reading.dataset_for(region, year)
    if dataset is None:
        raise Http404
    profile = reading.profile_of(dataset, region)
    if full:
        shown = profile.to_json()
    else:
        public = publishing.public_display(dataset, profile)
        if public is None:
            raise Http404
        shown = dataclasses.asdict(public)
    return {
        "region": {"code": region.code, "name": region.name},
        "year": year,
        "mode": "full" if full else "public",
        "profile": shown,
    }


class AspirationFilter(Schema):
    status: str | None = Field(None, description=" | ".join(k for k, _ in STATUS_CHOICES))
    topic: str | None = Field(None, description=" | ".join(k for k, _ in TOPICS))


def _check_choice(name: str, value: str | None, choices: Any) -> None:
    allowed = [str(k) for k, _ in choices]
    if value and value not in allowed:
        raise InputError(
            [
                Problem(
                    msg("answer.unknown_option", value=value, options=", ".join(allowed)),
                    column=name,
                )
            ]
        )


@router.get("/regions/{code}/aspirations", response=ok(AspirationPage), url_name="aspirations")
def aspirations(
    request: SignedInRequest, code: str, filters: Query[AspirationFilter], paging: Query[Paging]
) -> dict[str, Any]:
    if not rules.reads_city(request.user, code):
        raise Http404
    _check_choice("status", filters.status, STATUS_CHOICES)
    _check_choice("topic", filters.topic, TOPICS)
    found = Aspiration.objects.filter(city_id=code).select_related("forum", "place", "agency")
    own = rules.forum_of(request.user)
    if own is not None:
        found = found.filter(forum=own)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.topic:
        found = found.filter(topic=filters.topic)
    keeper = rules.manages(request.user, code)
    names: dict[str, str] | None = None

    def outcome(written: str) -> str:
        nonlocal names
        if not written:
            return written
        if names is None:  # read once per page, and only when an outcome is written
            names = child_names(code)
        return screen_names(written, names)

    def shape(a: Aspiration) -> dict[str, Any]:
        return {
            "id": a.pk,
            "forum": a.forum.name,
            "topic": a.topic,
            "status": a.status,
            "submitted_on": a.submitted_at.date(),
            "place": a.place.name if a.place else None,
            "musrenbang_level": a.musrenbang_level,
            "outcome_kind": a.outcome_kind,
            "outcome_name": outcome(a.outcome_name),
            "agency": a.agency.short_name if a.agency else None,
            "accepted_on": a.accepted_on,
            "done_on": a.done_on,
            "text": a.text if keeper else None,
            "decline_reason": a.decline_reason if keeper else None,
        }

    return page(found.order_by("-submitted_at", "-pk"), paging, shape)
