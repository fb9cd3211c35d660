"""The year after: Sari opens Kota Metro's next cycle with last year's answers carried over. The
assignments are last year's (her change by hand included); every answer is a draft marked
"dari tahun lalu — perlu ditinjau" and counts in no figure; the evidence still valid in the new
year is linked, the expired is not. Budi confirms one answer of Dinkes; Sari confirms every
unchanged one at once; the command does the same as the page; without the checkbox nothing is
carried; the years page shows the dashboard's and the public page's figures for each year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from layak.audit.models import AuditEvent
from layak.core.answers import Answer as CoreAnswer
from layak.core.answers import same_answer
from layak.core.scoring import score
from layak.evaluation.carryover import carried_into
from layak.evaluation.models import Answer, AnswerStatus, Assignment, Cycle, Verification
from layak.evaluation.policy import assigned_codes
from layak.evaluation.proposals import proposals_for
from layak.evaluation.queries.figures import cycle_figures
from layak.evidence.models import EvidenceFile
from layak.public.queries import year_scores

pytestmark = pytest.mark.django_db

OPEN = reverse("cycle_new")


def _form(cycle: Cycle, year: int, **extra: str) -> dict[str, str]:
    """The new cycle's self-assessment open from yesterday for a month, in Kota Metro's WIB,
    so that the officers can work in it now."""
    now = timezone.localtime(timezone.now(), cycle.region.zone.info)
    moment = "%Y-%m-%dT%H:%M"
    return {
        "year": str(year),
        "instrument": "kla-2024",
        "target_predicate": "Nindya",
        "mandiri_opens_at": (now - timedelta(days=1)).strftime(moment),
        "mandiri_closes_at": (now + timedelta(days=30)).strftime(moment),
        **extra,
    }


def _assignments(cycle: Cycle) -> set[tuple[str, str, bool]]:
    return set(
        Assignment.objects.filter(cycle=cycle).values_list(
            "question_code", "agency__short_name", "lead"
        )
    )


def _answers(cycle: Cycle) -> dict[tuple[str, str | None], tuple[str, Any, str]]:
    return {
        (a.question_code, a.unit_id): (a.value, a.points, a.note)
        for a in Answer.objects.answered().filter(cycle=cycle)
    }


def _present_files(cycle: Cycle) -> list[EvidenceFile]:
    return list(
        EvidenceFile.objects.present()
        .filter(answer__cycle=cycle, answer__unit__isnull=True, answer__points__isnull=False)
        .order_by("answer__question_code", "pk")
    )


def _departing(cycle: Cycle) -> set[str]:
    """The region answers carried into `cycle` whose value departs from this year's registry
    proposal, with no note: the proposal rule refuses to confirm them as they are."""
    instrument = cycle.instrument
    proposals = proposals_for(cycle, instrument.questions)
    return {
        a.question_code
        for a in Answer.objects.awaiting_review().filter(cycle=cycle, unit__isnull=True)
        if a.question_code in proposals
        and a.value
        and not a.note.strip()
        and not same_answer(
            instrument.question(a.question_code), proposals[a.question_code].value, a.value
        )
    }


@pytest.fixture
def prepared(cycle: Cycle, login: Callable[[str], Client], agency: Callable[[str], Any]) -> Any:
    """Last year as Sari left it: question 12.2 moved by hand from Dinkes to Bappeda and back
    with Dinkes as a second agency; a decree valid two more years on one answer, a document
    that expired with this year on another."""
    sari = login("sari")
    bappeda, dinkes = agency("Bappeda"), agency("Dinkes")
    response = sari.post(
        reverse("evaluation:assignment_edit", args=[cycle.pk, "12.2"]),
        {"agencies": [str(bappeda.pk), str(dinkes.pk)], "lead": str(bappeda.pk)},
    )
    assert response.status_code == 302
    files = _present_files(cycle)
    valid, expired = files[0], next(f for f in files if f.answer_id != files[0].answer_id)
    EvidenceFile.objects.filter(pk=valid.pk).update(valid_until_year=cycle.year + 2)
    EvidenceFile.objects.filter(pk=expired.pk).update(valid_until_year=cycle.year)
    return valid, expired


@pytest.mark.parametrize("ids_from_bulk_insert", [True, False], ids=["one insert", "row by row"])
def test_sari_opens_next_year_with_last_years_answers_as_drafts_to_review(
    login: Callable[[str], Client],
    cycle: Cycle,
    prepared: Any,
    ids_from_bulk_insert: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copies go in as one INSERT where the database returns their ids (SQLite 3.35+,
    PostgreSQL), one by one where it does not: the same answers, audit rows and links."""
    from django.db import connection

    features = type(connection.features)  # a property there: replaced for this test only
    monkeypatch.setattr(features, "can_return_rows_from_bulk_insert", ids_from_bulk_insert)
    valid, expired = prepared
    sari = login("sari")
    year = cycle.year + 1
    form = sari.get(f"{OPEN}?wilayah={cycle.region_id}").content.decode()
    assert f"Penugasan OPD disalin dari siklus {cycle.year}" in form
    assert 'name="carry_answers"' in form

    response = sari.post(OPEN, _form(cycle, year, carry_answers="on"))

    assert response.status_code == 302
    opened = Cycle.objects.get(region_id=cycle.region_id, year=year)
    # The assignments are last year's, Sari's change by hand included.
    assert _assignments(opened) == _assignments(cycle)
    assert ("12.2", "Bappeda", True) in _assignments(opened)
    # Every answer (the city's and each kecamatan's/kelurahan's) is copied, as a draft marked.
    assert _answers(opened) == _answers(cycle)
    carried = Answer.objects.filter(cycle=opened)
    region_level = carried.filter(unit__isnull=True).count()
    assert region_level == Answer.objects.answered().filter(cycle=cycle, unit__isnull=True).count()
    assert region_level > 250  # nearly all of the 274 questions
    assert set(carried.values_list("status", "carried_from_year", "reviewed_at")) == {
        (AnswerStatus.DRAFT, cycle.year, None)
    }
    assert carried.awaiting_review().count() == carried.count()
    assert not Verification.objects.filter(answer__cycle=opened).exists()
    # Nothing counts until it is reviewed: no figure, only drafts.
    read = cycle_figures(opened)
    assert read.submitted == {}
    assert read.figures.self_assessed.total == 0
    assert read.drafts.answers == carried.filter(unit__isnull=True, points__isnull=False).count()
    # The decree still valid is linked to the new answer, on the same stored file; the
    # expired document and those valid only for their year are not.
    linked = EvidenceFile.objects.filter(answer__cycle=opened)
    assert [(f.carried_from_id, f.stored_name, f.answer.question_code) for f in linked] == [
        (valid.pk, valid.stored_name, valid.answer.question_code)
    ]
    assert not linked.filter(carried_from=expired).exists()

    event = AuditEvent.objects.get(action="cycle.open", object_id=str(opened.pk))
    assert event.after["assignments_from"] == cycle.year
    assert event.after["carried"] == {"year": cycle.year, "answers": carried.count(), "evidence": 1}
    carry_events = AuditEvent.objects.filter(action="answer.carry")
    assert sorted(carry_events.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in carried.values_list("pk", flat=True)
    )
    assert AuditEvent.objects.filter(action="evidence.carry").count() == 1

    stages = sari.get(response["Location"]).content.decode()
    assert f"{carried.count()} jawaban {cycle.year} disalin sebagai draf" in stages


