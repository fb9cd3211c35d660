"""Importing a list of institutions: upload and check it (the dry run, kept as a ListCheck so
that applying needs no second upload), see what would change, apply it all or nothing; or
import at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import REGISTRY_WRITERS
from layak.accounts.typing import SignedInRequest
from layak.core.messages import InputError, Problem, msg
from layak.core.registries import KINDS
from layak.files.inspect import Refused
from layak.files.uploads import data_file_on_disk
from layak.regions.lookups import chosen
from layak.regions.models import Region
from layak.registries import importing
from layak.registries import policy as access
from layak.registries.forms import ImportForm
from layak.registries.lookups import region_for
from layak.registries.models import Kind, ListCheck
from layak.registries.views.choosing import choose_region
from layak.tabular.limits import DEFAULT_LIMITS
from layak.web.errors import request_lang

KEEP_CHECKS = timedelta(days=1)
STALE = 409  # as roundtrip's apply: the data changed since the check


def _read_upload(form: ImportForm) -> list[tuple[int, dict[str, Any]]]:
    """The uploaded list's rows, read by the tabular reader (zip and entities checked first)."""
    uploaded = form.cleaned_data["berkas"]
    try:
        with data_file_on_disk(uploaded, limit=DEFAULT_LIMITS.max_file_bytes) as path:
            return importing.read_list(path)
    except Refused as refusal:  # the file's, or the disk's (StorageFailed)
        raise InputError([Problem(refusal.message)]) from None


def _page(
    request: SignedInRequest, region: Region, status: int = 200, **extra: Any
) -> HttpResponse:
    context = {
        "region": region,
        "chosen": chosen(request, region),
        "kinds": [k.name for k in KINDS],
        "form": extra.pop("form", None) or ImportForm(),
        **extra,
    }
    return render(request, "registries/import.html", context, status=status)


def _plan_context(request: SignedInRequest, plan: importing.ImportPlan) -> dict[str, Any]:
    outcomes = {
        importing.NEW: _("baru"),
        importing.CHANGED: _("berubah"),
        importing.UNCHANGED: _("tetap"),
        importing.REJECTED: _("ditolak"),
    }
    return {
        "outcomes": outcomes,
        "kind_labels": dict(Kind.choices),
        "plan": plan,
        "counts": {o: plan.count(o) for o in importing.OUTCOMES},
        "problems": importing.rendered(plan.problems, request_lang(request)),
    }


def _imported(request: SignedInRequest, region: Region, plan: importing.ImportPlan) -> HttpResponse:
    messages.success(
        request,
        _("Daftar diimpor: %(new)d baru, %(changed)d berubah, %(same)d tetap.")
        % {
            "new": plan.count(importing.NEW),
            "changed": plan.count(importing.CHANGED),
            "same": plan.count(importing.UNCHANGED),
        },
    )
    return redirect(f"{reverse('registries:index')}{chosen(request, region)}")


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def import_list(request: SignedInRequest) -> HttpResponse:
    """GET: the form. POST "periksa": the dry run, kept for applying (302 to it). POST "impor":
    everything checked and written at once, or nothing (400 with every row's problems)."""
    region = region_for(request)
    if region is None:
        return choose_region(request, "registries:import")
    if not access.kinds_kept(request.user, region.code):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET":
        return _page(request, region, form=form)
    if not form.is_valid():
        return _page(request, region, 400, form=form)
    name = (form.cleaned_data["berkas"].name or "daftar")[:200]
    dry_run = request.POST.get("action") != "impor"
    try:
        rows = _read_upload(form)
        if not dry_run:
            return _imported(request, region, importing.apply(request.user, region, rows, request))
    except InputError as error:
        if not dry_run:
            importing.audit_refusal(request.user, region, name, error.problems, request)
        problems = importing.rendered(error.problems, request_lang(request))
        return _page(request, region, 400, form=form, problems=problems)
    old = timezone.now() - KEEP_CHECKS
    ListCheck.objects.filter(user=request.user, created_at__lt=old).delete()
    check = ListCheck.objects.create(
        region=region, user=request.user, file_name=name, rows=importing.rows_to_json(rows)
    )
    return redirect("registries:import_check", check.pk)


def _check_for(request: SignedInRequest, check_id: int) -> ListCheck:
    """The user's own check of a region they still keep kinds of; anyone else's is 404."""
    check = (
        ListCheck.objects.select_related("region").filter(pk=check_id, user=request.user).first()
    )
    if check is None or not access.reads(request.user, check.region_id):
        raise Http404
    if not access.kinds_kept(request.user, check.region_id):
        raise PermissionDenied
    return check


@require_GET
@allow(*REGISTRY_WRITERS)
def import_check(request: SignedInRequest, check_id: int) -> HttpResponse:
    check = _check_for(request, check_id)
    plan = importing.check_list(request.user, check.region, importing.rows_from_json(check.rows))
    return _page(request, check.region, check=check, **_plan_context(request, plan))


@require_POST
@allow(*REGISTRY_WRITERS)
def import_apply(request: SignedInRequest, check_id: int) -> HttpResponse:
    check = _check_for(request, check_id)
    rows = importing.rows_from_json(check.rows)
    try:
        if check.applied_at is not None:
            raise InputError([Problem(msg("book.preview_used"))])
        with transaction.atomic():
            token = request.POST.get("token", "")
            plan = importing.apply(request.user, check.region, rows, request, token=token)
            ListCheck.objects.filter(pk=check.pk).update(applied_at=timezone.now())
    except InputError as error:
        plan = importing.check_list(request.user, check.region, rows)
        context = _plan_context(request, plan)
        context["refusal"] = [p.message.render(request_lang(request)) for p in error.problems[:1]]
        return _page(request, check.region, STALE, check=check, **context)
    return _imported(request, check.region, plan)
