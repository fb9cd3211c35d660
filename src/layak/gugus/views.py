"""The task force's pages: the decree and members, meetings, action items and the action plan.

Thin: each view finds the record (404 when the person may not see it), hands the form's result
to one service and renders; every form page has the one shape of `layak.web.forms.form_page`
(an invalid or refused POST answers 400 with the form and its errors). Readers see; the
secretariat and administrators change; an officer updates the status of their own agency's
action items.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import messages
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts import policy
from layak.accounts.models import User
from layak.accounts.policy import allow
from layak.accounts.roles import (
    ACTION_STATUS_UPDATERS,
    MANAGERS,
    TASK_FORCE_READERS,
    VERIFIER_STAGES,
)
from layak.accounts.typing import SignedInRequest
from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.numbers import localise_number
from layak.core.wilayah import Level
from layak.evaluation.history import Entry, read_history
from layak.evaluation.queries.instrument import instrument_for
from layak.files.download import download, download_stored
from layak.files.inspect import XLSX
from layak.gugus import charts, matrices, services
from layak.gugus import policy as rules
from layak.gugus import queries as present
from layak.gugus.documents import meeting_pdf
from layak.gugus.forms import (
    ActionForm,
    DecreeForm,
    DocumentForm,
    MeetingForm,
    MemberForm,
    RadActivityForm,
    StatusForm,
)
from layak.gugus.models import (
    ActionItem,
    ActionStatus,
    ChildRelevance,
    Decree,
    FundingSource,
    Meeting,
    MeetingDocument,
    Member,
    MemberKind,
    Position,
    RadActivity,
)
from layak.regions.models import Region
from layak.web.errors import request_lang
from layak.web.forms import form_page
from layak.web.matrix import matrix_xlsx as workbook

RecordT = TypeVar("RecordT", bound=models.Model)
OwnerT = TypeVar("OwnerT", bound=models.Model)
# The records a region's task force keeps with the region on the row itself.
KeptT = TypeVar("KeptT", Decree, Meeting, RadActivity)

FORM_METHODS = ["GET", "POST"]


def _region(user: User, code: str) -> Region:
    region = Region.objects.filter(code=code, level=Level.REGENCY).first()
    if region is None or not rules.reads(user, region.code):
        raise Http404
    return region


def _managed_region(user: User, code: str) -> Region:
    """The region whose task force the person keeps; 404 for anyone else (never 403: a region
    the person may not change is one they may not see as the keeper)."""
    region = _region(user, code)
    if not rules.manages(user, region.code):
        raise Http404
    return region


def _record_and_owner(
    model: type[RecordT],
    record_id: int | None,
    owner_field: str,
    owner_model: type[OwnerT],
    owner_id: int | None,
) -> tuple[RecordT | None, OwnerT]:
    """The record a form changes with the record it belongs to (`owner_field`), or, for a new
    one, None and the owner named; 404 for an unknown id."""
    if record_id:
        existing = get_object_or_404(
            model._default_manager.select_related(owner_field), pk=record_id
        )
        return existing, getattr(existing, owner_field)
    return None, get_object_or_404(owner_model, pk=owner_id)


def _managed_record(
    user: User, model: type[KeptT], record_id: int | None, region: str
) -> tuple[KeptT | None, Region]:
    """The record a form changes with the region it is kept in, or, for a new one, None and the
    region named; 404 for an unknown id or a region the person does not keep."""
    existing = get_object_or_404(model, pk=record_id) if record_id else None
    return existing, _managed_region(user, existing.region_id if existing else region)


# The task force's own coded fields, by their labels in the history.
HISTORY_CHOICES = {
    "position": dict(Position.choices),
    "kind": dict(MemberKind.choices),
    "status": dict(ActionStatus.choices),
    "relevance": dict(ChildRelevance.choices),
    "budgets": dict(FundingSource.choices),
}


def _history(*objects: Any) -> list[Entry]:
    """The audit history of the objects (none for a record not saved yet: the first is the
    record a page shows, the others belong to it)."""
    if not objects[0].pk:
        return []
    events = AuditEvent.objects.none()
    for obj in objects:
        events = events | AuditEvent.objects.for_object(obj._meta.model_name, obj.pk)
    return read_history(events.order_by("-at", "-id")[:50], choices=HISTORY_CHOICES)


@require_GET
@allow(*TASK_FORCE_READERS)
def index(request: SignedInRequest) -> HttpResponse:
    """Region staff land on their region; the others choose one they see."""
    own = getattr(request.user, "region_id", None)
    if own and policy.role_of(request.user) not in VERIFIER_STAGES:
        return redirect("gugus:home", own)
    regions = [
        r
        for r in Region.objects.filter(
            level=Level.REGENCY, code__in=Decree.objects.values("region_id")
        )
        if rules.reads(request.user, r.code)
    ]
    return render(request, "gugus/index.html", {"regions": regions})


@require_GET
@allow(*TASK_FORCE_READERS)
def home(request: SignedInRequest, region: str) -> HttpResponse:
    area = _region(request.user, region)
    year = present.selected_year(request.GET.get("tahun"))
    decree = services.current_decree(area)
    plan = present.rad_plan(area.code, year)
    return render(
        request,
        "gugus/home.html",
        {
            "region": area,
            "year": year,
            "decree": decree,
            "members": present.members_in_order(decree) if decree else [],
            "past_decrees": Decree.objects.filter(region=area).exclude(
                pk=decree.pk if decree else 0
            ),
            "summary": present.year_summary(area.code, year, decree),
            "overdue": present.overdue_count(request.user, area.code),
            "actions": present.actions_for(request.user, area.code, overdue_only=True)[:10],
            "plan": plan,
            "manages": rules.manages(request.user, area.code),
        },
    )


# The decree and its members ---------------------------------------------------------------------


@require_http_methods(FORM_METHODS)
@allow(*MANAGERS)
def decree_edit(
    request: SignedInRequest, region: str = "", decree_id: int | None = None
) -> HttpResponse:
    existing, area = _managed_record(request.user, Decree, decree_id, region)
    decree = existing or Decree(region=area)
    form = DecreeForm(request.POST or None, request.FILES or None, instance=decree)

    def save() -> HttpResponse:
        file = form.cleaned_data.get("file")
        saved = services.save_decree(request.user, form.instance, file, request=request)
        messages.success(request, _("SK %(number)s disimpan.") % {"number": saved.number})
        return redirect("gugus:decree_edit", saved.pk)

    def context() -> dict[str, Any]:
        members = present.members_in_order(decree) if decree.pk else []
        history = _history(decree, *members)
        return {"decree": decree, "region": area, "members": members, "history": history}

    return form_page(request, form, "gugus/decree_form.html", context, save)


@require_GET
@allow(*TASK_FORCE_READERS)
def decree_file(request: SignedInRequest, decree_id: int) -> HttpResponseBase:
    decree = get_object_or_404(Decree, pk=decree_id)
    _region(request.user, decree.region_id)
    if not decree.stored_name:
        raise Http404
    name = f"sk-{decree.pk}.{decree.extension}"
    return download_stored(decree.stored_name, filename=name, content_type=decree.content_type)


@require_http_methods(FORM_METHODS)
@allow(*MANAGERS)
def member_edit(
    request: SignedInRequest, decree_id: int | None = None, member_id: int | None = None
) -> HttpResponse:
    existing, decree = _record_and_owner(Member, member_id, "decree", Decree, decree_id)
    area = _managed_region(request.user, decree.region_id)
    member = existing or Member(decree=decree, since=decree.valid_from)
    form = MemberForm(request.POST or None, instance=member, region_code=area.code)

    def save() -> HttpResponse:
        saved = services.save_member(request.user, form.instance, request=request)
        messages.success(request, _("Anggota %(name)s disimpan.") % {"name": saved.name})
        return redirect("gugus:decree_edit", decree.pk)

    context = {"member": member, "decree": decree, "region": area}
    return form_page(request, form, "gugus/member_form.html", context, save)


# Meetings ---------------------------------------------------------------------------------------


@require_GET
@allow(*TASK_FORCE_READERS)
def meetings(request: SignedInRequest, region: str) -> HttpResponse:
    area = _region(request.user, region)
    year = present.selected_year(request.GET.get("tahun"))
    decree = services.current_decree(area)
    listed = present.meetings_of(area.code, year).annotate(
        present_count=Count("attendees", distinct=True),
        action_count=Count("actions", distinct=True),
    )
    return render(
        request,
        "gugus/meetings.html",
        {
            "region": area,
            "year": year,
            "meetings": listed,
            "summary": present.year_summary(area.code, year, decree),
            "manages": rules.manages(request.user, area.code),
        },
    )


def _meeting(request: SignedInRequest, meeting_id: int) -> tuple[Meeting, Region]:
    meeting = get_object_or_404(Meeting, pk=meeting_id)
    return meeting, _region(request.user, meeting.region_id)


def _members_for(area: Region, meeting: Meeting | None) -> Any:
    """The members who may be ticked: the current decree's, plus anyone already ticked."""
    decree = services.current_decree(area, meeting.held_on if meeting and meeting.pk else None)
    members = Member.objects.filter(decree__region=area).select_related("agency")
    if decree is not None:
        ticked = (
            list(meeting.attendees.values_list("pk", flat=True)) if meeting and meeting.pk else []
        )
        members = members.filter(decree=decree) | members.filter(pk__in=ticked)
    return members.order_by("id")


