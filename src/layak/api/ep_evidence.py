"""Evidence metadata and downloads, only where `evidence.services.may_read` allows (404 else)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from ninja import Query, Router

from layak.accounts.typing import SignedInRequest
from layak.api.paging import Paging, page
from layak.api.schemas import EvidenceOut, EvidencePage, ok
from layak.evaluation.lookups import cycle_for, question_for
from layak.evidence.models import EvidenceFile
from layak.evidence.services import download_evidence, may_read
from layak.files.inspect import KINDS

router = Router(tags=["bukti"])


def evidence_json(evidence: EvidenceFile) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "question": evidence.answer.question_code,
        "unit": evidence.answer.unit_id,
        "title": evidence.title,
        "document_year": evidence.document_year,
        "content_type": evidence.content_type,
        "extension": evidence.extension,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "uploaded_by": str(evidence.uploaded_by),
        "uploaded_at": evidence.uploaded_at,
        "download": reverse("api:evidence_file", args=[evidence.pk]),
    }


def _files() -> Any:
    return EvidenceFile.objects.present().select_related(
        "uploaded_by", "answer__cycle__region", "answer__cycle__instrument_record"
    )


@router.get(
    "/cycles/{cycle_id}/answers/{code}/evidence",
    response=ok(EvidencePage),
    url_name="answer_evidence",
)
def answer_evidence(
    request: SignedInRequest, cycle_id: int, code: str, paging: Query[Paging]
) -> dict[str, Any]:
    cycle = cycle_for(request.user, cycle_id)
    question = question_for(request.user, cycle, code)
    files = _files().filter(answer__cycle=cycle, answer__question_code=question.code)
    readable = [f for f in files.order_by("uploaded_at", "pk") if may_read(request.user, f)]
    return page(readable, paging, evidence_json)


def _readable(request: SignedInRequest, evidence_id: int) -> EvidenceFile:
    found: EvidenceFile | None = _files().filter(pk=evidence_id).first()
    if found is None or not may_read(request.user, found):
        raise Http404
    return found


@router.get("/evidence/{evidence_id}", response=ok(EvidenceOut), url_name="evidence")
def evidence(request: SignedInRequest, evidence_id: int) -> dict[str, Any]:
    return evidence_json(_readable(request, evidence_id))


@router.get(
    "/evidence/{evidence_id}/file",
    response=ok(None),
    url_name="evidence_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "the file as stored (PDF, image or Office document)",
                "content": {
                    kind.content_type: {"schema": {"type": "string", "format": "binary"}}
                    for kind in KINDS
                },
            }
        }
    },
)
def evidence_file(request: SignedInRequest, evidence_id: int) -> FileResponse:
    """The file as stored, named CODE-ID.ext; audited like the web download."""
    return download_evidence(request, _readable(request, evidence_id))
