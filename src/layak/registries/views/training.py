"""The register of KHA training: events, their participants with certificates, each agency's
staff count, and the share of each agency's staff trained."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from layak.accounts.policy import allow
from layak.accounts.roles import REGISTRY_READERS, REGISTRY_WRITERS
from layak.accounts.typing import SignedInRequest
from layak.files.download import download
from layak.files.inspect import XLSX
from layak.regions.lookups import chosen
from layak.registries import matrices, queries, services
from layak.registries import policy as access
from layak.registries.forms import EventForm, ParticipantForm, StaffForm, offices
from layak.registries.lookups import (
    event_for,
    participant_for,
    region_for,
    year_of,
)
from layak.registries.models import AgencyStaff, Participant, TrainingEvent
from layak.registries.views.attached import attached_file, attached_form_page
from layak.registries.views.choosing import choose_region, region_and_year, years_around
from layak.registries.views.kept import kept_form_page
from layak.web.forms import form_page


@require_GET
@allow(*REGISTRY_READERS)
def trainings(request: SignedInRequest) -> HttpResponse:
    place = region_and_year(request, "registries:trainings")
    if isinstance(place, HttpResponse):
        return place
    region, year = place
    events = TrainingEvent.objects.filter(region=region, held_on__year=year).annotate(
        people=Count("participants")
    )
    context = {
        "region": region,
        "year": year,
        "years": years_around(year),
        "events": events,
        "lines": queries.kha_lines(region, year),
        "records": access.records_training(request.user, region.code),
        "chosen": chosen(request, region),
    }
    return render(request, "registries/trainings.html", context)


@require_GET
@allow(*REGISTRY_READERS)
def kha_xlsx(request: SignedInRequest) -> HttpResponse:
    """The KHA matrix as a workbook (registries/matrices.py): no participant's name."""
    place = region_and_year(request, "registries:trainings")
    if isinstance(place, HttpResponse):
        return place
    region, year = place
    content = matrices.kha_xlsx(region, year)
    name = f"matriks-pelatihan-kha-{region.code}-{year}.xlsx"
    return download(content, filename=name, content_type=XLSX.content_type)


@require_GET
@allow(*REGISTRY_READERS)
def event(request: SignedInRequest, event_id: int) -> HttpResponse:
    item = event_for(request.user, event_id)
    participants = item.participants.select_related("agency")
    shown = participants.filter(access.participant_filter(request.user))
    context = {
        "item": item,
        "participants": shown,
        "hidden": participants.count() - shown.count(),
        "may_change": access.may_change_event(request.user, item),
        "records": access.records_training(request.user, item.region_id),
    }
    return render(request, "registries/event.html", context)


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def event_edit(request: SignedInRequest, event_id: int | None = None) -> HttpResponse:
    if event_id is not None:
        item = event_for(request.user, event_id)
        if not access.may_change_event(request.user, item):
            raise PermissionDenied
        region = item.region
    else:
        chosen_region = region_for(request)
        if chosen_region is None:
            return choose_region(request, "registries:event_new")
        region = chosen_region
        if not access.records_training(request.user, region.code):
            raise PermissionDenied
        item = TrainingEvent(region=region)
    form = EventForm(request.POST or None, instance=item)

    def saved_message(saved: TrainingEvent) -> str:
        return _("Pelatihan %(title)s disimpan.") % {"title": saved.title}

    template = "registries/event_form.html"
    return kept_form_page(request, form, template, services.save_event, saved_message)


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def participant_edit(
    request: SignedInRequest, event_id: int | None = None, participant_id: int | None = None
) -> HttpResponse:
    if participant_id is not None:
        item = participant_for(request.user, participant_id)
        owner = item.event
        if not access.records_agency(request.user, owner.region_id, item.agency_id):
            raise PermissionDenied
    else:
        owner = event_for(request.user, event_id or 0)
        if not access.records_training(request.user, owner.region_id):
            raise PermissionDenied
        item = Participant(event=owner)
        if not access.manages(request.user, owner.region_id) and request.user.agency is not None:
            item.agency = request.user.agency
    agencies = offices(owner.region)
    form = ParticipantForm(
        request.POST or None, request.FILES or None, instance=item, agencies=agencies
    )

    def saved_message() -> str:
        return _("Peserta %(name)s disimpan.") % {"name": item.name}

    return attached_form_page(request, form, owner, services.save_participant, saved_message)


@require_GET
@allow(*REGISTRY_READERS)
def certificate(request: SignedInRequest, participant_id: int) -> FileResponse:
    item = participant_for(request.user, participant_id)
    return attached_file(
        request,
        item,
        name="sertifikat-kha",
        action="registries.certificate.download",
        object_type="registries.participant",
        region_code=item.event.region_id,
    )


@require_http_methods(["GET", "POST"])
@allow(*REGISTRY_WRITERS)
def staff_edit(request: SignedInRequest) -> HttpResponse:
    region = region_for(request)
    if region is None:
        return choose_region(request, "registries:staff")
    if not access.records_training(request.user, region.code):
        raise PermissionDenied
    agencies = offices(region)
    if not access.manages(request.user, region.code):
        agencies = agencies.filter(pk=request.user.agency_id)
    year = year_of(request)
    form = StaffForm(request.POST or None, agencies=agencies, initial={"year": year})

    def save() -> HttpResponse:
        staff = AgencyStaff(**form.cleaned_data)
        saved = services.save_staff_count(request.user, staff, request=request)
        messages.success(
            request,
            _("Jumlah pegawai %(agency)s tahun %(year)s disimpan.")
            % {"agency": saved.agency.short_name, "year": saved.year},
        )
        query = urlencode({"wilayah": region.code, "tahun": saved.year})
        return redirect(f"{reverse('registries:trainings')}?{query}")

    context = {"region": region, "chosen": chosen(request, region)}
    return form_page(request, form, "registries/staff_form.html", context, save)