@require_http_methods(FORM_METHODS)
@allow(*MANAGERS)
def meeting_edit(
    request: SignedInRequest, region: str = "", meeting_id: int | None = None
) -> HttpResponse:
    existing, area = _managed_record(request.user, Meeting, meeting_id, region)
    meeting = existing or Meeting(region=area)
    form = MeetingForm(request.POST or None, instance=meeting, members=_members_for(area, meeting))

    def save() -> HttpResponse:
        attendees = form.cleaned_data["attendees"]
        saved = services.save_meeting(request.user, form.instance, attendees, request=request)
        messages.success(request, _("Rapat %(date)s disimpan.") % {"date": saved.held_on})
        return redirect("gugus:meeting", saved.pk)

    context = {"meeting": meeting, "region": area}
    return form_page(request, form, "gugus/meeting_form.html", context, save)


def _meeting_context(
    request: SignedInRequest, found: Meeting, area: Region, document_form: DocumentForm
) -> dict[str, Any]:
    return {
        "meeting": found,
        "region": area,
        "attendees": present.members_in_meeting(found),
        "documents": found.documents.filter(removed_at__isnull=True),
        "actions": _with_permission(
            request.user,
            [
                a
                for a in found.actions.select_related("agency").order_by("due_on", "id")
                if rules.sees_action(request.user, area.code, a.agency_id)
            ],
        ),
        "manages": rules.manages(request.user, area.code),
        "status_form": StatusForm(),
        "document_form": document_form,
        "history": _history(found),
    }


