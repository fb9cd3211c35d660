"""Adding and removing evidence: checked by content, stored under a name Layak chooses, audited.

A file already written is removed again when the database transaction fails, so a refused or
failed upload leaves neither a row nor a file behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, HttpRequest
from django.utils import timezone

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.core.instrument import Question
from layak.core.messages import InputError, Problem, msg
from layak.evaluation.models import Answer, Cycle
from layak.evaluation.policy import can_see_cycle, sees_question, writes_answer
from layak.evaluation.services import (
    ensure_answer_writable,
    locked_answer,
    record_answer_event,
)
from layak.evidence.models import EvidenceFile
from layak.files.download import download_recorded
from layak.files.inspect import Refused, safe_original_name
from layak.files.refusals import UploadPath
from layak.files.storage import StorageFailed, files_kept_only_on_success
from layak.files.uploads import CheckedUpload, Uploader, check_document
from layak.regions.models import Region

FOLDER = "bukti"
MAX_FILES_PER_UPLOAD = 20


# How far ahead a document may say it holds: a decree for a mayor's term and then some.
LONGEST_VALIDITY = 20


@dataclass(frozen=True)
class Metadata:
    title: str
    document_year: int
    valid_until_year: int | None


def metadata_problems(
    title: str, year: str, valid_until: str = ""
) -> tuple[list[Problem], Metadata]:
    """The title, document year and (optional) last year of validity as given, and what is
    wrong with them."""
    problems: list[Problem] = []
    latest = timezone.localdate().year
    if not title.strip():
        problems.append(Problem(msg("evidence.title_required"), column="title"))
    try:
        document_year = int(year)
    except (TypeError, ValueError):
        document_year = 0
    if not 2000 <= document_year <= latest:
        problems.append(
            Problem(msg("evidence.bad_year", value=year, latest=latest), column="document_year")
        )
    valid_until_year = None
    if valid_until.strip():
        first = max(document_year, 2000)
        last = first + LONGEST_VALIDITY
        try:
            valid_until_year = int(valid_until)
        except ValueError:
            valid_until_year = 0
        if not first <= valid_until_year <= last:
            problems.append(
                Problem(
                    msg("evidence.bad_validity", value=valid_until, first=first, last=last),
                    column="valid_until_year",
                )
            )
    return problems, Metadata(title.strip()[:200], document_year, valid_until_year)


def record_evidence_event(
    action: str, cycle: Cycle, answer: Answer, evidence: EvidenceFile, **audit: Any
) -> None:
    """The audit row of a file added to, removed from or carried to an answer: filed under the
    answer (`record_answer_event`), the file's row and its id beside the question's code.
    `audit` is the rest of `record()`'s keywords (actor, actor_name, before, request)."""
    record_answer_event(
        action, cycle, answer, evidence.snapshot(), extra={"evidence": evidence.pk}, **audit
    )


def add_evidence(
    user: User,
    cycle: Cycle,
    question: Question,
    uploads: list[UploadedFile],
    *,
    title: str,
    year: str,
    valid_until: str = "",
    unit: Region | None = None,
    request: HttpRequest | None = None,
    source_key: str = "",
) -> list[EvidenceFile]:
    """Attach files to the answer (created empty if the question has none yet).

    Every file is inspected even when the form has other problems, so a harmful file is always
    refused and logged (one audit event per refused file), and all problems are shown at once.
    """
    if not writes_answer(user, cycle, question, unit):
        raise PermissionDenied
    problems, metadata = metadata_problems(title, year, valid_until)
    if not uploads:
        problems.append(Problem(msg("file.empty"), column="files"))
    by = Uploader(
        user,
        UploadPath.EVIDENCE,
        region_code=cycle.region_id,
        object_type="question",
        object_id=question.code,
        request=request,
    )
    if len(uploads) > MAX_FILES_PER_UPLOAD:
        problem = Problem(
            msg("evidence.too_many_files", count=len(uploads), limit=MAX_FILES_PER_UPLOAD),
            column="files",
        )
        by.refused(problem.message.key, "files")
        raise InputError([*problems, problem])
    checked: list[CheckedUpload] = []
    for upload in uploads:
        try:
            checked.append(check_document(upload, by))
        except Refused as refusal:
            problems.append(Problem(refusal.message, column=safe_original_name(upload.name or "")))
    if problems:
        raise InputError(problems)
    try:
        return _store(user, cycle, question, checked, metadata, unit, request, source_key)
    except StorageFailed as failure:
        raise InputError([Problem(failure.message, column="files")]) from None


