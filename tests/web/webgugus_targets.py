"""Concrete URLs of the task-force pages for the authorisation matrix (test_web_access): the
`target` fixture hands every "gugus:" name to `gugus_target`.

"own" is a Kota Metro record from the demo (an officer's own agency's action item for the
status update). "other" is a record of Kota Banda Aceh (11.71), outside the scope of Kota
Metro's staff and of the Lampung provincial verifier; for an officer's status update it is
another agency's item of Kota Metro. People who see every region have no "other".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.web.websupport import Target

METRO, OUTSIDE = "18.72", "11.71"
LIMITED = ("sari", "kartika", "budi", "dewi", "rina", "vina")
OFFICER_AGENCY = {"budi": "Dinkes", "dewi": "Disdukcapil", "rina": "DP3AP2KB"}
MANAGE_ONLY = (
    "gugus:decree_new",
    "gugus:decree_edit",
    "gugus:member_new",
    "gugus:member_edit",
    "gugus:meeting_new",
    "gugus:meeting_edit",
    "gugus:meeting_upload",
    "gugus:meeting_document_remove",
    "gugus:action_new",
    "gugus:action_edit",
    "gugus:rad_new",
    "gugus:rad_edit",
)


def _outside(users: dict[str, Any]) -> dict[str, Any]:
    """A task force of Kota Banda Aceh: decree, member, meeting, document, item, activity."""
    from layak.demo.pdf import sample_pdf
    from layak.gugus.models import (
        ActionItem,
        Decree,
        Meeting,
        MeetingDocument,
        Member,
        RadActivity,
    )
    from layak.regions.models import Agency

    agency, _ = Agency.objects.get_or_create(
        region_id=OUTSIDE, short_name="Dinkes", defaults={"name": "Dinas Kesehatan Banda Aceh"}
    )
    admin = users["admin"]
    decree = Decree.objects.create(
        region_id=OUTSIDE,
        number="100/SK/2025",
        signed_on=date(2025, 1, 6),
        valid_from=date(2025, 1, 6),
        created_by=admin,
    )
    member = Member.objects.create(
        decree=decree,
        position="ketua",
        name="Ketua Banda Aceh",
        agency=agency,
        since=date(2025, 1, 6),
    )
    meeting = Meeting.objects.create(
        region_id=OUTSIDE, held_on=date(2025, 3, 1), agenda="Rapat", place="Aula", created_by=admin
    )
    data = sample_pdf(["Dokumen Banda Aceh"])
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    stored = default_storage.save("gugus/uji/banda-aceh.pdf", ContentFile(data))
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title="Daftar hadir",
        stored_name=stored,
        content_type="application/pdf",
        extension="pdf",
        size=len(data),
        uploaded_by=admin,
    )
    action = ActionItem.objects.create(
        meeting=meeting,
        region_id=OUTSIDE,
        what="Uji",
        agency=agency,
        due_on=date(2025, 4, 1),
        updated_by=admin,
    )
    activity = RadActivity.objects.create(
        region_id=OUTSIDE,
        year=2025,
        part_code="K3",
        indicator_code="12",
        name="Uji",
        agency=agency,
        child_share=Decimal(100),
        updated_by=admin,
    )
    return {
        "decree": decree,
        "member": member,
        "meeting": meeting,
        "document": document,
        "action": action,
        "activity": activity,
    }


@cache  # read only, and the demo's records keep their ids for the whole test process
def _metro() -> dict[str, Any]:
    from layak.gugus.models import ActionItem, MeetingDocument, RadActivity
    from layak.gugus.services import current_decree

    decree = current_decree(METRO)
    assert decree is not None
    document = MeetingDocument.objects.get(
        meeting__region_id=METRO, title="Daftar hadir bertanda tangan"
    )
    return {
        "decree": decree,
        "member": decree.members.get(name="Ir. Hendra Gunawan, M.T."),
        "meeting": document.meeting,
        "document": document,
        "action": ActionItem.objects.get(region_id=METRO, what__startswith="Unggah data dukung"),
        "activity": RadActivity.objects.get(
            region_id=METRO, name="Penyusunan Perwali turunan Perda KLA"
        ),
    }


def _form(name: str, records: dict[str, Any]) -> dict[str, Any]:
    from layak.regions.models import Agency

    agency = Agency.objects.get(region_id=METRO, short_name="Dinkes")
    if name in ("gugus:decree_new", "gugus:decree_edit"):
        return {"number": "188/SK/2026", "signed_on": "2026-01-05", "valid_from": "2026-01-05"}
    if name in ("gugus:member_new", "gugus:member_edit"):
        return {"position": "anggota", "kind": "opd", "name": "Uji Coba", "agency": str(agency.pk),
                "since": "2026-01-05"}  # fmt: skip
    if name in ("gugus:meeting_new", "gugus:meeting_edit"):
        return {"held_on": "2026-06-01", "agenda": "Uji", "place": "Aula"}
    if name in ("gugus:action_new", "gugus:action_edit"):
        return {"what": "Uji", "agency": str(agency.pk), "due_on": "2026-12-31",
                "status": "terbuka", "question_codes": "2.3"}  # fmt: skip
    if name in ("gugus:rad_new", "gugus:rad_edit"):
        return {"year": "2026", "part_code": "K3", "indicator_code": "12", "name": "Uji",
                "agency": str(agency.pk), "relevance": "langsung", "child_share": "100",
                "planned_apbd": "10.000.000"}  # fmt: skip
    if name == "gugus:meeting_upload":
        from layak.demo.pdf import sample_pdf

        pdf = SimpleUploadedFile("notulen.pdf", sample_pdf(["Notulen"]), "application/pdf")
        return {"title": "Notulen bertanda tangan", "file": pdf}
    return {}


def _status_target(username: str, variant: str) -> Target | None:
    from layak.gugus.models import ActionItem

    items = ActionItem.objects.filter(region_id=METRO).order_by("pk")
    agency = OFFICER_AGENCY.get(username)
    if variant == "own":
        item = items.filter(agency__short_name=agency or "Dinkes").first()
    elif agency is not None:
        item = items.exclude(agency__short_name=agency).first()
    elif username in LIMITED:  # the secretariat or a verifier: another region's item
        return None
    else:
        return None
    assert item is not None
    return Target(reverse("gugus:action_status", args=[item.pk]), {"status": "berjalan"})


ARGS = {
    "gugus:decree_edit": "decree",
    "gugus:decree_file": "decree",
    "gugus:member_new": "decree",
    "gugus:member_edit": "member",
    "gugus:meeting": "meeting",
    "gugus:meeting_edit": "meeting",
    "gugus:meeting_minutes": "meeting",
    "gugus:meeting_upload": "meeting",
    "gugus:meeting_document": "document",
    "gugus:meeting_document_remove": "document",
    "gugus:action_new": "meeting",
    "gugus:action_edit": "action",
    "gugus:rad_edit": "activity",
}


def gugus_target(name: str, username: str, variant: str, users: dict[str, Any]) -> Target | None:
    if name == "gugus:action_status":
        return _status_target(username, variant)
    own = variant == "own"
    if name == "gugus:index":
        return Target(reverse(name)) if own else None
    if not own and (username not in LIMITED or (name in MANAGE_ONLY and username != "sari")):
        return None
    records = _metro() if own else _outside(users)
    if name in ARGS:
        url = reverse(name, args=[records[ARGS[name]].pk])
    elif name == "gugus:matrix_xlsx":  # the meetings' matrix: its items depend on the reader
        url = reverse(name, args=[METRO if own else OUTSIDE, "rapat"])
    else:  # pages of a region
        url = reverse(name, args=[METRO if own else OUTSIDE])
    return Target(url, _form(name, records))
