"""KELANA/DEKELA: the city's answer follows its kecamatan and kelurahan, is submitted when
every one of them has answered (or by Sari in one step), and never stays stuck in a draft; a
verifier decides only submitted answers; `layak check-answers` names any contradiction."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from layak.audit.models import AuditEvent
from layak.core.messages import InputError
from layak.core.stages import Stage
from layak.core.wilayah import Level
from layak.evaluation.models import Answer, AnswerStatus, Verification
from layak.evaluation.services import save_answer, submit_computed, verify

pytestmark = pytest.mark.django_db
KELURAHAN_QUESTION = "26.2"  # every kelurahan answers: does it have a child-related regulation?
YOSOMULYO = "18.72.01.1005"


def region(cycle, code: str) -> Answer:
    return Answer.objects.get(cycle=cycle, question_code=code, unit__isnull=True)


def one_kelurahan_not_yet(cycle, code: str) -> Answer:
    """Yosomulyo has not answered yet, and the city's answer is still a draft."""
    Answer.objects.filter(cycle=cycle, question_code=code, unit_id=YOSOMULYO).delete()
    Answer.objects.filter(cycle=cycle, question_code=code, unit__isnull=True).update(
        status=AnswerStatus.DRAFT
    )
    return region(cycle, code)


def test_the_city_answer_is_submitted_when_the_last_kelurahan_answers(cycle, person):
    question = cycle.instrument.question(KELURAHAN_QUESTION)
    draft = one_kelurahan_not_yet(cycle, question.code)
    assert draft.status == AnswerStatus.DRAFT

    yosomulyo = cycle.region.units(Level.VILLAGE).get(code=YOSOMULYO)
    save_answer(
        person("yosomulyo"),
        cycle,
        question,
        value="ya",
        note="Perkel perlindungan anak 2024",
        expected_version=None,
        submit=True,
        unit=yosomulyo,
    )

    city = region(cycle, question.code)
    assert city.status == AnswerStatus.SUBMITTED
    assert city.version == draft.version + 1
    event = AuditEvent.objects.filter(action="answer.recompute", object_id=str(city.pk)).latest(
        "id"
    )
    assert (event.after["status"], event.after["answered"]) == ("diajukan", 22)


def test_sari_submits_the_computed_drafts_of_the_part_in_one_step(cycle, person, client):
    for code in (KELURAHAN_QUESTION, "26.3"):
        one_kelurahan_not_yet(cycle, code)
    client.force_login(person("sari"))
    page = client.get(reverse("evaluation:questions", args=[cycle.pk]), {"bagian": "KD"})
    assert "Ajukan 2 jawaban" in page.content.decode()

    response = client.post(reverse("evaluation:submit_computed", args=[cycle.pk, "KD"]))

    assert response.status_code == 302
    for code in (KELURAHAN_QUESTION, "26.3"):
        answer = region(cycle, code)
        assert answer.status == AnswerStatus.SUBMITTED
        assert AuditEvent.objects.filter(action="answer.submit", object_id=str(answer.pk)).exists()
    again = client.get(reverse("evaluation:questions", args=[cycle.pk]), {"bagian": "KD"})
    assert "Ajukan 2 jawaban" not in again.content.decode()


def test_only_the_secretariat_submits_computed_answers(cycle, person):
    one_kelurahan_not_yet(cycle, KELURAHAN_QUESTION)
    for username in ("budi", "oki", "vina"):
        with pytest.raises(PermissionDenied):
            submit_computed(person(username), cycle, "KD")
    assert region(cycle, KELURAHAN_QUESTION).status == AnswerStatus.DRAFT


def test_sari_adjusts_the_city_points_and_they_stay_when_a_kelurahan_changes(cycle, person):
    """The recap granted 5 of 6 points although the kelurahan answers propose another figure;
    a later kelurahan answer moves the share but not the points someone claimed."""
    question = cycle.instrument.question(KELURAHAN_QUESTION)
    before = region(cycle, question.code)
    with pytest.raises(InputError) as refused:
        save_answer(
            person("sari"),
            cycle,
            question,
            value="80",
            note="",
            expected_version=before.version,
            submit=True,
        )
    assert refused.value.problems[0].message.key == "answer.unit_computed"

    adjusted = save_answer(
        person("sari"),
        cycle,
        question,
        value="",
        points="5",
        note="sesuai rekap provinsi",
        expected_version=before.version,
        submit=True,
    )
    assert (adjusted.value, adjusted.points) == (before.value, Decimal("5.0000"))

    yosomulyo = cycle.region.units(Level.VILLAGE).get(code=YOSOMULYO)
    mine = Answer.objects.get(cycle=cycle, question_code=question.code, unit=yosomulyo)
    flipped = "tidak" if mine.value == "ya" else "ya"
    save_answer(
        person("yosomulyo"),
        cycle,
        question,
        value=flipped,
        note="",
        expected_version=mine.version,
        submit=True,
        unit=yosomulyo,
    )
    city = region(cycle, question.code)
    assert city.value != before.value
    assert city.points == Decimal("5.0000")


def test_a_verifier_cannot_decide_a_draft(cycle, person, client):
    answer = region(cycle, "12.2")
    Answer.objects.filter(pk=answer.pk).update(status=AnswerStatus.DRAFT)
    answer.refresh_from_db()
    with pytest.raises(InputError) as refused:
        verify(
            person("vina"),
            answer,
            Stage.ADMINISTRATIVE,
            status="diterima",
            points="",
            note="",
            expected_version=None,
        )
    assert refused.value.problems[0].message.key == "verification.not_submitted"
    assert not Verification.objects.filter(answer=answer, stage="verifikasi_administrasi").exists()

    client.force_login(person("vina"))
    page = client.get(reverse("evaluation:question", args=[cycle.pk, "12.2"])).content.decode()
    assert "Simpan verifikasi" not in page
    assert "verifikasi dapat dilakukan setelah jawaban diajukan" in page


def test_check_answers_finds_nothing_in_the_demo_and_names_a_verified_draft(cycle, capsys):
    call_command("check-answers", "--wilayah", cycle.region_id)
    assert "0 pertentangan" in capsys.readouterr().out

    answer = region(cycle, "12.2")
    Verification.objects.create(
        answer=answer,
        stage=Stage.ADMINISTRATIVE.value,
        status="diterima",
        verified_points=answer.points,
        answer_version=answer.version,
        verifier_id=answer.updated_by_id,
    )
    Answer.objects.filter(pk=answer.pk).update(status=AnswerStatus.DRAFT)
    with pytest.raises(SystemExit) as failed:
        call_command("check-answers", "--wilayah", cycle.region_id)
    assert failed.value.code == 1
    out = capsys.readouterr().out
    where = f"{cycle.region_id} {cycle.year} · 12.2"
    assert f"{where}: verifikasi tahap Verifikasi administrasi (diterima)" in out
    assert "hanya jawaban yang diajukan yang dapat diverifikasi" in out
