"""The secretariat's tools: stage windows and locks, and who answers which question."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.audit.log import record
from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.stages import STAGE_ORDER, Stage
from layak.evaluation import notify, services, setup
from layak.evaluation.forms import WindowForm
from layak.evaluation.history import read_history
from layak.evaluation.lookups import cycle_for
from layak.evaluation.models import Assignment, Cycle, StageWindow
from layak.evaluation.policy import manages_cycle
from layak.evaluation.queries.queues import closing_soon, unassigned
from layak.regions.models import Agency
from layak.regions.suppliers import DataSources
from layak.web.errors import problems_by_field, request_lang
from layak.web.forms import form_page


def _managed_cycle(request: SignedInRequest, cycle_id: int) -> Cycle:
    cycle = cycle_for(request.user, cycle_id)
    if not manages_cycle(request.user, cycle):
        raise PermissionDenied
    return cycle


@require_GET
@allow(*MANAGERS)
def stages(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = _managed_cycle(request, cycle_id)
    windows = sorted(cycle.windows.all(), key=lambda w: STAGE_ORDER.index(Stage(w.stage)))
    soon_only = request.GET.get("segera") == "1"
    if soon_only:
        now = timezone.now()
        windows = [w for w in windows if closing_soon(w, now)]
    history = read_history(
        AuditEvent.objects.filter(
            object_type="stage", object_id__in=[str(w.pk) for w in windows]
        ).order_by("-at", "-id")[:50]
    )
    scheduled = {w.stage for w in cycle.windows.all()}
    unscheduled = [s for s in STAGE_ORDER if s.value not in scheduled]
    with timezone.override(cycle.region.zone.info):  # the region's own time, WIB/WITA/WIT
        return render(
            request,
            "evaluation/stages.html",
            {
                "cycle": cycle,
                "windows": windows,
                "unscheduled": unscheduled,
                "soon_only": soon_only,
                "zone": cycle.region.zone,
                "history": history,
                "errors": {},
            },
        )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def window_edit(request: SignedInRequest, cycle_id: int, stage: str) -> HttpResponse:
    """A stage's dates, entered and shown in the region's time zone, kept in UTC."""
    cycle = _managed_cycle(request, cycle_id)
    if stage not in {s.value for s in STAGE_ORDER}:
        raise Http404
    chosen = Stage(stage)
    window = cycle.windows.filter(stage=stage).first()
    initial = (
        {
            "opens_at": window.opens_at,
            "closes_at": window.closes_at,
            "documents_until": window.documents_until,
        }
        if window
        else {}
    )
    form = WindowForm(request.POST or None, initial=initial)

    def save() -> HttpResponse:
        data = form.cleaned_data
        setup.schedule_stage(
            request.user,
            cycle,
            chosen,
            data["opens_at"],
            data["closes_at"],
            data["documents_until"],
            request=request,
        )
        messages.success(request, _("Jadwal tahap disimpan."))
        return redirect("evaluation:stages", cycle_id=cycle.pk)

    context = {"cycle": cycle, "stage": chosen, "zone": cycle.region.zone}
    with timezone.override(cycle.region.zone.info):  # the form reads and shows local time
        return form_page(request, form, "evaluation/window_form.html", context, save)


@require_POST
@allow(*MANAGERS)
def lock(request: SignedInRequest, cycle_id: int, window_id: int) -> HttpResponse:
    cycle = _managed_cycle(request, cycle_id)
    window = StageWindow.objects.filter(pk=window_id, cycle=cycle).first()
    if window is None:
        raise Http404
    locking = request.POST.get("action") == "kunci"
    try:
        services.set_lock(
            request.user,
            window,
            locked=locking,
            reason=request.POST.get("reason", ""),
            request=request,
        )
    except InputError as error:
        for texts in problems_by_field(error, request_lang(request)).values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Tahap dikunci.") if locking else _("Kunci tahap dibuka."))
    return redirect("evaluation:stages", cycle_id=cycle.pk)


@require_GET
@allow(*MANAGERS)
def assignments(request: SignedInRequest, cycle_id: int) -> HttpResponse:
    cycle = _managed_cycle(request, cycle_id)
    by_code: dict[str, list[Assignment]] = {}
    for assignment in Assignment.objects.filter(cycle=cycle).select_related("agency"):
        by_code.setdefault(assignment.question_code, []).append(assignment)
    sources = DataSources.of(cycle.region_id)
    rows = [
        (q, by_code.get(q.code, []), sources.text(q.agencies)) for q in cycle.instrument.questions
    ]
    only_missing = request.GET.get("tanpa_opd") == "1"
    if only_missing:
        rows = [r for r in rows if unassigned(r[0], r[1])]
    return render(
        request,
        "evaluation/assignments.html",
        {
            "cycle": cycle,
            "rows": rows,
            "only_missing": only_missing,
            "missing": sum(1 for q, agencies, _sources in rows if unassigned(q, agencies)),
        },
    )


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def assignment_edit(request: SignedInRequest, cycle_id: int, code: str) -> HttpResponse:
    cycle = _managed_cycle(request, cycle_id)
    if not cycle.instrument.has_question(code):
        raise Http404
    question = cycle.instrument.question(code)
    agencies = list(Agency.objects.filter(region=cycle.region, active=True).offices())
    current = {a.agency_id: a for a in Assignment.objects.filter(cycle=cycle, question_code=code)}
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("agencies") if v.isdigit()}
        chosen &= {a.pk for a in agencies}
        lead = request.POST.get("lead", "")
        lead_id = int(lead) if lead.isdigit() and int(lead) in chosen else None
        with transaction.atomic():
            before = sorted(a.agency.short_name for a in current.values())
            Assignment.objects.filter(cycle=cycle, question_code=code).delete()
            Assignment.objects.bulk_create(
                Assignment(
                    cycle=cycle, question_code=code, agency_id=agency_id, lead=agency_id == lead_id
                )
                for agency_id in sorted(chosen)
            )
            after = sorted(a.short_name for a in agencies if a.pk in chosen)
            record(
                "assignment.save",
                actor=request.user,
                object_type="question",
                object_id=code,
                region_code=cycle.region_id,
                before={"agencies": before},
                after={"agencies": after},
                request=request,
            )
            notify.tell_assigned(request.user, cycle, code, chosen - set(current))
        messages.success(request, _("Penugasan %(code)s disimpan.") % {"code": code})
        return redirect("evaluation:assignments", cycle_id=cycle.pk)
    return render(
        request,
        "evaluation/assignment_edit.html",
        {"cycle": cycle, "question": question, "agencies": agencies, "current": current},
    )
