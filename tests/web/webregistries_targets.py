"""Concrete URLs of the registries for the access matrix. The demo's registry records carry no
scans, so each target makes what it names, under names the demo does not use (inside the
matrix's rolled-back savepoint): a puskesmas with a decree and its scan, Budi's KHA training
with a participant of each officer's agency and a certificate. "other" objects lie in Kota
Bandar Lampung (18.71), outside every Kota Metro person's view; an officer's "other"
participant is one of another agency."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.websupport import Target

METRO, BANDAR_LAMPUNG = "18.72", "18.71"
LIMITED = ("sari", "kartika", "budi", "dewi", "rina")  # who sees one region only
# The agency each person records participants and staff of; the kind each keeps.
AGENCY = {"budi": "Dinkes", "dewi": "Disdukcapil", "rina": "DP3AP2KB"}
KEPT = {"rina": ("puspaga", "PUSPAGA Uji Akses")}
PUSKESMAS = "Puskesmas Uji Akses"


def _pdf() -> SimpleUploadedFile:
    from layak.demo.pdf import sample_pdf

    return SimpleUploadedFile("sk.pdf", sample_pdf(["SK"]), "application/pdf")


def _agency(region: str, short: str) -> Any:
    from layak.regions.models import Agency

    found, _ = Agency.objects.get_or_create(
        region_id=region, short_name=short, defaults={"name": f"{short} {region}"}
    )
    return found


def _institution(region: str, users: dict[str, Any]) -> Any:
    from layak.registries.models import Designation, Institution
    from layak.registries.services import save_designation

    found = Institution.objects.filter(region_id=region, name=PUSKESMAS).first()
    if found is not None:
        return found
    institution = Institution.objects.create(region_id=region, kind="puskesmas", name=PUSKESMAS)
    decree = Designation(
        institution=institution, number="440/1/2024", issued_on="2024-01-02", valid_from=2024
    )
    save_designation(users["admin"], decree, _pdf())
    return institution


def _event(region: str, users: dict[str, Any]) -> Any:
    from layak.registries.models import TrainingEvent

    found = TrainingEvent.objects.filter(region_id=region, title="Pelatihan KHA").first()
    if found is not None:
        return found
    return TrainingEvent.objects.create(
        region_id=region,
        title="Pelatihan KHA",
        held_on="2024-05-20",
        organiser="Dinkes",
        hours=16,
        created_by=users["budi"] if region == METRO else users["admin"],
    )


def _participant(region: str, agency: str, users: dict[str, Any]) -> Any:
    from layak.registries.models import Participant
    from layak.registries.services import save_participant

    event = _event(region, users)
    found = Participant.objects.filter(event=event, agency=_agency(region, agency)).first()
    if found is not None:
        return found
    participant = Participant(event=event, name=f"Peserta {agency}", agency=_agency(region, agency))
    return save_participant(users["admin"], participant, _pdf())


def _list(kind: str, name: str) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows([["jenis", "nama", "kelurahan"], [kind, name, "Yosomulyo"]])
    return SimpleUploadedFile("daftar.csv", out.getvalue().encode(), "text/csv")


def _check(username: str, users: dict[str, Any], kind: str, name: str) -> Any:
    """A checked list of the person's own, of one institution of a kind they keep."""
    from layak.registries.models import ListCheck

    rows = [[2, {"jenis": kind, "nama": name, "kelurahan": "Yosomulyo"}]]
    return ListCheck.objects.create(
        region_id=METRO, user=users[username], file_name="daftar.csv", rows=rows
    )


def registries_target(
    name: str, username: str, variant: str, users: dict[str, Any]
) -> Target | None:
    own = variant == "own"
    region = METRO if own else BANDAR_LAMPUNG
    if not own and username not in LIMITED:
        return None
    chosen = f"?wilayah={METRO}" if username == "admin" else ""
    kind, new_name = KEPT.get(username, ("puskesmas", "Puskesmas Tejo Agung"))
    agency = _agency(METRO, AGENCY.get(username, "Dinkes"))
    if name in ("registries:index", "registries:trainings", "registries:kha_xlsx"):
        return Target(reverse(name)) if own else None
    if name in ("registries:kind", "registries:kind_xlsx"):
        return Target(reverse(name, args=["puskesmas"])) if own else None
    if name == "registries:import":
        if not own:
            return None
        return Target(reverse(name) + chosen, {"berkas": _list(kind, new_name), "action": "impor"})
    if name in ("registries:import_check", "registries:import_apply"):
        # "other": another person's check of Kota Metro (404, as another region's would be).
        mine = username if username in users else "sari"  # anonymous: someone's check
        owner = mine if own else ("budi" if username != "budi" else "sari")
        check = _check(owner, users, *(KEPT.get(owner, (kind, new_name))))
        if name == "registries:import_check":
            return Target(reverse(name, args=[check.pk]))
        from layak.regions.models import Region
        from layak.registries.importing import check_list, rows_from_json

        plan = check_list(users[owner], Region.objects.get(code=METRO), rows_from_json(check.rows))
        return Target(reverse(name, args=[check.pk]), {"token": plan.token})
    if name == "registries:institution_new":
        data = {"kind": kind, "name": new_name, "unit": "18.72.01.1005", "active": "on"}
        return Target(reverse(name) + chosen, data) if own else None
    if name == "registries:event_new":
        data = {"title": "KHA", "held_on": "2024-06-01", "organiser": "DP3AP2KB", "hours": "8"}
        return Target(reverse(name) + chosen, data) if own else None
    if name == "registries:staff":
        data = {"agency": str(agency.pk), "year": "2024", "count": "40"}
        return Target(reverse(name) + chosen, data) if own else None
    if name in ("registries:institution", "registries:institution_edit"):
        institution = _institution(region, users)
        data = {"kind": "puskesmas", "name": PUSKESMAS, "active": "on"}
        return Target(reverse(name, args=[institution.pk]), data)
    if name in ("registries:designation_new", "registries:designation_edit"):
        institution = _institution(region, users)
        data = {
            "basis": "sk",
            "number": "440/2/2024",
            "issued_on": "2024-01-02",
            "valid_from": "2024",
            "status": "berlaku",
        }
        if name == "registries:designation_new":
            return Target(reverse(name, args=[institution.pk]), data)
        return Target(reverse(name, args=[institution.designations.first().pk]), data)
    if name == "registries:designation_file":
        institution = _institution(region, users)
        return Target(reverse(name, args=[institution.designations.first().pk]))
    if name in ("registries:event", "registries:event_edit"):
        data = {"title": "Pelatihan KHA", "held_on": "2024-05-20", "organiser": "Dinkes"}
        return Target(reverse(name, args=[_event(region, users).pk]), data | {"hours": "16"})
    if name == "registries:participant_new":
        data = {"name": "Peserta baru", "agency": str(agency.pk), "position": "Staf"}
        return Target(reverse(name, args=[_event(region, users).pk]), data)
    if name in ("registries:participant_edit", "registries:certificate"):
        if own:
            participant = _participant(METRO, AGENCY.get(username, "Dinkes"), users)
        elif username in AGENCY:  # an officer: another agency's participant
            other = "Disdikbud" if username == "budi" else "Dinkes"
            participant = _participant(METRO, other, users)
        else:
            participant = _participant(BANDAR_LAMPUNG, "Dinkes", users)
        data = {"name": participant.name, "agency": str(participant.agency_id)}
        return Target(reverse(name, args=[participant.pk]), data)
    raise AssertionError(f"no concrete URL for {name!r}")