def test_budi_confirms_one_answer_and_sari_the_unchanged_rest(
    login: Callable[[str], Client], cycle: Cycle, prepared: Any, person: Callable[[str], Any]
) -> None:
    sari = login("sari")
    year = cycle.year + 1
    assert sari.post(OPEN, _form(cycle, year, carry_answers="on")).status_code == 302
    opened = Cycle.objects.get(region_id=cycle.region_id, year=year)
    budi = person("budi")
    mine = assigned_codes(budi, opened)
    waiting = Answer.objects.awaiting_review().filter(
        cycle=opened, unit__isnull=True, points__isnull=False, question_code__in=mine
    )
    instrument = opened.instrument
    own = [
        a
        for a in waiting.order_by("question_code")
        if not instrument.question(a.question_code).per_unit
    ]
    first, second = own[0], own[1]

    # Budi's dashboard counts what waits for him; the list filtered by it shows exactly those.
    client = login("budi")
    dashboard = client.get(reverse("evaluation:dashboard", args=[opened.pk]))
    counted = {w.label: w.count for w in dashboard.context["waiting"]}
    assert counted["Dari tahun lalu, perlu ditinjau"] == waiting.count()
    listed = client.get(reverse("evaluation:questions", args=[opened.pk]) + "?menunggu=tahun_lalu")
    assert {r.question.code for r in listed.context["rows"]} == set(
        waiting.values_list("question_code", flat=True)
    )
    page = client.get(reverse("evaluation:question", args=[opened.pk, first.question_code]))
    assert "dari tahun lalu — perlu ditinjau" in page.content.decode()
    assert "Sudah ditinjau" in page.content.decode()

    url = reverse("evaluation:review_answer", args=[opened.pk, first.question_code])
    assert client.post(url, {"version": "1"}).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.reviewed_by, first.version) == (AnswerStatus.SUBMITTED, budi, 2)
    event = AuditEvent.objects.get(action="answer.review", object_id=str(first.pk))
    assert (event.actor, event.before["status"], event.after["status"]) == (
        budi,
        "draf",
        "diajukan",
    )
    figures = cycle_figures(opened).figures
    assert figures.self_assessed.total == pytest.approx(float(first.points))
    # Confirmed once: a second click is refused, keyed, and changes nothing.
    again = client.post(url, {"version": "2"})
    assert again.status_code == 400
    assert "tidak menunggu tinjauan" in again.content.decode()
    # Saving a carried answer is reviewing it too (here as a draft, so it still counts nowhere).
    question = instrument.question(second.question_code)
    save = client.post(
        reverse("evaluation:save_answer", args=[opened.pk, second.question_code]),
        {
            "value": second.value,
            "points": "",
            "note": "diperiksa",
            "version": "1",
            "action": "draf",
        },
    )
    assert save.status_code == 302, question
    second.refresh_from_db()
    assert (second.status, second.awaiting_review) == (AnswerStatus.DRAFT, False)

    # Sari confirms every answer nobody changed: all of them but Budi's two, and those that
    # depart from this year's registry proposal without a note (they wait, one by one).
    sari = login("sari")
    unchanged = Answer.objects.awaiting_review().filter(cycle=opened).count()
    differing = _departing(opened)
    assert differing  # the demo's simulated answers do not all agree with its registries
    listing = sari.get(reverse("evaluation:questions", args=[opened.pk]))
    assert listing.context["unchanged_carried"] == unchanged
    response = sari.post(reverse("evaluation:review_unchanged", args=[opened.pk]))
    assert response.status_code == 302
    left = Answer.objects.awaiting_review().filter(cycle=opened)
    assert set(left.values_list("question_code", flat=True)) == differing
    assert AuditEvent.objects.filter(action="answer.review").count() == (
        unchanged - len(differing) + 1
    )
    # Every answer of last year now counts as submitted, but the draft Budi kept and those
    # left waiting: the same points as last year's answers give the same self-assessed figure.
    earlier = {
        a.question_code: CoreAnswer(float(a.points))
        for a in Answer.objects.filter(cycle=cycle, unit__isnull=True, points__isnull=False)
        if a.question_code != second.question_code and a.question_code not in differing
    }
    expected = score(cycle.instrument, earlier).total
    assert cycle_figures(opened).figures.self_assessed.total == pytest.approx(expected)


