"""Commitments and contributions: register, change, confirm or return, their files and the
contribution's own record as a PDF."""

from __future__ import annotations

from typing import TypeVar, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS, MITRA_PAGES, MITRA_WRITERS
from layak.accounts.typing import SignedInRequest
from layak.core.messages import InputError
from layak.files.download import download, download_recorded
from layak.mitra import policy as access
from layak.mitra import services
from layak.mitra.documents import contribution_pdf as render_contribution_pdf
from layak.mitra.forms import CommitmentForm, ContributionForm
from layak.mitra.lookups import commitment_for, contribution_for, document_for, organisation_for
from layak.mitra.models import Commitment, Contribution
from layak.web.errors import request_lang
from layak.web.forms import form_page


def _saved(request: SignedInRequest, record: Commitment | Contribution) -> None:
    if access.manages(request.user, record.organisation):
        text = _("“%(title)s” disimpan dan dikonfirmasi.")
    else:
        text = _("“%(title)s” disimpan dan menunggu konfirmasi sekretariat.")
    messages.success(request, text % {"title": record.title})


@require_GET
@allow(*MITRA_PAGES)
def commitment(request: SignedInRequest, commitment_id: int) -> HttpResponse:
    item = commitment_for(request.user, commitment_id)
    return render(request, "mitra/record.html", _record_context(request, item))


@require_GET
@allow(*MITRA_PAGES)
def contribution(request: SignedInRequest, contribution_id: int) -> HttpResponse:
    item = contribution_for(request.user, contribution_id)
    return render(request, "mitra/record.html", _record_context(request, item))


def _record_context(request: SignedInRequest, item: Commitment | Contribution) -> dict[str, object]:
    is_contribution = isinstance(item, Contribution)
    return {
        "item": item,
        "org": item.organisation,
        "is_contribution": is_contribution,
        "documents": item.documents.filter(removed_at__isnull=True),
        "may_edit": access.may_edit(request.user, item),
        "may_review": access.may_review(request.user, item),
        "edit_url": reverse(
            "mitra:contribution_edit" if is_contribution else "mitra:commitment_edit",
            args=[item.pk],
        ),
        "review_url": reverse(
            "mitra:review_contribution" if is_contribution else "mitra:review_commitment",
            args=[item.pk],
        ),
        "contributions": (
            []
            if is_contribution
            else access.visible_records(
                request.user, Contribution.objects.filter(commitment_id=item.pk), item.organisation
            )
        ),
    }


R = TypeVar("R", Commitment, Contribution)


def _to_edit(
    request: SignedInRequest, model: type[R], record_id: int | None, organisation_id: int | None
) -> R:
    """The record to change (404 when the person does not see it; 403 when they see it but may
    not change it, e.g. once it is confirmed), or a new one of an organisation they see."""
    if record_id is not None:
        find = commitment_for if model is Commitment else contribution_for
        item = cast(R, find(request.user, record_id))
        if not access.may_edit(request.user, item):
            raise PermissionDenied
        return item
    org = organisation_for(request.user, organisation_id or 0)
    if not access.may_add(request.user, org):
        raise PermissionDenied
    return model(organisation=org)


def _record_page(
    request: SignedInRequest, form: CommitmentForm | ContributionForm, view_name: str
) -> HttpResponse:
    item = form.instance

    def save() -> HttpResponse:
        uploads = request.FILES.getlist("berkas")
        saved = services.save_record(request.user, item, uploads, request=request)
        _saved(request, saved)
        return redirect(view_name, saved.pk)

    context = {
        "item": item,
        "org": item.organisation,
        "is_contribution": isinstance(item, Contribution),
    }
    return form_page(request, form, "mitra/record_form.html", context, save)


@require_http_methods(["GET", "POST"])
@allow(*MITRA_WRITERS)
def commitment_edit(
    request: SignedInRequest, organisation_id: int | None = None, commitment_id: int | None = None
) -> HttpResponse:
    item = _to_edit(request, Commitment, commitment_id, organisation_id)
    form = CommitmentForm(request.POST or None, request.FILES or None, instance=item)
    return _record_page(request, form, "mitra:commitment")


@require_http_methods(["GET", "POST"])
@allow(*MITRA_WRITERS)
def contribution_edit(
    request: SignedInRequest, organisation_id: int | None = None, contribution_id: int | None = None
) -> HttpResponse:
    item = _to_edit(request, Contribution, contribution_id, organisation_id)
    year = item.date.year if item.date else timezone.localdate().year
    form = ContributionForm(request.POST or None, request.FILES or None, instance=item, year=year)
    return _record_page(request, form, "mitra:contribution")


def _review(request: SignedInRequest, item: Commitment | Contribution, url: str) -> HttpResponse:
    confirm = request.POST.get("action") == "konfirmasi"
    try:
        services.review(
            request.user, item, confirm=confirm, note=request.POST.get("note", ""), request=request
        )
    except InputError as error:
        lang = request_lang(request)
        for problem in error.problems:
            messages.error(request, problem.message.render(lang))
    else:
        text = _("“%(title)s” dikonfirmasi.") if confirm else _("“%(title)s” dikembalikan.")
        messages.success(request, text % {"title": item.title})
    back = request.POST.get("next", "")
    return redirect(back if back == reverse("mitra:confirmations") else url)


@require_POST
@allow(*MANAGERS)
def review_commitment(request: SignedInRequest, commitment_id: int) -> HttpResponse:
    item = commitment_for(request.user, commitment_id)
    return _review(request, item, reverse("mitra:commitment", args=[item.pk]))


@require_POST
@allow(*MANAGERS)
def review_contribution(request: SignedInRequest, contribution_id: int) -> HttpResponse:
    item = contribution_for(request.user, contribution_id)
    return _review(request, item, reverse("mitra:contribution", args=[item.pk]))


@require_GET
@allow(*MITRA_PAGES)
def contribution_pdf(request: SignedInRequest, contribution_id: int) -> HttpResponse:
    item = contribution_for(request.user, contribution_id)
    pdf = render_contribution_pdf(item)
    return download(pdf, filename=f"kontribusi-{item.pk}.pdf", content_type="application/pdf")


@require_GET
@allow(*MITRA_PAGES)
def document(request: SignedInRequest, document_id: int) -> FileResponse:
    item = document_for(request.user, document_id)
    return download_recorded(
        request,
        item,
        filename=item.download_name(),
        action="mitra.document.download",
        object_type="mitra.document",
        region_code=item.owner.organisation.region_id,
    )


@require_POST
@allow(*MITRA_WRITERS)
def document_remove(request: SignedInRequest, document_id: int) -> HttpResponse:
    item = document_for(request.user, document_id)
    owner = item.owner
    services.remove_document(request.user, item, request=request)
    messages.success(request, _("Berkas %(name)s dihapus.") % {"name": item.original_name})
    name = "mitra:contribution" if isinstance(owner, Contribution) else "mitra:commitment"
    return redirect(name, owner.pk)
