"""The agencies (OPD) of a kabupaten/kota and their aliases: kept by its secretariat, or by an
administrator for any region (chosen with ?wilayah=)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.core.wilayah import Level
from layak.regions import services
from layak.regions.forms import AgencyForm
from layak.regions.models import Agency, Region
from layak.web.forms import form_page


def _own_region(request: HttpRequest) -> str | None:
    return getattr(request.user, "region_id", None)


def _region(request: SignedInRequest, code: str | None = None) -> Region | None:
    """The kabupaten/kota whose agencies are kept: the given one, else the one asked for
    (?wilayah=), else the user's own; None when there is none yet (an administrator who has
    not chosen). A region the user does not keep answers 404."""
    code = code or request.GET.get("wilayah", "").strip() or _own_region(request)
    if not code:
        return None
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not policy.manages_region(request.user, region.code):
        raise Http404
    return region


def _chosen(request: HttpRequest, region: Region) -> str:
    """The query that names the region in links, unless it is the user's own."""
    if region.code == _own_region(request):
        return ""
    return "?" + urlencode({"wilayah": region.code})


@require_GET
@allow(*MANAGERS)
def agencies(request: SignedInRequest) -> HttpResponse:
    region = _region(request)
    if region is None:
        return _choose_region(request)
    return render(
        request,
        "regions/agencies.html",
        {
            "region": region,
            "agencies": Agency.objects.filter(region=region)
            .select_related("coordinator")
            .order_by("-active", "short_name"),
            "chosen": _chosen(request, region),
            "may_choose": policy.manages_every_region(request.user),
        },
    )


def _choose_region(request: SignedInRequest) -> HttpResponse:
    if not policy.manages_every_region(request.user):
        raise Http404
    regencies = Region.objects.filter(level=Level.REGENCY).select_related("parent")
    return render(
        request,
        "regions/choose_region.html",
        {
            "regions": regencies,
            "with_agencies": regencies.annotate(count=Count("agencies")).filter(count__gt=0),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def agency_edit(request: SignedInRequest, agency_id: int | None = None) -> HttpResponse:
    existing = get_object_or_404(Agency, pk=agency_id) if agency_id else None
    region = _region(request, existing.region_id if existing else None)
    if region is None:  # a new agency, and no region chosen yet
        return redirect("regions:agencies")
    agency = existing or Agency(region=region)
    form = AgencyForm(request.POST or None, instance=agency)

    def save() -> HttpResponse:
        saved = services.save_agency(request.user, form.save(commit=False), request=request)
        messages.success(request, _("OPD %(name)s disimpan.") % {"name": saved.short_name})
        return redirect(reverse("regions:agencies") + _chosen(request, region))

    context = {"agency": agency, "region": region, "chosen": _chosen(request, region)}
    return form_page(request, form, "regions/agency_form.html", context, save)