@require_GET
@allow(*TASK_FORCE_READERS)
def meeting(request: SignedInRequest, meeting_id: int) -> HttpResponse:
    found, area = _meeting(request, meeting_id)
    return render(
        request, "gugus/meeting.html", _meeting_context(request, found, area, DocumentForm())
    )


@require_GET
@allow(*TASK_FORCE_READERS)
def meeting_minutes(request: SignedInRequest, meeting_id: int) -> HttpResponse:
    found, _area = _meeting(request, meeting_id)
    pdf = meeting_pdf(found, request.user)
    return download(pdf, filename=f"notulen-rapat-{found.pk}.pdf", content_type="application/pdf")


@require_POST
@allow(*MANAGERS)
def meeting_upload(request: SignedInRequest, meeting_id: int) -> HttpResponse:
    """The document form of the meeting's page: a refused document shows the page again with
    the form and its errors (400)."""
    found, area = _meeting(request, meeting_id)
    if not rules.manages(request.user, area.code):
        raise Http404
    form = DocumentForm(request.POST, request.FILES)

    def save() -> HttpResponse:
        title, file = form.cleaned_data["title"], form.cleaned_data["file"]
        services.add_meeting_document(request.user, found, file, title, request=request)
        messages.success(request, _("Dokumen rapat ditambahkan."))
        return redirect("gugus:meeting", found.pk)

    def context() -> dict[str, Any]:
        return _meeting_context(request, found, area, form)

    return form_page(request, form, "gugus/meeting.html", context, save)


