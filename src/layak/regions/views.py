"""The secretariat keeps its region's agencies (OPD) and their aliases."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts.models import Role
from layak.audit.log import record
from layak.regions.forms import AgencyForm
from layak.regions.models import Agency, Region
from layak.web.access import allow


def _region(request: HttpRequest) -> Region:
    region: Region | None = getattr(request.user, "region", None)
    if region is None:
        raise PermissionDenied
    return region


@require_GET
@allow(Role.SECRETARIAT, Role.ADMIN)
def agencies(request: HttpRequest) -> HttpResponse:
    region = _region(request)
    return render(
        request,
        "regions/agencies.html",
        {
            "region": region,
            "agencies": Agency.objects.filter(region=region).order_by("-active", "short_name"),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(Role.SECRETARIAT, Role.ADMIN)
def agency_edit(request: HttpRequest, agency_id: int | None = None) -> HttpResponse:
    region = _region(request)
    agency = (
        get_object_or_404(Agency, pk=agency_id, region=region)
        if agency_id
        else Agency(region=region)
    )
    before = (
        {
            "name": agency.name,
            "short_name": agency.short_name,
            "aliases": agency.aliases,
            "active": agency.active,
        }
        if agency.pk
        else None
    )
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = form.save()
                record(
                    "agency.save",
                    actor=request.user,
                    object_type="agency",
                    object_id=saved.pk,
                    region_code=region.code,
                    before=before,
                    after={
                        "name": saved.name,
                        "short_name": saved.short_name,
                        "aliases": saved.aliases,
                        "active": saved.active,
                    },
                    request=request,
                )
        except IntegrityError:
            form.add_error("short_name", _("Singkatan ini sudah dipakai OPD lain."))
        else:
            messages.success(request, _("OPD %(name)s disimpan.") % {"name": saved.short_name})
            return redirect("regions:agencies")
    return render(request, "regions/agency_form.html", {"form": form, "agency": agency})