def _store(
    user: User,
    cycle: Cycle,
    question: Question,
    checked: list[CheckedUpload],
    metadata: Metadata,
    unit: Region | None,
    request: HttpRequest | None,
    source_key: str,
) -> list[EvidenceFile]:
    with files_kept_only_on_success() as saved, transaction.atomic():
        answer = locked_answer(cycle, question.code, unit)
        ensure_answer_writable(cycle, answer, documents=True)
        if answer is None:
            answer = Answer.objects.create(
                cycle=cycle, question_code=question.code, unit=unit, version=1, updated_by=user
            )
        files = []
        for upload in checked:
            evidence = EvidenceFile(
                answer=answer,
                title=metadata.title,
                document_year=metadata.document_year,
                valid_until_year=metadata.valid_until_year,
                uploaded_by=user,
                source_key=source_key,
            )
            folder = f"{FOLDER}/{cycle.region_id}/{cycle.year}"
            evidence.keep(saved.save(folder, upload.data, upload.kind), upload.safe_name)
            evidence.save()
            record_evidence_event(
                "evidence.add", cycle, answer, evidence, actor=user, request=request
            )
            files.append(evidence)
    return files


def remove_evidence(
    user: User, evidence: EvidenceFile, request: HttpRequest | None = None
) -> EvidenceFile:
    """Removed files stop counting as evidence; the file and its history are kept."""
    answer = evidence.answer
    cycle = answer.cycle
    question = cycle.instrument.question(answer.question_code)
    if not writes_answer(user, cycle, question, answer.unit):
        raise PermissionDenied
    with transaction.atomic():
        evidence = EvidenceFile.objects.select_for_update().get(pk=evidence.pk)
        if evidence.removed_at is not None:
            return evidence
        ensure_answer_writable(cycle, answer, documents=True)
        before = evidence.snapshot()
        evidence.mark_removed(user)
        record_evidence_event(
            "evidence.remove", cycle, answer, evidence, actor=user, before=before, request=request
        )
    return evidence


def may_read(user: User, evidence: EvidenceFile) -> bool:
    """May the user download the file? A removed file is kept for its history, not served."""
    if evidence.removed_at is not None:
        return False
    answer = evidence.answer
    cycle = answer.cycle
    if not can_see_cycle(user, cycle):
        return False
    if policy.role_of(user) is Role.UNIT_OPERATOR and answer.unit_id != user.unit_id:
        return False
    return sees_question(user, cycle, cycle.instrument.question(answer.question_code))


def download_evidence(request: HttpRequest, evidence: EvidenceFile) -> FileResponse:
    """The file handed to a person who may read it (`may_read`), named CODE-ID.ext, with the
    audit row of who read it: the web page's download and the API's are this one."""
    return download_recorded(
        request,
        evidence,
        filename=evidence.download_name(),
        action="evidence.download",
        object_type="evidence",
        region_code=evidence.answer.cycle.region_id,
    )


def carry_evidence(
    cycle: Cycle, answers: Mapping[int, Answer], by: User | None, actor_name: str
) -> int:
    """Link last year's files still valid in `cycle`'s year to the answers carried from theirs
    (`evaluation.carryover`, inside the opening's transaction): a new row per file, on the
    same stored file (no bytes copied), pointing at the first upload. Returns how many."""
    linked = 0
    earlier = EvidenceFile.objects.valid_in(cycle.year).filter(answer_id__in=list(answers))
    for old in earlier.order_by("pk"):
        answer = answers[old.answer_id]
        evidence = EvidenceFile(
            answer=answer,
            title=old.title,
            document_year=old.document_year,
            valid_until_year=old.valid_until_year,
            uploaded_by_id=old.uploaded_by_id,
            uploaded_at=old.uploaded_at,
            source_key=old.source_key,
            carried_from_id=old.carried_from_id or old.pk,
            original_name=old.original_name,
            stored_name=old.stored_name,
            content_type=old.content_type,
            extension=old.extension,
            size=old.size,
            sha256=old.sha256,
        )
        evidence.save()
        record_evidence_event(
            "evidence.carry", cycle, answer, evidence, actor=by, actor_name=actor_name
        )
        linked += 1
    return linked