@require_GET
@allow(*TASK_FORCE_READERS)
def meeting_document(request: SignedInRequest, document_id: int) -> HttpResponseBase:
    document = _meeting_document(request, document_id)
    name = document.download_name()
    return download_stored(document.stored_name, filename=name, content_type=document.content_type)


def _meeting_document(request: SignedInRequest, document_id: int) -> MeetingDocument:
    """A document the person may see; a removed one is not found, as if it never was."""
    document = get_object_or_404(
        MeetingDocument.objects.select_related("meeting"), pk=document_id, removed_at__isnull=True
    )
    _region(request.user, document.meeting.region_id)
    return document


@require_POST
@allow(*MANAGERS)
def meeting_document_remove(request: SignedInRequest, document_id: int) -> HttpResponse:
    document = _meeting_document(request, document_id)
    if not rules.manages(request.user, document.meeting.region_id):
        raise Http404
    services.remove_meeting_document(request.user, document, request=request)
    messages.success(request, _("Dokumen rapat “%(title)s” dihapus.") % {"title": document.title})
    return redirect("gugus:meeting", document.meeting_id)


# Action items -----------------------------------------------------------------------------------


@require_GET
@allow(*TASK_FORCE_READERS)
def actions(request: SignedInRequest, region: str) -> HttpResponse:
    area = _region(request.user, region)
    overdue_only = request.GET.get("terlambat") == "1"
    due_soon_only = request.GET.get("segera") == "1"
    return render(
        request,
        "gugus/actions.html",
        {
            "region": area,
            "actions": _with_permission(
                request.user,
                present.actions_for(
                    request.user,
                    area.code,
                    overdue_only=overdue_only,
                    due_soon_only=due_soon_only,
                ),
            ),
            "overdue_only": overdue_only,
            "due_soon_only": due_soon_only,
            "manages": rules.manages(request.user, area.code),
            "overdue": present.overdue_count(request.user, area.code),
            "own_agency": rules.own_agency_only(request.user),
            "status_form": StatusForm(),
        },
    )


def _with_permission(user: User, items: list[ActionItem]) -> list[ActionItem]:
    for item in items:
        item.can_update = rules.updates_status(user, item.region_id, item.agency_id)  # type: ignore[attr-defined]
    return items


@require_http_methods(FORM_METHODS)
@allow(*MANAGERS)
def action_edit(
    request: SignedInRequest, meeting_id: int | None = None, action_id: int | None = None
) -> HttpResponse:
    existing, found = _record_and_owner(ActionItem, action_id, "meeting", Meeting, meeting_id)
    area = _managed_region(request.user, found.region_id)
    action = existing or ActionItem(meeting=found, region=area)
    form = ActionForm(request.POST or None, instance=action, region_code=area.code)

    def save() -> HttpResponse:
        services.save_action(request.user, form.instance, request=request)
        messages.success(request, _("Tindak lanjut disimpan."))
        return redirect("gugus:meeting", found.pk)

    def context() -> dict[str, Any]:
        history = _history(action)
        return {"action": action, "meeting": found, "region": area, "history": history}

    return form_page(request, form, "gugus/action_form.html", context, save)


