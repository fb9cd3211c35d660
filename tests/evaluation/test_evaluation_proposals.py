"""Answers proposed from the registries (layak.evaluation.proposals, layak.registries.proposals)
on the demo's Kota Metro: ten puskesmas, six with a decree (SK) in force this year. Budi of
Dinkes registers one more decree and sees 15.1's proposal rise; he accepts it, or answers
otherwise, which needs a note."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.evaluation.models import Answer
from layak.registries.models import Institution, Participant, TrainingEvent

pytestmark = pytest.mark.django_db


def page(client: Client, cycle: Any, code: str) -> Any:
    response = client.get(reverse("evaluation:question", args=[cycle.pk, code]))
    assert response.status_code == 200
    return response


def save(client: Client, cycle: Any, code: str, **data: str) -> Any:
    answer = Answer.objects.filter(cycle=cycle, question_code=code, unit=None).first()
    version = str(answer.version) if answer else "0"
    posted = {"version": version, "action": "draf", "note": "", **data}
    return client.post(reverse("evaluation:save_answer", args=[cycle.pk, code]), posted)


def test_budi_registers_a_puskesmas_decree_and_sees_the_proposal_of_15_1_rise(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    shown = page(budi, cycle, "15.1")
    before = shown.context["proposal"]
    assert (before.value, before.shown) == ("60", "60,0 %")
    assert before.source == "Registri Puskesmas: 6 dari 10 ber-SK"
    assert "Pakai usulan ini" in html.unescape(shown.content.decode())

    puskesmas = Institution.objects.get(region_id="18.72", name="Puskesmas Sumbersari Bantul")
    response = budi.post(
        reverse("registries:designation_new", args=[puskesmas.pk]),
        {
            "basis": "sk",
            "number": f"440/777/KPTS/D.a/{cycle.year}",
            "issued_on": f"{cycle.year}-01-20",
            "valid_from": str(cycle.year),
            "valid_until": "",
            "status": "berlaku",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    after = page(budi, cycle, "15.1").context["proposal"]
    assert (after.value, after.shown) == ("70", "70,0 %")
    assert after.source == "Registri Puskesmas: 7 dari 10 ber-SK"


def test_budi_accepts_the_proposal_and_the_list_no_longer_marks_it(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    questions = reverse("evaluation:questions", args=[cycle.pk])
    answer = Answer.objects.get(cycle=cycle, question_code="15.1", unit=None)
    assert answer.value != "60", "the demo's answer departs from the registry"
    assert "15.1" in budi.get(questions).context["departing"]

    assert save(budi, cycle, "15.1", value="60").status_code == 302  # "Pakai usulan ini"
    answer.refresh_from_db()
    assert (answer.value, answer.points, answer.updated_by.username) == ("60", 1.5, "budi")
    event = AuditEvent.objects.filter(action="answer.save", object_id=str(answer.pk)).latest("pk")
    assert event.after["value"] == "60"
    assert "15.1" not in budi.get(questions).context["departing"]
    assert "jawaban berbeda dari usulan" not in page(budi, cycle, "15.1").content.decode()


def test_budi_answers_otherwise_only_with_a_note(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    refused = save(budi, cycle, "15.1", value="80")
    assert refused.status_code == 400
    assert refused.context["errors"]["note"] == [
        "jawaban berbeda dari usulan registri (60,0 %): tulis catatan alasannya"
    ]
    assert 'id="note-error"' in refused.content.decode()
    assert Answer.objects.get(cycle=cycle, question_code="15.1", unit=None).value != "80"

    note = "Dua puskesmas menerima SK bulan ini; registri belum diperbarui."
    assert save(budi, cycle, "15.1", value="80", note=note).status_code == 302
    answer = Answer.objects.get(cycle=cycle, question_code="15.1", unit=None)
    assert (answer.value, answer.note) == ("80", note)


def test_a_question_without_a_register_proposes_nothing(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    response = page(budi, cycle, "14.10")  # yes/no, unanswered in the demo
    assert response.context["proposal"] is None
    assert "Usulan dari registri" not in response.content.decode()
    assert save(budi, cycle, "14.10", value="ya").status_code == 302  # no note asked


def test_kha_question_proposes_the_staff_trained_of_its_agencies(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    proposal = page(login("budi"), cycle, "15.4").context["proposal"]
    assert proposal.value == "12"  # the demo's twelve Dinkes staff trained this year
    assert "Dinkes 12 dari 410 pegawai (2,9 %)" in proposal.source


def test_the_question_page_costs_the_same_with_a_larger_register(
    cycle: Any, login: Callable[[str], Client], users: Any
) -> None:
    budi = login("budi")

    def count(code: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            page(budi, cycle, code)
        return len(queries)

    first = (count("15.1"), count("15.4"))
    for n in range(20):
        Institution.objects.create(region_id="18.72", kind="puskesmas", name=f"Pustu {n}")
    event = TrainingEvent.objects.filter(region_id="18.72").first()
    assert event is not None
    dinkes = Participant.objects.filter(agency__short_name="Dinkes").first()
    assert dinkes is not None
    for n in range(20):
        Participant.objects.create(event=event, name=f"Peserta {n}", agency=dinkes.agency)
    assert (count("15.1"), count("15.4")) == first