def test_the_command_carries_the_same_and_without_the_checkbox_nothing_is_carried(
    login: Callable[[str], Client], cycle: Cycle, prepared: Any, capsys: Any
) -> None:
    year = cycle.year + 1
    call_command(
        "open-cycle",
        "--wilayah",
        cycle.region_id,
        "--tahun",
        str(year),
        "--mandiri",
        f"{year}-02-01:{year}-03-31",
        "--salin-jawaban",
    )
    by_command = Cycle.objects.get(region_id=cycle.region_id, year=year)
    out = capsys.readouterr().out
    assert f"Penugasan OPD disalin dari siklus {cycle.year}" in out
    assert _assignments(by_command) == _assignments(cycle)
    assert _answers(by_command) == _answers(cycle)
    summary = carried_into(by_command)
    assert (summary.answers, summary.awaiting_review, summary.evidence) == (
        len(_answers(cycle)),
        len(_answers(cycle)),
        1,
    )
    event = AuditEvent.objects.get(action="cycle.open", object_id=str(by_command.pk))
    assert (event.actor, event.actor_name) == (None, "sistem")

    # The year after that, on the page without the checkbox: assignments, but no answers.
    sari = login("sari")
    assert sari.post(OPEN, _form(cycle, year + 1)).status_code == 302
    plain = Cycle.objects.get(region_id=cycle.region_id, year=year + 1)
    assert _assignments(plain) == _assignments(cycle)
    assert not Answer.objects.filter(cycle=plain).exists()
    assert not EvidenceFile.objects.filter(answer__cycle=plain).exists()


