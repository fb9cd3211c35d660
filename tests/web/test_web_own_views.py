"""Each person's own view, counted as their list lists it: Budi's completeness is his agency's
questions, Oki's dashboard puts kecamatan Metro Pusat first and the city below.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from layak.evaluation import services
from layak.evaluation.models import Answer, Assignment
from layak.regions.models import Region
from tests.web.websupport import KEC_OKI

pytestmark = pytest.mark.django_db


def _dashboard(client: Any, cycle: Any) -> Any:
    response = client.get(reverse("evaluation:dashboard", args=[cycle.pk]))
    assert response.status_code == 200
    return response


def _listed(client: Any, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [row.question.code for row in response.context["rows"]]


def _every_count_is_its_list(client: Any, cycle: Any) -> None:
    """Every completeness count of the dashboard equals the length of the list it links to."""
    page = _dashboard(client, cycle)
    listed = reverse("evaluation:questions", args=[cycle.pk])
    for c, _bar, _evidence in page.context["parts"]:
        part = f"{listed}?bagian={c.key}"
        assert len(_listed(client, part)) == c.total, c.key
        assert len(_listed(client, f"{part}&status=dijawab")) == c.answered, c.key
        assert len(_listed(client, f"{part}&status=berbukti")) == c.with_evidence, c.key
    for c, _bar in page.context["agencies"]:
        agency = f"{listed}?opd={c.key}"
        assert len(_listed(client, agency)) == c.total, c.key
        assert len(_listed(client, f"{agency}&status=dijawab")) == c.answered, c.key
    if page.context["unit_links"]:
        for c, _bar in page.context["units"][:3]:
            unit = f"{listed}?wilayah={c.key}"
            assert len(_listed(client, unit)) == c.total, c.key
            assert len(_listed(client, f"{unit}&status=dijawab")) == c.answered, c.key


def test_budis_completeness_counts_only_the_questions_of_dinkes(cycle, users, login):
    budi = login("budi")
    page = _dashboard(budi, cycle)
    dinkes = set(
        Assignment.objects.filter(cycle=cycle, agency=users["budi"].agency).values_list(
            "question_code", flat=True
        )
    )
    everything = _listed(budi, reverse("evaluation:questions", args=[cycle.pk]))
    assert set(everything) == dinkes
    # His parts add up to his list, not to the city's 100-odd questions.
    assert sum(c.total for c, _a, _e in page.context["parts"]) == len(everything)
    assert len(everything) < len(cycle.instrument.questions)
    assert "Dinkes" in [c.key for c, _bar in page.context["agencies"]]
    assert "ditugaskan ke OPD Anda" in page.content.decode()
    _every_count_is_its_list(budi, cycle)


def test_saris_completeness_counts_are_her_lists_too(cycle, login):
    sari = login("sari")
    page = _dashboard(sari, cycle)
    assert sum(c.total for c, _a, _e in page.context["parts"]) == len(cycle.instrument.questions)
    assert "ditugaskan ke OPD Anda" not in page.content.decode()
    _every_count_is_its_list(sari, cycle)


def test_oki_sees_metro_pusat_first_and_the_city_below(cycle, login):
    oki = login("oki")
    page = _dashboard(oki, cycle)
    own = page.context["own_unit"]
    assert own.unit.code == KEC_OKI
    assert len(_listed(oki, own.list_url)) == own.total > 0
    assert len(_listed(oki, own.answered_url)) == own.answered
    assert len(_listed(oki, own.unanswered.url)) == own.unanswered.count
    assert len(_listed(oki, own.no_evidence.url)) == own.no_evidence.count
    assert own.answered + own.unanswered.count == own.total
    # The same figures as the city's row for Metro Pusat and his "Menunggu saya".
    city_row = next(c for c, _bar in page.context["units"] if c.key == KEC_OKI)
    assert (city_row.answered, city_row.total) == (own.answered, own.total)
    waiting = {w.label: w.count for w in page.context["waiting"]}
    assert waiting["Belum dijawab"] == own.unanswered.count
    assert waiting["Tanpa bukti"] == own.no_evidence.count
    html = page.content.decode()
    assert (
        html.index("Jawaban Metro Pusat")
        < html.index("Nilai Kota Metro")
        < html.index("Kelengkapan per kecamatan/kelurahan")
    )


def test_okis_unanswered_question_waits_until_he_answers_it(cycle, users, login):
    metro_pusat = Region.objects.get(code=KEC_OKI)
    before = _dashboard(login("oki"), cycle).context["own_unit"]
    # The demo's Metro Pusat answered every kecamatan question; one starts over as never
    # answered (the arrangement of this story, not a write the application makes).
    code = next(
        a.question_code
        for a in Answer.objects.filter(cycle=cycle, unit=metro_pusat).order_by("question_code")
        if not a.evidence.exists() and not a.verifications.exists()
    )
    Answer.objects.filter(cycle=cycle, unit=metro_pusat, question_code=code).delete()
    opened = _dashboard(login("oki"), cycle).context["own_unit"]
    assert opened.unanswered.count == before.unanswered.count + 1
    assert opened.answered == before.answered - 1
    assert code in _listed(login("oki"), opened.unanswered.url)

    services.save_answer(
        users["oki"],
        cycle,
        cycle.instrument.question(code),
        value="ya",
        note="",
        expected_version=None,
        submit=True,
        unit=metro_pusat,
    )
    after = _dashboard(login("oki"), cycle).context["own_unit"]
    assert (after.unanswered.count, after.answered) == (before.unanswered.count, before.answered)
    assert code not in _listed(login("oki"), after.unanswered.url)


def test_nobody_but_an_operator_gets_a_unit_first(cycle, login):
    for name in ("sari", "budi", "kartika"):
        assert _dashboard(login(name), cycle).context["own_unit"] is None


def test_budis_units_table_nests_kelurahan_and_draws_no_bar_for_nothing_to_answer(cycle, login):
    """His agency answers no kecamatan question: Metro Pusat's row says 0/0 without a full bar,
    and its kelurahan stand indented below it."""
    page = _dashboard(login("budi"), cycle)
    units = [c for c, _bar in page.context["units"]]
    metro_pusat = next(c for c in units if c.key == KEC_OKI)
    assert (metro_pusat.total, metro_pusat.nested) == (0, False)
    assert all(c.nested == (c.key.count(".") == 3) for c in units)
    html = page.content.decode()
    row = html[html.index(f">{metro_pusat.label}<", html.index("Kelengkapan per kecamatan")) :]
    row = row[: row.index("</tr>")]
    assert "<svg" not in row
    assert '<td class="nested">' in html
