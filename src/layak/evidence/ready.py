"""Ready-made evidence: records kept in Layak (meetings, decrees, the action plan, stakeholder
contributions, Forum Anak records, the Profil Anak) offered on the questions they answer.

Each area of the domain names its providers on its AppConfig (`layak.conf.apps`), whose
ready() registers them:

    ready_documents = ("layak.gugus.ready.task_force_documents",)

The providers are named by dotted path and imported when documents are first asked for, not
when Django starts: their modules write workbooks and PDFs (openpyxl, about a quarter of a
second to import), which a command or a worker that never offers a document should not pay for.

A provider gets the cycle and a question code and returns the documents it can offer for it,
cheaply (a query or two; most questions get none). An officer attaches one in a single step:
the document is generated as a PDF and stored like an uploaded file (inspected, audited), and
`source_key` remembers which record it came from so the page can say it is attached already.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.module_loading import import_string

from layak.accounts.models import User
from layak.core.instrument import Question
from layak.evaluation.models import Cycle
from layak.evidence.models import EvidenceFile
from layak.evidence.services import add_evidence
from layak.regions.models import Region


@dataclass(frozen=True)
class ReadyDocument:
    key: str  # unique and stable per record and kind, e.g. "gugus.meeting:12"
    title: str  # stored as the evidence title
    year: int  # the year the document is from
    source: str  # what kind of record, for people: "Rapat koordinasi Gugus Tugas"
    render_pdf: Callable[[], bytes]
    url: str | None = None  # the record's own page, when there is one
    file_name: str = "dokumen.pdf"
    matrix: bool = False  # a matrix (layak.web.matrix): answers a question that asks for one


Provider = Callable[[Cycle, str], Iterable[ReadyDocument]]
_PATHS: list[str] = []  # registered, in order
_PROVIDERS: dict[str, Provider] = {}  # imported, by path


def register(path: str) -> None:
    """Offer the documents of the provider at this dotted path (imported on first use)."""
    if path not in _PATHS:
        _PATHS.append(path)


def providers() -> list[Provider]:
    for path in _PATHS:
        if path not in _PROVIDERS:
            _PROVIDERS[path] = import_string(path)
    return [_PROVIDERS[path] for path in _PATHS]


def ready_documents(cycle: Cycle, question_code: str) -> list[ReadyDocument]:
    documents: list[ReadyDocument] = []
    for provider in providers():
        documents.extend(provider(cycle, question_code))
    return documents


def _attached(cycle: Cycle, unit: Region | None) -> QuerySet[EvidenceFile]:
    """The generated documents (those with a `source_key`) still attached to the cycle's
    answers of `unit`, or of the region itself."""
    return (
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__unit=unit)
        .exclude(source_key="")
    )


def attached_keys(cycle: Cycle, question_code: str, unit: Region | None = None) -> set[str]:
    return set(
        _attached(cycle, unit)
        .filter(answer__question_code=question_code)
        .values_list("source_key", flat=True)
    )


def attached_keys_by_question(cycle: Cycle) -> dict[str, set[str]]:
    """The generated documents attached to the region's answers of the cycle, per question."""
    keys: dict[str, set[str]] = {}
    for code, key in _attached(cycle, None).values_list("answer__question_code", "source_key"):
        keys.setdefault(code, set()).add(key)
    return keys


def attach(
    user: User,
    cycle: Cycle,
    question: Question,
    key: str,
    *,
    unit: Region | None = None,
    request: HttpRequest | None = None,
) -> EvidenceFile:
    """Generate the document `key` offers for `question` and attach it to the answer."""
    document = next((d for d in ready_documents(cycle, question.code) if d.key == key), None)
    if document is None:
        raise Http404
    upload = SimpleUploadedFile(document.file_name, document.render_pdf(), "application/pdf")
    (evidence,) = add_evidence(
        user,
        cycle,
        question,
        [upload],
        title=document.title,
        year=str(document.year),
        unit=unit,
        request=request,
        source_key=document.key,
    )
    return evidence