def test_carrying_needs_an_earlier_cycle_and_the_opening_refusals_stand(
    login: Callable[[str], Client], cycle: Cycle
) -> None:
    # Bandar Lampung has no cycle yet: nothing to carry, refused at the checkbox.
    admin = login("admin")
    response = admin.post(f"{OPEN}?wilayah=18.71", _form(cycle, cycle.year, carry_answers="on"))
    assert response.status_code == 400
    assert response.context["form"].has_error("carry_answers", "cycle.nothing_to_carry")
    assert not Cycle.objects.filter(region_id="18.71").exists()

    sari = login("sari")
    year = cycle.year + 1
    assert sari.post(OPEN, _form(cycle, year, carry_answers="on")).status_code == 302
    carried = Answer.objects.filter(cycle__year=year).count()
    again = sari.post(OPEN, _form(cycle, year, carry_answers="on"))
    assert again.status_code == 400
    assert again.context["form"].has_error("year", "cycle.exists")
    assert Answer.objects.filter(cycle__year=year).count() == carried
    # An officer may not open a cycle at all.
    assert login("budi").post(OPEN, _form(cycle, year + 1, carry_answers="on")).status_code == 403
    assert not Cycle.objects.filter(year=year + 1).exists()


def test_the_years_page_shows_the_dashboards_and_the_public_pages_figures(
    login: Callable[[str], Client], cycle: Cycle, prepared: Any
) -> None:
    sari = login("sari")
    year = cycle.year + 1
    assert sari.post(OPEN, _form(cycle, year, carry_answers="on")).status_code == 302
    opened = Cycle.objects.get(region_id=cycle.region_id, year=year)
    # Half of the carried answers confirmed (of those this year's registries agree with):
    # the two years differ.
    differing = _departing(opened)
    agreeing = Answer.objects.filter(cycle=opened, unit__isnull=True).exclude(
        question_code__in=differing
    )
    for answer in agreeing.order_by("pk")[::2]:
        response = sari.post(
            reverse("evaluation:review_answer", args=[opened.pk, answer.question_code]),
            {"version": str(answer.version)},
        )
        assert response.status_code == 302, answer.question_code

    page = sari.get(reverse("evaluation:years", args=[opened.pk]))
    assert page.status_code == 200
    comparison = page.context["comparison"]
    assert [y.cycle.year for y in comparison.years] == [cycle.year, year]
    public = {s.year: s for s in year_scores(cycle.region)}
    for i, shown in enumerate(comparison.years):
        board = sari.get(reverse("evaluation:dashboard", args=[shown.cycle.pk])).context
        assert shown.total.self_assessed == board["mandiri"].total
        assert shown.self_assessed.predicate == board["mandiri"].predicate
        verified = board["verified"]
        assert shown.total.verified == (verified.total if verified else None)
        parts = {line.code: line.cells[i] for line in comparison.lines if line.is_part}
        assert {p.code: p.score for p in board["mandiri"].parts} == {
            code: cell.self_assessed for code, cell in parts.items()
        }
        indicators = {line.code: line.cells[i] for line in comparison.lines if not line.is_part}
        assert {x.code: x.score for x in board["card"].indicators} == {
            code: cell.self_assessed for code, cell in indicators.items()
        }
        # The public page shows the verified figure once there is one, else the self-assessed.
        told = public[shown.cycle.year]
        assert told.total == (shown.total.verified if verified else shown.total.self_assessed)
    later = comparison.years[1].total
    assert later.self_change == pytest.approx(
        comparison.years[1].total.self_assessed - comparison.years[0].total.self_assessed
    )
    assert cycle_figures(cycle).figures.verified is not None  # the demo's year is verified
    assert comparison.years[1].verified is None  # verifications are not carried
    assert "Nilai antar tahun" in page.content.decode()


