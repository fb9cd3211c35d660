"""Profil Anak pages: the profile of a region and year, its PDF, and the background import
with its progress. Staff of the region read; the secretariat and administrators import."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS, STAFF
from layak.accounts.typing import SignedInRequest
from layak.core.wilayah import Level
from layak.files.download import download
from layak.profil import services
from layak.profil.documents import render_pdf
from layak.profil.forms import ImportForm
from layak.profil.models import ProfilDataset, ProfilImport
from layak.profil.queries import publishing, reading
from layak.profil.queries.institutions import service_tables
from layak.profil.queries.present import profile_context
from layak.profil.queries.results import job_context
from layak.regions.models import Region
from layak.web.errors import request_lang
from layak.web.forms import form_page
from layak.web.htmx import is_htmx
from layak.web.limits import allows_body


@require_GET
@allow(*STAFF)
def index(request: SignedInRequest) -> HttpResponse:
    """Region staff go to their region's latest year; others choose among the regions they see."""
    user = request.user
    own = getattr(user, "region", None)
    if own is not None and own.level == Level.REGENCY:
        years = services.years_with_data(own)
        year = years[0] if years else timezone.localdate().year - 1
        return redirect("profil:page", region_code=own.code, year=year)
    condition = policy.region_filter(user)
    regions: dict[str, dict[str, Any]] = {}
    if condition is not None:
        datasets = ProfilDataset.objects.filter(condition, is_current=True).select_related("region")
        for dataset in datasets.order_by("region__name", "-year"):
            entry = regions.setdefault(dataset.region_id, {"region": dataset.region, "years": []})
            entry["years"].append(dataset.year)
        # Regions under evaluation (with a cycle) appear even before their first import.
        evaluated = Region.objects.filter(
            policy.region_filter(user, field="cycles__region"), cycles__isnull=False
        ).distinct()
        for region in evaluated:
            regions.setdefault(region.code, {"region": region, "years": []})
    rows = sorted(regions.values(), key=lambda entry: entry["region"].name)
    default_year = timezone.localdate().year - 1
    return render(request, "profil/index.html", {"rows": rows, "default_year": default_year})


def _page_context(
    request: SignedInRequest, region: Region, year: int, form: ImportForm | None = None
) -> dict[str, Any]:
    user = request.user
    dataset = reading.dataset_for(region, year)
    context: dict[str, Any] = {
        "region": region,
        "year": year,
        "dataset": dataset,
        "years": services.years_with_data(region),
        "can_import": policy.imports_profil_anak(user, region),
        # The services for children per kecamatan, from the registers (their own year's).
        "service_tables": service_tables(user, region, year),
    }
    if dataset is not None:
        context.update(profile_context(reading.profile_of(dataset, region)))
    if context["can_import"]:
        context["form"] = form or ImportForm(initial={"year": year})
        context["jobs"] = ProfilImport.objects.filter(region=region).select_related("requested_by")[
            :5
        ]
    return context


@require_GET
@allow(*STAFF)
def page(request: SignedInRequest, region_code: str, year: int) -> HttpResponse:
    region = reading.visible_region(request.user, region_code)
    reading.check_year(year)
    return render(request, "profil/page.html", _page_context(request, region, year))


@allows_body(lambda: settings.LAYAK_PROFIL_UPLOAD_MB * 1024 * 1024)
@require_POST
@allow(*MANAGERS)
def start_import(request: SignedInRequest, region_code: str) -> HttpResponse:
    region = reading.visible_region(request.user, region_code)
    if not policy.imports_profil_anak(request.user, region):
        raise Http404
    form = ImportForm(request.POST, request.FILES)

    def save() -> HttpResponse:
        job = services.start_web_import(
            user=request.user,
            region=region,
            year=form.cleaned_data["year"],
            upload=form.cleaned_data["file"],
            skip_invalid=form.cleaned_data["skip_invalid"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect("profil:job", job_id=job.pk)

    def context() -> dict[str, Any]:
        year = form.cleaned_data.get("year") or timezone.localdate().year - 1
        return _page_context(request, region, year, form)

    return form_page(request, form, "profil/page.html", context, save)


@require_GET
@allow(*MANAGERS)
def job(request: SignedInRequest, job_id: uuid.UUID) -> HttpResponse:
    """The import's progress (an htmx poll every second while it runs) and then its result."""
    found = ProfilImport.objects.select_related("region", "dataset").filter(pk=job_id).first()
    if found is None or not policy.imports_profil_anak(request.user, found.region):
        raise Http404
    template = "profil/_job.html" if is_htmx(request) else "profil/job.html"
    return render(request, template, job_context(found, request_lang(request)))


def pdf_name(region: Region, year: int) -> str:
    """Profil-Anak-Kota-Metro-2025.pdf: the region's name in ASCII letters and hyphens."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", region.name).strip("-") or region.code
    return f"Profil-Anak-{name}-{year}.pdf"


@require_GET
@allow(*STAFF)
def pdf(request: SignedInRequest, region_code: str, year: int) -> HttpResponse:
    """The yearly Profil Anak document in public mode: it is meant to be published. Without a
    passing disclosure audit there is no document (409, and the page says why)."""
    region = reading.visible_region(request.user, region_code)
    reading.check_year(year)
    dataset = reading.dataset_for(region, year)
    if dataset is None:
        raise Http404
    profile = reading.profile_of(dataset, region)
    shown = publishing.public_display(dataset, profile)
    if shown is None:
        refusal = _(
            "Dokumen ini tidak dapat diterbitkan: pemeriksaan penyamaran angka kecil belum lulus."
        )
        return HttpResponse(refusal, status=409, content_type="text/plain; charset=utf-8")
    # The registries' services per kecamatan, as the page shows them to this reader.
    tables = service_tables(request.user, region, year)
    document = render_pdf(profile, shown, dataset, tables)
    return download(document, filename=pdf_name(region, year), content_type="application/pdf")
