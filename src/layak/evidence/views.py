"""Uploading, downloading and removing evidence files."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import STAFF, UPLOADERS
from layak.accounts.typing import SignedInRequest
from layak.core.messages import InputError
from layak.evaluation.lookups import cycle_for, question_for, unit_for
from layak.evaluation.views.answers import after_answer_write
from layak.evidence import ready, services
from layak.evidence.matrix_form import blank_form_name, blank_form_xlsx
from layak.evidence.models import EvidenceFile
from layak.files.download import download as respond_with
from layak.files.inspect import XLSX
from layak.web.htmx import is_htmx


@require_POST
@allow(*UPLOADERS)
def upload(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    unit_code = request.POST.get("unit", "")
    unit = unit_for(cycle, unit_code) if unit_code else None
    try:
        files = services.add_evidence(
            request.user,
            cycle,
            question,
            request.FILES.getlist("files"),
            title=request.POST.get("title", ""),
            year=request.POST.get("document_year", ""),
            valid_until=request.POST.get("valid_until_year", ""),
            unit=unit,
            request=request,
        )
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    added = ngettext(
        "%(n)d berkas bukti ditambahkan.", "%(n)d berkas bukti ditambahkan.", len(files)
    ) % {"n": len(files)}
    return after_answer_write(request, cycle, question, added)


@require_POST
@allow(*UPLOADERS)
def attach_ready(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    """Attach a document generated from a Layak record (a meeting, the action plan, ...)."""
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    try:
        evidence = ready.attach(
            request.user, cycle, question, request.POST.get("key", ""), request=request
        )
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    return after_answer_write(
        request, cycle, question, _("Dokumen “%(title)s” dilampirkan.") % {"title": evidence.title}
    )


@require_GET
@allow(*STAFF)
def matrix_form(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    """The blank matrix form of a question that asks for a matrix (evidence/matrix_form.py),
    for whoever sees the question; another question has none (404)."""
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    if not question.asks_matrix:
        raise Http404
    return respond_with(
        blank_form_xlsx(cycle, question),
        filename=blank_form_name(cycle, question),
        content_type=XLSX.content_type,
    )


def _evidence_for(request: SignedInRequest, evidence_id: int) -> EvidenceFile:
    evidence: EvidenceFile | None = (
        EvidenceFile.objects.select_related(
            "answer__cycle__region", "answer__cycle__instrument_record"
        )
        .filter(pk=evidence_id)
        .first()
    )
    if evidence is None or not services.may_read(request.user, evidence):
        raise Http404
    return evidence


@require_GET
@allow(*STAFF)
def download(request: SignedInRequest, evidence_id: int) -> FileResponse:
    return services.download_evidence(request, _evidence_for(request, evidence_id))


@require_POST
@allow(*UPLOADERS)
def remove(request: SignedInRequest, evidence_id: int) -> HttpResponse:
    evidence = _evidence_for(request, evidence_id)
    cycle = evidence.answer.cycle
    question = question_for(request.user, cycle, evidence.answer.question_code)
    try:
        services.remove_evidence(request.user, evidence, request=request)
    except InputError as error:
        return after_answer_write(request, cycle, question, "", error)
    if is_htmx(request):
        return after_answer_write(request, cycle, question, _("Berkas bukti dihapus."))
    messages.success(request, _("Berkas bukti dihapus."))
    return redirect("evaluation:question", cycle_id=cycle.pk, code=question.code)