def test_oki_confirms_his_kecamatans_answer_and_only_then_it_counts_for_the_city(
    login: Callable[[str], Client], cycle: Cycle
) -> None:
    from layak.evaluation.queries.tallies import unit_tally

    sari = login("sari")
    year = cycle.year + 1
    assert sari.post(OPEN, _form(cycle, year, carry_answers="on")).status_code == 302
    opened = Cycle.objects.get(region_id=cycle.region_id, year=year)
    question = opened.instrument.question("25.2")
    mine = Answer.objects.get(cycle=opened, question_code="25.2", unit_id="18.72.01")
    assert mine.awaiting_review
    assert unit_tally(opened, question).answered == 0  # carried answers wait for review

    oki = login("oki")
    page = oki.get(reverse("evaluation:question", args=[opened.pk, "25.2"])).content.decode()
    assert "dari tahun lalu — perlu ditinjau" in page
    url = reverse("evaluation:review_answer", args=[opened.pk, "25.2"])
    # Another kecamatan's answer is not his to confirm.
    other = oki.post(url, {"unit": "18.72.02", "version": "1"})
    assert other.status_code == 403
    assert oki.post(url, {"unit": "18.72.01", "version": "1"}).status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.awaiting_review) == (AnswerStatus.SUBMITTED, False)
    assert unit_tally(opened, question).answered == 1
    city = Answer.objects.get(cycle=opened, question_code="25.2", unit__isnull=True)
    assert city.status == AnswerStatus.DRAFT  # the other kecamatan have not confirmed yet


def test_budi_says_until_when_a_document_holds_and_a_wrong_year_is_refused(
    login: Callable[[str], Client], cycle: Cycle, pdf_bytes: bytes
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    budi = login("budi")
    url = reverse("evidence:upload", args=[cycle.pk, "12.2"])

    def upload(valid_until: str) -> Any:
        return budi.post(
            url,
            {
                "title": "SK Puskesmas ramah anak",
                "document_year": str(cycle.year),
                "valid_until_year": valid_until,
                "files": SimpleUploadedFile("sk.pdf", pdf_bytes, content_type="application/pdf"),
            },
        )

    page = budi.get(reverse("evaluation:question", args=[cycle.pk, "12.2"])).content.decode()
    assert 'name="valid_until_year"' in page
    assert upload(str(cycle.year + 3)).status_code == 302
    added = EvidenceFile.objects.filter(answer__cycle=cycle, title="SK Puskesmas ramah anak")
    assert [f.valid_until_year for f in added] == [cycle.year + 3]
    event = AuditEvent.objects.filter(action="evidence.add").latest("id")
    assert event.after["valid_until_year"] == cycle.year + 3

    refused = upload(str(cycle.year - 1))
    assert refused.status_code == 400
    assert "berlaku sampai tahun" in refused.content.decode()
    assert added.count() == 1


def test_the_years_page_reads_in_the_same_number_of_queries_for_more_years(
    login: Callable[[str], Client], cycle: Cycle
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sari = login("sari")
    url = reverse("evaluation:years", args=[cycle.pk])
    with CaptureQueriesContext(connection) as one_year:
        assert sari.get(url).status_code == 200
    for later in (1, 2):
        response = sari.post(OPEN, _form(cycle, cycle.year + later, carry_answers="on"))
        assert response.status_code == 302
    sari.get(url)  # shows (and so clears) the openings' messages, a session write of its own
    with CaptureQueriesContext(connection) as three_years:
        page = sari.get(url)
    assert len(page.context["comparison"].years) == 3
    assert len(three_years) == len(one_year)
