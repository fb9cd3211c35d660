"""Excel per agency: download the workbook, upload it back, see the dry run, apply it."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import ANSWER_BOOK_READERS, ANSWER_WRITERS, MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.core.answerbook import BookRow
from layak.core.messages import InputError, Problem, msg
from layak.evaluation.lookups import cycle_for
from layak.evaluation.models import Cycle
from layak.evaluation.policy import handles_agency_book
from layak.files.download import download
from layak.files.inspect import XLSX, Refused
from layak.files.storage import StorageFailed
from layak.files.uploads import data_file_on_disk
from layak.regions.models import Agency
from layak.roundtrip import checking, export
from layak.roundtrip.models import ImportPreview
from layak.tabular.limits import DEFAULT_LIMITS
from layak.web.errors import request_lang

KEEP_PREVIEWS = timedelta(days=1)


def _agency(user: User, cycle: Cycle, agency_id: int) -> Agency:
    """The region's agency (404 when it is another region's), if the user handles its
    workbook (403 otherwise: the region's agencies are no secret within it)."""
    agency = Agency.objects.filter(pk=agency_id, region_id=cycle.region_id).first()
    if agency is None:
        raise Http404
    if not handles_agency_book(user, cycle, agency):
        raise PermissionDenied
    return agency


@require_GET
@allow(*ANSWER_BOOK_READERS)
def export_book(request: SignedInRequest, cycle_id: int, agency_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    agency = _agency(request.user, cycle, agency_id)
    content = export.agency_book(request.user, cycle, agency)
    return download(
        content, filename=export.file_name(cycle, agency), content_type=XLSX.content_type
    )


@require_GET
@allow(*MANAGERS)
def export_all(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    content = export.all_books(request.user, cycle)
    name = f"jawaban-{cycle.region_id}-{cycle.year}.zip"
    return download(content, filename=name, content_type="application/zip")


def _refused(request: HttpRequest, cycle: Cycle, agency: Agency, error: InputError) -> HttpResponse:
    lang = request_lang(request)
    context = {
        "cycle": cycle,
        "agency": agency,
        "file_errors": [p.render(lang) for p in error.problems[:50]],
    }
    return render(request, "roundtrip/preview.html", context, status=400)


@require_POST
@allow(*ANSWER_WRITERS)
def upload(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    user = request.user
    cycle = cycle_for(user, cycle_id)
    raw = request.POST.get("opd", "")
    if not raw.isdigit():
        raise Http404
    agency = _agency(user, cycle, int(raw))
    uploaded = request.FILES.get("berkas")
    name = (uploaded.name or "") if uploaded is not None else ""
    try:
        if uploaded is None:
            raise InputError([Problem(msg("file.empty"))])
        try:
            with data_file_on_disk(uploaded, limit=DEFAULT_LIMITS.max_file_bytes) as path:
                rows, refused = checking.read_book(cycle, path)
                sha = checking.file_digest(path)
        except StorageFailed as failure:  # the disk refused: not the file's fault, not audited
            return _refused(request, cycle, agency, InputError([Problem(failure.message)]))
        except Refused as refusal:
            raise InputError([Problem(refusal.message)]) from None
    except InputError as error:
        checking.audit_refusal(user, cycle, agency, name, error.problems, request)
        return _refused(request, cycle, agency, error)
    assert uploaded is not None  # noqa: S101 - refused above otherwise
    plan = checking.check_rows(user, cycle, agency, rows, refused, sha)
    if plan.of(checking.REJECTED):
        # Refused rows are a refused upload, audited once, as a refused file is.
        checking.audit_refusal(user, cycle, agency, name, plan.problems, request)
    ImportPreview.objects.filter(user=user, created_at__lt=timezone.now() - KEEP_PREVIEWS).delete()
    preview = ImportPreview.objects.create(
        cycle=cycle,
        agency=agency,
        user=user,
        file_name=(uploaded.name or "unggahan.xlsx")[:200],
        sha256=sha,
        rows=checking.rows_to_json(rows),
        problems=checking.problems_to_json(refused),
    )
    return redirect("roundtrip:preview", cycle_id=cycle.pk, preview_id=preview.pk)


def _preview(request: SignedInRequest, cycle: Cycle, preview_id: int) -> ImportPreview:
    """The user's own check, of an agency they still handle; 404 for anyone else's."""
    user = request.user
    preview = (
        ImportPreview.objects.filter(pk=preview_id, cycle=cycle, user=user)
        .select_related("agency")
        .first()
    )
    if preview is None or not handles_agency_book(request.user, cycle, preview.agency):
        raise Http404
    return preview


def _kept(preview: ImportPreview) -> tuple[Agency, list[BookRow], list[Problem], str]:
    """What the upload kept for checking again, in the order the check and the apply take it:
    the agency, the rows, the file's own refusals and its hash."""
    return (
        preview.agency,
        checking.rows_from_json(preview.rows),
        checking.problems_from_json(preview.problems),
        preview.sha256,
    )


def _plan(request: SignedInRequest, cycle: Cycle, preview: ImportPreview) -> checking.Plan:
    return checking.check_rows(request.user, cycle, *_kept(preview))


def _show(
    request: HttpRequest,
    cycle: Cycle,
    preview: ImportPreview,
    plan: checking.Plan,
    refusal: InputError | None = None,
    status: int = 200,
) -> HttpResponse:
    lang = request_lang(request)
    context = {
        "cycle": cycle,
        "agency": preview.agency,
        "preview": preview,
        "plan": plan,
        "counts": plan.counts(),
        "writes": plan.writes,
        "rejected": [
            {
                "row": p.row or o.row,
                "column": p.column or "",
                "code": o.code,
                "unit": o.unit,
                "text": p.message.render(lang),
                "rule": p.message.key,
            }
            for o in plan.of(checking.REJECTED)
            for p in o.problems
        ],
        "newer": [o for o in plan.of(checking.UNCHANGED) if o.newer_in_layak],
        "refusal": refusal.problems[0].render(lang) if refusal else "",
    }
    return render(request, "roundtrip/preview.html", context, status=status)


@require_GET
@allow(*ANSWER_WRITERS)
def preview(request: SignedInRequest, cycle_id: int, preview_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    chosen = _preview(request, cycle, preview_id)
    return _show(request, cycle, chosen, _plan(request, cycle, chosen))


@require_POST
@allow(*ANSWER_WRITERS)
def apply(request: SignedInRequest, cycle_id: int, preview_id: int) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    chosen = _preview(request, cycle, preview_id)
    try:
        if chosen.applied_at is not None:
            raise InputError([Problem(msg("book.preview_used"))])
        with transaction.atomic():
            plan = checking.apply_plan(
                request.user, cycle, *_kept(chosen), request.POST.get("token", ""), request=request
            )
            ImportPreview.objects.filter(pk=chosen.pk).update(applied_at=timezone.now())
    except InputError as error:
        return _show(request, cycle, chosen, _plan(request, cycle, chosen), error, status=409)
    counts = plan.counts()
    messages.success(
        request,
        _("Excel %(agency)s diterapkan: %(new)d baru, %(changed)d berubah.")
        % {"agency": chosen.agency.short_name, "new": counts["baru"], "changed": counts["berubah"]},
    )
    return redirect("evaluation:questions", cycle_id=cycle.pk)
