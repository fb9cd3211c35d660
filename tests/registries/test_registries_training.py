"""Budi of Dinkes records a KHA training for health staff, its participants with a certificate
and Dinkes' staff count: the register shows the share of Dinkes' staff trained, on the questions
that ask it (15.4, 21A.8). Names are personal data: Dewi of Disdukcapil sees the event, not
Dinkes' people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.ops.breach import query
from layak.registries.models import AgencyStaff, Participant, TrainingEvent

pytestmark = pytest.mark.django_db


def record_event(client: Client, title: str, held_on: str) -> TrainingEvent:
    response = client.post(
        reverse("registries:event_new"),
        {
            "title": title,
            "held_on": held_on,
            "organiser": "Dinkes bersama DP3AP2KB",
            "hours": "16",
            "material": "Konvensi Hak Anak; Puskesmas Ramah Anak",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return TrainingEvent.objects.get(title=title)


def add_participant(client: Client, event: TrainingEvent, **data: Any) -> Any:
    return client.post(reverse("registries:participant_new", args=[event.pk]), data)


def kha_row(page: str, agency: str) -> str:
    start = page.index(f'<td data-label="OPD">{agency}</td>')
    return page[start : page.index("</tr>", start)]


def test_budi_sees_the_share_of_dinkes_staff_trained(
    login: Callable[[str], Client],
    agency: Callable[[str], Any],
    pdf_upload: Callable[..., Any],
    empty_registries: int,
) -> None:
    dinkes, disdikbud = agency("Dinkes"), agency("Disdikbud")
    budi = login("budi")
    event = record_event(budi, "Pelatihan KHA tenaga kesehatan", "2024-05-20")
    ani = {"name": "dr. Ani Rahmawati", "agency": dinkes.pk, "position": "Dokter Puskesmas"}
    assert add_participant(budi, event, **ani, file=pdf_upload("sertifikat.pdf")).status_code == 302
    bayu = {"name": "Bayu Saputra", "agency": dinkes.pk, "position": "Perawat"}
    assert add_participant(budi, event, **bayu).status_code == 302
    refused = add_participant(budi, event, name="Citra", agency=disdikbud.pk)
    assert refused.status_code == 400
    assert {e.code for e in refused.context["form"].errors.as_data()["agency"]} == {
        "registries.agency_not_yours"
    }
    assert Participant.objects.filter(event=event).count() == 2

    response = budi.post(
        reverse("registries:staff") + "?tahun=2024",
        {"agency": dinkes.pk, "year": "2024", "count": "40"},
    )
    assert response.status_code == 302
    assert AgencyStaff.objects.get(agency=dinkes, year=2024).count == 40
    assert (
        AuditEvent.objects.filter(action="registries.staff.save", pk__gt=empty_registries).count()
        == 1
    )

    page = budi.get(reverse("registries:trainings") + "?tahun=2024").content.decode()
    row = kha_row(page, "Dinkes")
    assert ">2<" in row
    assert ">40<" in row
    assert "5,0 %" in row  # 2 of 40
    assert "15.4" in row
    assert "21A.8" in row

    # Ani trained again in 2025 counts once; 2025's staff count is not recorded yet.
    later = record_event(budi, "Penyegaran KHA", "2025-03-10")
    assert add_participant(budi, later, **ani | {"name": "Dr Ani Rahmawati"}).status_code == 302
    row_2025 = kha_row(
        budi.get(reverse("registries:trainings") + "?tahun=2025").content.decode(), "Dinkes"
    )
    assert ">2<" in row_2025
    assert "belum dicatat" in row_2025

    # The secretariat records for any agency; Budi's count of 2024 is replaced, not doubled.
    sari = login("sari")
    citra = {"name": "Citra Lestari", "agency": disdikbud.pk, "position": "Guru SD"}
    assert add_participant(sari, event, **citra).status_code == 302
    sari.post(reverse("registries:staff"), {"agency": dinkes.pk, "year": "2024", "count": "50"})
    assert AgencyStaff.objects.filter(agency=dinkes).count() == 1
    page = sari.get(reverse("registries:trainings") + "?tahun=2024").content.decode()
    assert "4,0 %" in kha_row(page, "Dinkes")  # 2 of 50

    # Dewi sees the event and how many others took part, not their names.
    dewi = login("dewi")
    event_page = dewi.get(reverse("registries:event", args=[event.pk])).content.decode()
    assert "Pelatihan KHA tenaga kesehatan" in event_page
    assert "Rahmawati" not in event_page
    assert "Citra" not in event_page
    ani_row = Participant.objects.get(event=event, name="dr. Ani Rahmawati")
    assert dewi.get(reverse("registries:certificate", args=[ani_row.pk])).status_code == 404
    # Budi sees his agency's people, not Disdikbud's teacher.
    budi = login("budi")
    event_page = budi.get(reverse("registries:event", args=[event.pk])).content.decode()
    assert "Rahmawati" in event_page
    assert "Citra" not in event_page
    certificate = budi.get(reverse("registries:certificate", args=[ani_row.pk]))
    assert certificate.status_code == 200
    b"".join(certificate.streaming_content)
    assert AuditEvent.objects.filter(action="registries.certificate.download").count() == 1

    # Were Dewi's account misused, the breach query names every participant of her region.
    today = timezone.localdate()
    reached = query("dewi", today, today)["dapat_dijangkau"]["peserta_pelatihan_kha"]
    assert {p["nama"] for p in reached} == {
        "dr. Ani Rahmawati",
        "Bayu Saputra",
        "Dr Ani Rahmawati",
        "Citra Lestari",
    }


def test_a_training_needs_its_hours(login: Callable[[str], Client]) -> None:
    response = login("budi").post(
        reverse("registries:event_new"),
        {"title": "Sosialisasi", "held_on": "2024-05-20", "organiser": "Dinkes", "hours": "0"},
    )
    assert response.status_code == 400
    assert {e.code for e in response.context["form"].errors.as_data()["hours"]} == {
        "registries.hours_positive"
    }
    assert not TrainingEvent.objects.exists()
