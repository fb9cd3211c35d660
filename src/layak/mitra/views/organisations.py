"""Stakeholder pages: the organisations of a region, one organisation, the secretariat's list of
records to confirm, and the overview. Records themselves are in views_records.py."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS, MITRA_PAGES, STAFF, Role
from layak.accounts.typing import SignedInRequest
from layak.files.download import download
from layak.files.inspect import XLSX
from layak.mitra import policy as access
from layak.mitra import services
from layak.mitra.forms import OrganisationForm
from layak.mitra.lookups import organisation_for, region_for, regions_to_choose
from layak.mitra.matrices import partnership_matrix
from layak.mitra.models import Commitment, Contribution, Kind, Organisation, Status
from layak.mitra.queries import summarise, years_with_records
from layak.regions.lookups import chosen
from layak.web.forms import form_page
from layak.web.matrix import matrix_xlsx as workbook


def _choose(request: SignedInRequest, view_name: str) -> HttpResponse:
    return render(
        request,
        "mitra/choose_region.html",
        {"regions": regions_to_choose(request.user), "view_name": view_name},
    )


@require_GET
@allow(*MITRA_PAGES)
def index(request: SignedInRequest) -> HttpResponse:
    if request.user.role == Role.STAKEHOLDER:
        own = access.organisation_of(request.user)
        if own is not None:
            return redirect("mitra:organisation", organisation_id=own.pk)
        return render(request, "mitra/no_organisation.html")
    region = region_for(request)
    if region is None:
        return _choose(request, "mitra:index")
    kind = request.GET.get("jenis", "")
    organisations = Organisation.objects.filter(region=region).annotate(
        confirmed=Count("contributions", filter=Q(contributions__status=Status.CONFIRMED)),
        pending=Count("contributions", filter=Q(contributions__status=Status.PENDING)),
    )
    if kind in Kind.values:
        organisations = organisations.filter(kind=kind)
    return render(
        request,
        "mitra/index.html",
        {
            "region": region,
            "organisations": organisations.order_by("kind", "name"),
            "kinds": Kind.choices,
            "kind": kind,
            "chosen": chosen(request, region),
            "manages": policy.manages_region(request.user, region.code),
        },
    )


@require_GET
@allow(*MITRA_PAGES)
def organisation(request: SignedInRequest, organisation_id: int) -> HttpResponse:
    org = organisation_for(request.user, organisation_id)
    commitments = access.visible_records(request.user, Commitment.objects.all(), org)
    contributions = access.visible_records(
        request.user, Contribution.objects.select_related("place"), org
    )
    return render(
        request,
        "mitra/organisation.html",
        {
            "org": org,
            "commitments": commitments,
            "contributions": contributions,
            "manages": access.manages(request.user, org),
            "may_add": access.may_add(request.user, org),
            "acts_for": access.acts_for(request.user, org),
            "accounts": org.accounts.select_related("user"),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def organisation_edit(request: SignedInRequest, organisation_id: int | None = None) -> HttpResponse:
    if organisation_id is not None:
        org = organisation_for(request.user, organisation_id)
        region = org.region
    else:
        region_or_none = region_for(request)
        if region_or_none is None:
            return _choose(request, "mitra:organisation_new")
        region = region_or_none
        org = Organisation(region=region)
    if not access.manages(request.user, org):
        raise Http404
    form = OrganisationForm(request.POST or None, instance=org)

    def save() -> HttpResponse:
        account = form.cleaned_data["account"]
        saved = services.save_organisation(request.user, org, account=account, request=request)
        messages.success(request, _("Organisasi %(name)s disimpan.") % {"name": saved.name})
        return redirect("mitra:organisation", organisation_id=saved.pk)

    context = {"org": org, "region": region, "chosen": chosen(request, region)}
    return form_page(request, form, "mitra/organisation_form.html", context, save)


@require_GET
@allow(*MANAGERS)
def confirmations(request: SignedInRequest) -> HttpResponse:
    region = region_for(request)
    if region is None:
        return _choose(request, "mitra:confirmations")
    waiting = Q(organisation__region=region, status=Status.PENDING)
    return render(
        request,
        "mitra/confirmations.html",
        {
            "region": region,
            "contributions": Contribution.objects.filter(waiting)
            .select_related("organisation", "place")
            .order_by("updated_at"),
            "commitments": Commitment.objects.filter(waiting)
            .select_related("organisation")
            .order_by("updated_at"),
            "chosen": chosen(request, region),
        },
    )


@require_GET
@allow(*STAFF)
def summary(request: SignedInRequest) -> HttpResponse:
    region = region_for(request)
    if region is None:
        return _choose(request, "mitra:summary")
    years = years_with_records(region)
    this_year = timezone.localdate().year
    return render(
        request,
        "mitra/summary.html",
        {
            "s": summarise(region, _year(request, years)),
            "years": sorted({*years, this_year}, reverse=True),
            "chosen": chosen(request, region),
            "region_query": f"wilayah={region.code}&" if chosen(request, region) else "",
        },
    )


def _year(request: SignedInRequest, years: list[int]) -> int:
    """?tahun=, else the latest year with records, else this year."""
    try:
        return int(request.GET.get("tahun", ""))
    except ValueError:
        return years[0] if years else timezone.localdate().year


@require_GET
@allow(*STAFF)
def summary_xlsx(request: SignedInRequest) -> HttpResponse:
    """The stakeholders' matrix of the year (mitra/matrices.py) as a workbook."""
    region = region_for(request)
    if region is None:
        return _choose(request, "mitra:summary")
    year = _year(request, years_with_records(region))
    content = workbook(partnership_matrix(region, year))
    name = f"matriks-kemitraan-{region.code}-{year}.xlsx"
    return download(content, filename=name, content_type=XLSX.content_type)
