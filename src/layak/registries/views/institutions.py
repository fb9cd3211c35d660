"""The registry of institutions: the kinds of a region with their shares, one kind's list, one
institution with its decrees, and their forms. The import of a list is in imports.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts.policy import allow
from layak.accounts.roles import REGISTRY_READERS, REGISTRY_WRITERS
from layak.accounts.typing import SignedInRequest
from layak.core.registries import BY_CODE
from layak.files.download import download
from layak.files.inspect import XLSX
from layak.regions.lookups import chosen
from layak.regions.models import Region
from layak.registries import matrices, queries, services
from layak.registries import policy as access
from layak.registries.forms import DesignationForm, InstitutionForm
from layak.registries.lookups import designation_for, institution_for, region_for
from layak.registries.models import Designation, Institution
from layak.registries.views.attached import attached_file, attached_form_page
from layak.registries.views.choosing import choose_region, region_and_year, years_around
from layak.registries.views.kept import kept_form_page
from layak.web.htmx import is_htmx


@require_GET
@allow(*REGISTRY_READERS)
def index(request: SignedInRequest) -> HttpResponse:
    place = region_and_year(request, "registries:index")
    if isinstance(place, HttpResponse):
        return place
    region, year = place
    kept = {k.code.value for k in access.kinds_kept(request.user, region.code)}
    context = {
        "region": region,
        "year": year,
        "years": years_around(year),
        "lines": queries.kind_lines(region, year),
        "kept": kept,
        "chosen": chosen(request, region),
    }
    return render(request, "registries/index.html", context)


def _kind_place(request: SignedInRequest, kind: str) -> tuple[Region, int] | HttpResponse:
    """The region and year a kind's page or workbook is for, or the page to choose a region."""
    if kind not in BY_CODE:
        raise Http404
    return region_and_year(request, "registries:index")


@require_GET
@allow(*REGISTRY_READERS)
def kind(request: SignedInRequest, kind: str) -> HttpResponse:
    place = _kind_place(request, kind)
    if isinstance(place, HttpResponse):
        return place
    region, year = place
    line, rows = queries.kind_line(region, year, kind)
    context = {
        "region": region,
        "year": year,
        "years": years_around(year),
        "line": line,
        "rows": rows,
        "may_add": access.keeps_kind(request.user, region.code, kind),
        "chosen": chosen(request, region),
    }
    template = "registries/_kind_table.html" if is_htmx(request) else "registries/kind.html"
    return render(request, template, context)


@require_GET
@allow(*REGISTRY_READERS)
def kind_xlsx(request: SignedInRequest, kind: str) -> HttpResponse:
    """The kind's matrix as a workbook (registries/matrices.py), for the year chosen."""
    place = _kind_place(request, kind)
    if isinstance(place, HttpResponse):
        return place
    region, year = place
    content = matrices.kind_xlsx(region, year, kind)
    name = f"matriks-{kind}-{region.code}-{year}.xlsx"
    return download(content, filename=name, content_type=XLSX.content_type)


@require_GET
@allow(*REGISTRY_READERS)
def institution(request: SignedInRequest, institution_id: int) -> HttpResponse:
    item = institution_for(request.user, institution_id)
    context = {
        "item": item,
        "designations": item.designations.select_related("created_by"),
        "may_change": access.may_change(request.user, item),
    }
    return render(request, "registries/institution.html", context)


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def institution_edit(request: SignedInRequest, institution_id: int | None = None) -> HttpResponse:
    if institution_id is not None:
        item = institution_for(request.user, institution_id)
        if not access.may_change(request.user, item):
            raise PermissionDenied
        region = item.region
    else:
        chosen_region = region_for(request)
        if chosen_region is None:
            return choose_region(request, "registries:institution_new")
        region = chosen_region
        item = Institution(region=region, kind=request.GET.get("jenis", ""))
    kinds = access.kinds_kept(request.user, region.code)
    if not kinds:
        raise PermissionDenied
    form = InstitutionForm(request.POST or None, instance=item, kinds=kinds)

    def saved_message(saved: Institution) -> str:
        return _("Lembaga %(name)s disimpan.") % {"name": saved.name}

    template = "registries/institution_form.html"
    return kept_form_page(request, form, template, services.save_institution, saved_message)


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def designation_edit(
    request: SignedInRequest, institution_id: int | None = None, designation_id: int | None = None
) -> HttpResponse:
    if designation_id is not None:
        item = designation_for(request.user, designation_id)
        owner = item.institution
    else:
        owner = institution_for(request.user, institution_id or 0)
        item = Designation(institution=owner)
    if not access.may_change(request.user, owner):
        raise PermissionDenied
    form = DesignationForm(request.POST or None, request.FILES or None, instance=item)

    def saved_message() -> str:
        return _("SK %(number)s disimpan.") % {"number": item.number}

    return attached_form_page(request, form, owner, services.save_designation, saved_message)


@require_GET
@allow(*REGISTRY_READERS)
def designation_file(request: SignedInRequest, designation_id: int) -> FileResponse:
    item = designation_for(request.user, designation_id)
    return attached_file(
        request,
        item,
        name="sk-lembaga",
        action="registries.designation.download",
        object_type="registries.designation",
        region_code=item.institution.region_id,
    )
