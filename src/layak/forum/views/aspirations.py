"""The city's aspirations for staff: the list with the counts of regulations, programmes and
activities that took children's input, one aspiration with its history, the next step (the
secretariat only), and the generated documents (PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS, STAFF
from layak.accounts.typing import SignedInRequest
from layak.audit.log import record
from layak.core import aspirations as flow
from layak.files.download import download
from layak.files.inspect import XLSX
from layak.forum import documents, lookups, services
from layak.forum import policy as rules
from layak.forum.forms import PaperAspirationForm, StepForm
from layak.forum.matrices import aspirations_matrix
from layak.forum.models import STATUS_CHOICES, TOPICS, Aspiration
from layak.web.forms import form_page
from layak.web.matrix import matrix_xlsx as workbook


@require_GET
@allow(*STAFF)
def aspirations(request: SignedInRequest) -> HttpResponse:
    city = lookups.city_for(request)
    if city is None:
        cities = lookups.cities_with_forums(request.user)
        return render(request, "forum/choose_city.html", {"cities": cities, "aspirations": True})
    status = request.GET.get("status", "")
    rows = Aspiration.objects.filter(city=city).select_related("forum__region", "agency", "place")
    if status in dict(STATUS_CHOICES):
        rows = rows.filter(status=status)
    chosen = "" if city.code == getattr(request.user, "region_id", None) else city.code
    return render(
        request,
        "forum/aspirations.html",
        {
            "city": city,
            "rows": rows,
            "status": status,
            "statuses": STATUS_CHOICES,
            "topics": dict(TOPICS),
            "counts": services.input_counts(city.code),
            "kinds": list(flow.OutcomeKind),
            "wilayah": chosen,
            "reads_text": rules.reads_aspiration_text(request.user, city.code),
            "document_years": documents.documents_by_year(city.code),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def paper_aspiration(request: SignedInRequest, forum_id: int) -> HttpResponse:
    """The secretariat enters an aspiration a child of this forum wrote on paper."""
    forum = lookups.managed_forum(request.user, forum_id)
    form = PaperAspirationForm(request.POST or None, city_code=forum.city_id)

    def save() -> HttpResponse:
        data = form.cleaned_data
        aspiration = services.record_paper_aspiration(
            request.user,
            forum,
            topic=data["topic"],
            text=data["text"],
            place=data["place"],
            written_on=data["written_on"],
            child_agreed=data["child_agreed"],
            request=request,
        )
        messages.success(request, _("Aspirasi tertulis dicatat."))
        return redirect("forum:aspiration", aspiration.pk)

    return form_page(request, form, "forum/paper_aspiration.html", {"forum": forum}, save)


def _detail(
    request: SignedInRequest, aspiration: Aspiration, form: StepForm | None = None
) -> dict[str, Any]:
    user = request.user
    manages = rules.manages(user, aspiration.city_id)
    current = aspiration.status_enum
    if manages and form is None and flow.NEXT[current]:
        form = StepForm(city_code=aspiration.city_id, current=current)
    return {
        "a": aspiration,
        "topics": dict(TOPICS),
        "steps": aspiration.steps.select_related("recorded_by", "agency"),
        "form": form if manages else None,
        "reads_text": rules.reads_aspiration_text(user, aspiration.city_id),
    }


@require_GET
@allow(*STAFF)
def aspiration(request: SignedInRequest, aspiration_id: int) -> HttpResponse:
    found = lookups.aspiration_for(request.user, aspiration_id)
    return render(request, "forum/aspiration.html", _detail(request, found))


@require_POST
@allow(*MANAGERS)
def aspiration_step(request: SignedInRequest, aspiration_id: int) -> HttpResponse:
    found = lookups.aspiration_for(request.user, aspiration_id)
    if not rules.manages(request.user, found.city_id):
        raise Http404
    form = StepForm(request.POST, city_code=found.city_id, current=found.status_enum)

    def save() -> HttpResponse:
        data = form.cleaned_data
        step = flow.Step(
            status=data["status"],
            on=data["on"],
            musrenbang_level=data["musrenbang_level"],
            outcome_kind=data["outcome_kind"],
            outcome_name=data["outcome_name"],
            agency=str(data["agency"].pk) if data["agency"] else "",
            reason=data["reason"],
        )
        services.add_step(request.user, found, step, note=data["note"], request=request)
        messages.success(request, _("Langkah aspirasi dicatat."))
        return redirect("forum:aspiration", aspiration_id=found.pk)

    def context() -> dict[str, Any]:
        return _detail(request, found, form)

    return form_page(request, form, "forum/aspiration.html", context, save)


@require_GET
@allow(*STAFF)
def document(request: SignedInRequest, kind: str, year: int) -> HttpResponse:
    """A generated PDF (the same as the ready-made evidence) for the city and year."""
    city = lookups.city_for(request)
    if city is None or kind not in documents.KINDS:
        raise Http404
    made = documents.make(kind, city, year)
    if made is None:
        raise Http404
    record(
        "forum.document.download",
        actor=request.user,
        object_type="forum_document",
        object_id=f"{kind}/{year}",
        region_code=city.code,
        request=request,
    )
    return download(made.render_pdf(), filename=made.file_name, content_type="application/pdf")


@require_GET
@allow(*STAFF)
def aspirations_xlsx(request: SignedInRequest) -> HttpResponse:
    """The aspirations matrix of the year (forum/matrices.py) as a workbook."""
    city = lookups.city_for(request)
    if city is None:
        raise Http404
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    content = workbook(aspirations_matrix(city, year))
    name = f"matriks-aspirasi-forum-anak-{city.code}-{year}.xlsx"
    return download(content, filename=name, content_type=XLSX.content_type)
