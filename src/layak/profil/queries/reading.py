"""Reading Profil Anak for the pages: which region a person may open, the current dataset of a
year, and its profile, computed once per dataset.

A dataset never changes after its import (a new import makes a new one), so its profile is kept
in Django's cache under the dataset's identity: the page, the PDF and the question page then cost
one query for the dataset, not a walk over every cell. A cache miss calls
`services.load_profile`, the one place that turns stored cells into a Profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.core.profil_anak.summary import Profile
from layak.core.profil_anak.support import SupportFigure, support_for, supports
from layak.core.wilayah import Level
from layak.profil import services
from layak.profil.models import ProfilDataset
from layak.regions.models import Region

CACHE_SECONDS = 6 * 3600
FIRST_YEAR = services.FIRST_YEAR


def visible_region(user: User, code: str) -> Region:
    """The kabupaten/kota `code` if the user may see it; 404 otherwise (its existence stays
    hidden from people outside it)."""
    if not policy.sees_region(user, code):
        raise Http404
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None:
        raise Http404
    return region


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404


def dataset_for(region: Region, year: int) -> ProfilDataset | None:
    return (
        ProfilDataset.objects.filter(region=region, year=year, is_current=True)
        .select_related("imported_by")
        .first()
    )


def _cache_key(dataset: ProfilDataset) -> str:
    # The file's hash as well as the id: ids can come back after a rolled-back transaction.
    stamp = int(dataset.imported_at.timestamp() * 1000)
    return f"profil-anak:{dataset.region_id}:{dataset.year}:{dataset.pk}:{dataset.sha256}:{stamp}"


def profile_of(dataset: ProfilDataset, region: Region) -> Profile:
    key = _cache_key(dataset)
    profile: Profile | None = cache.get(key)
    if profile is None:
        profile = services.load_profile(region, dataset.year)
        if profile is None:  # replaced or removed since the dataset was read
            raise Http404
        cache.set(key, profile, CACHE_SECONDS)
    return profile


@dataclass(frozen=True)
class Support:
    """The figures shown next to an answer, and the profile they come from."""

    region: Region
    year: int
    figures: tuple[SupportFigure, ...]


def support_for_question(region: Region, year: int, code: str) -> Support | None:
    """Figures for question `code` from the latest Profil Anak of `region` up to `year` (and
    the year before it for the two-year questions). No query for a question the profile does
    not support; one for the datasets otherwise (the profiles come from the cache)."""
    if not supports(code):
        return None
    datasets = list(
        ProfilDataset.objects.filter(region=region, year__lte=year, is_current=True).order_by(
            "-year"
        )[:2]
    )
    if not datasets:
        return None
    latest = datasets[0]
    profile = profile_of(latest, region)
    previous = None
    if len(datasets) > 1 and datasets[1].year == latest.year - 1:
        previous = profile_of(datasets[1], region)
    figures = support_for(code, profile, previous)
    return Support(region, latest.year, figures) if figures else None