@require_POST
@allow(*ACTION_STATUS_UPDATERS)
def action_status(request: SignedInRequest, action_id: int) -> HttpResponse:
    action = get_object_or_404(ActionItem, pk=action_id)
    if not rules.sees_action(request.user, action.region_id, action.agency_id):
        raise Http404
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_action_status(
                request.user,
                action,
                form.cleaned_data["status"],
                form.cleaned_data["note"] or None,
                request=request,
            )
        except InputError as error:
            messages.error(request, error.render(request_lang(request)))
        else:
            messages.success(request, _("Status tindak lanjut diperbarui."))
    else:
        for field, problems in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label}: {' '.join(str(p) for p in problems)}"
            )
    return redirect(reverse("gugus:actions", args=[action.region_id]) + f"#tl-{action.pk}")


# The action plan (RAD KLA) ----------------------------------------------------------------------


@require_GET
@allow(*TASK_FORCE_READERS)
def rad(request: SignedInRequest, region: str) -> HttpResponse:
    area = _region(request.user, region)
    year = present.selected_year(request.GET.get("tahun"))
    plan = present.rad_plan(area.code, year)
    chart = charts.budget_chart(
        [(p.code, p.totals) for p in plan.parts] + [(_("Total"), plan.total)],
        _("Anggaran RAD KLA %(year)s untuk pemenuhan hak anak") % {"year": year},
        _(
            "Per bagian: rencana dan realisasi anggaran; bagian gelap adalah anggaran yang "
            "melayani hak anak. Total: rencana %(planned)s%% untuk anak, realisasi %(realised)s%%."
        )
        % {
            "planned": localise_number(plan.total.planned_share or 0, request_lang(), 1),
            "realised": localise_number(plan.total.realised_share or 0, request_lang(), 1),
        },
    )
    return render(
        request,
        "gugus/rad.html",
        {
            "region": area,
            "year": year,
            "plan": plan,
            "chart": chart,
            "rows": {p.code: [present.activity_rows(a) for a in p.activities] for p in plan.parts},
            "indicators": present.indicator_names(plan.instrument),
            "manages": rules.manages(request.user, area.code),
        },
    )


@require_http_methods(FORM_METHODS)
@allow(*MANAGERS)
def rad_edit(
    request: SignedInRequest, region: str = "", activity_id: int | None = None
) -> HttpResponse:
    existing, area = _managed_record(request.user, RadActivity, activity_id, region)
    year = existing.year if existing else present.selected_year(request.GET.get("tahun"))
    activity = existing or RadActivity(region=area, year=year)
    instrument = instrument_for(area.code, year)
    form = RadActivityForm(
        request.POST or None, instance=activity, region_code=area.code, instrument=instrument
    )

    def save() -> HttpResponse:
        budgets = form.budgets()
        saved = services.save_rad_activity(request.user, form.instance, budgets, request=request)
        messages.success(request, _("Kegiatan RAD KLA disimpan."))
        return redirect(reverse("gugus:rad", args=[area.code]) + f"?tahun={saved.year}")

    def context() -> dict[str, Any]:
        history = _history(activity)
        return {"activity": activity, "region": area, "history": history}

    return form_page(request, form, "gugus/rad_form.html", context, save)


@require_GET
@allow(*TASK_FORCE_READERS)
def matrix_xlsx(request: SignedInRequest, region: str, kind: str) -> HttpResponse:
    """A matrix of the task force (gugus/matrices.py) as a workbook, for the year chosen."""
    if kind not in matrices.KINDS:
        raise Http404
    area = _region(request.user, region)
    year = present.selected_year(request.GET.get("tahun"))
    content = workbook(matrices.matrix_of(kind, area, year, request.user))
    name = f"matriks-{kind}-{area.code}-{year}.xlsx"
    return download(content, filename=name, content_type=XLSX.content_type)
