"""The public page of Kota Metro, read by a citizen without an account (Pak Joko on his phone).

He sees the predicate history with the year's figure marked as not final, the scores per part,
what became of the children's aspirations, the task force's meetings, confirmed stakeholder
contributions and the Profil Anak with small cells withheld; never anyone's name, a child's
words, a note or a number that nobody confirmed.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

METRO = "18.72"
URL = f"/publik/{METRO}/"


def page(client: Client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def settled_year(world: Any) -> int:
    """Kota Metro's previous year, closed: final stage locked with the final verifications."""
    from layak.accounts.models import User
    from layak.core.loader import load_builtin
    from layak.core.stages import Stage
    from layak.evaluation.models import Answer, AnswerStatus, Cycle, Verification
    from layak.evaluation.setup import open_cycle
    from layak.regions.models import Region

    current = Cycle.objects.get(pk=world.cycle_id)
    year = current.year - 1
    start = timezone.now() - timedelta(days=400)
    day = timedelta(days=1)
    windows = {
        Stage.SELF_ASSESSMENT: (start, start + 20 * day, None),
        Stage.ADMINISTRATIVE: (start + 21 * day, start + 40 * day, None),
        Stage.FIELD: (start + 41 * day, start + 60 * day, None),
        Stage.FINAL: (start + 61 * day, start + 80 * day, None),
    }
    cycle, _ = open_cycle(Region.objects.get(code=METRO), year, load_builtin("kla-2024"), windows)
    sari, vina = User.objects.get(username="sari"), User.objects.get(username="vina")
    # 1.1 and 2.2 submitted and verified in the final stage (10 + 5 points); 4.2 claimed only.
    for code, points, final in (("1.1", "12", "10"), ("2.2", "5", "5"), ("4.2", "4", None)):
        answer = Answer.objects.create(
            cycle=cycle,
            question_code=code,
            value="x",
            points=Decimal(points),
            status=AnswerStatus.SUBMITTED,
            updated_by=sari,
        )
        if final is not None:
            Verification.objects.create(
                answer=answer,
                stage=Stage.FINAL.value,
                status="diterima",
                verified_points=Decimal(final),
                answer_version=0,
                verifier=vina,
            )
    cycle.windows.filter(stage=Stage.FINAL.value).update(locked_at=timezone.now(), locked_by=sari)
    return year


@pytest.fixture
def small_profile(world: Any) -> int:
    """A Profil Anak for the current year: 3 boys aged 0–4 in Metro (18.72.01.1001), 40 girls
    aged 5–9 in Yosomulyo; 2 children with a physical disability."""
    from layak.accounts.models import User
    from layak.profil.models import ProfilCell, ProfilDataset, ProfilDisability
    from layak.regions.models import Region

    year = timezone.localdate().year
    dataset = ProfilDataset.objects.create(
        region=Region.objects.get(code=METRO),
        year=year,
        source="microdata",
        original_name="kecil.csv",
        sha256="b" * 64,
        imported_by=User.objects.get(username="sari"),
        summary={},
    )
    ProfilCell.objects.create(
        dataset=dataset, village_id="18.72.01.1001", sex="L", age_low=0, age_high=4,
        children=3, akta=2, kia=1,
    )  # fmt: skip
    ProfilCell.objects.create(
        dataset=dataset, village_id="18.72.01.1005", sex="P", age_low=5, age_high=9,
        children=40, akta=40, kia=30,
    )  # fmt: skip
    ProfilDisability.objects.create(
        dataset=dataset, village_id="18.72.01.1005", sex="P", kind="Fisik", children=2
    )
    return year


@pytest.mark.django_db
def test_anyone_reads_the_list_of_regions_and_the_page_of_kota_metro(
    world: Any, client: Client
) -> None:
    index = page(client, "/publik/")
    assert f'href="{URL}"' in index
    assert "Kota Metro" in index

    html = page(client)
    assert '<html lang="id">' in html
    for heading in ("Riwayat predikat", "Nilai per bagian", "Aspirasi Forum Anak",
                    "Gugus Tugas KLA", "Kontribusi mitra", "Profil Anak"):  # fmt: skip
        assert heading in html
    assert "<script" not in html
    assert 'href="#isi"' in html  # the skip link
    # The demo's year: self-assessment plus some administrative verifications, not final.
    assert "belum final" in html
    assert '<title id="skor-title">' in html
    assert '<desc id="skor-desc">' in html


@pytest.mark.django_db
def test_the_page_is_cached_by_the_browser_and_keeps_the_security_headers(
    world: Any, client: Client
) -> None:
    response = client.get(URL)
    cache = response["Cache-Control"]
    assert "max-age=300" in cache
    assert "no-store" not in cache
    assert "Cookie" in response["Vary"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_a_signed_in_officer_gets_the_same_page_without_her_name(
    world: Any, client: Client
) -> None:
    from layak.accounts.models import User

    client.force_login(User.objects.get(username="sari"))
    html = page(client)
    assert "Sari Wulandari" not in html
    assert "sari" not in re.findall(r"\w+", html)


@pytest.mark.django_db
def test_a_settled_year_shows_its_final_total_and_this_year_is_marked_as_interim(
    settled_year: int, client: Client
) -> None:
    html = page(client)
    row = re.search(rf"<th scope=\"row\">{settled_year}</th>(.*?)</tr>", html, re.S)
    assert row is not None
    # Final stage: 1.1 and 2.2 as verified (10, 5), 4.2 as claimed (4, capped by the core).
    from layak.core.answers import Answer
    from layak.core.loader import load_builtin
    from layak.core.scoring import score
    from layak.web.templatetags.layak import points

    answers = {"1.1": Answer(10.0, 0), "2.2": Answer(5.0, 0), "4.2": Answer(4.0, 0)}
    expected = score(load_builtin("kla-2024"), answers).total
    assert expected != 12 + 5 + 4  # the claim of 1.1 is not what counts
    assert f">{points(expected)}<" in row.group(1)
    assert "final, terverifikasi" in row.group(1)


@pytest.mark.django_db
def test_draft_answers_do_not_count(world: Any, client: Client) -> None:
    from layak.evaluation.models import Answer, AnswerStatus
    from layak.public.queries import served_region, year_scores

    region = served_region(METRO)
    before = year_scores(region)[0]
    assert Answer.objects.filter(cycle_id=world.cycle_id, status=AnswerStatus.DRAFT).exists()
    Answer.objects.filter(cycle_id=world.cycle_id, status=AnswerStatus.DRAFT).update(
        points=Decimal("99")
    )
    assert year_scores(region)[0].total == before.total


@pytest.mark.django_db
def test_small_cells_read_the_one_marker(small_profile: int, client: Client) -> None:
    html = page(client)
    assert f"Profil Anak {small_profile}" in html
    profil = html.split('id="profil-anak"', 1)[1]
    assert ">x<" in profil
    assert "&lt;5" not in profil  # no marker tells that a number is small
    # 3 boys and 2 children with a disability are never written as such.
    for cell in (">3<", ">2<"):
        assert cell not in profil


@pytest.mark.django_db
def test_a_profile_whose_audit_failed_is_not_published(small_profile: int, client: Client) -> None:
    from layak.profil.models import ProfilDataset
    from layak.profil.queries.publishing import METHOD

    ProfilDataset.objects.filter(year=small_profile, is_current=True).update(
        disclosure={"method": METHOD, "passed": False, "hidden": []}
    )
    profil = page(client).split('id="profil-anak"', 1)[1]
    assert "belum dapat diterbitkan" in profil
    assert "<table" not in profil.split("</section>", 1)[0]
    rows = client.get("/api/v1/open-data/18.72.json").json()["data"]
    assert not [r for r in rows if r["satuan"] == "jiwa"]


@pytest.mark.django_db
def test_unconfirmed_contributions_are_not_counted(world: Any, client: Client) -> None:
    from layak.mitra.models import Contribution, Status
    from layak.public.queries import public_page, served_region

    page_ = public_page(served_region(METRO))
    year = page_.year
    confirmed = Contribution.objects.filter(
        organisation__region_id=METRO, status=Status.CONFIRMED, date__year=year
    )
    assert page_.contributions.count == confirmed.count()
    assert (
        Contribution.objects.filter(organisation__region_id=METRO, date__year=year)
        .exclude(status=Status.CONFIRMED)
        .exists()
    )
    # A record still waiting for the secretariat changes nothing on the page.
    waiting = Contribution.objects.get(
        organisation__region_id=METRO, title="Pelatihan konselor sebaya"
    )
    assert waiting.status == Status.PENDING
    assert waiting.date.year == year
    waiting.value = Decimal("999999999")
    waiting.save()
    assert public_page(served_region(METRO)).contributions.value == page_.contributions.value
    assert "999.999.999" not in page(client)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["99.99", "18.72.01", "11.71", "bukan-kode"])
def test_an_unknown_or_unserved_region_is_not_found(world: Any, client: Client, code: str) -> None:
    assert client.get(f"/publik/{code}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/publik/", URL])
def test_posting_is_refused(world: Any, client: Client, url: str) -> None:
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_the_page_in_english(world: Any, client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client)
    assert '<html lang="en">' in html
    for words in ("Predicate history", "Points by part", "Forum Anak aspirations",
                  "Skip to content", "Bahasa Indonesia"):  # fmt: skip
        assert words in html, words
    for indonesian in ("Riwayat predikat", "Nilai per bagian", "belum final"):
        assert indonesian not in html


QUERY_BUDGET = 16  # region, cycles, windows, answers, verifications, aspirations (3), the
# Forum Anak's nicknames screened out of the outcomes, meetings, confirmed contributions (5,
# mitra.summary), the Profil Anak dataset


@pytest.mark.django_db
def test_the_page_costs_a_fixed_number_of_queries(
    settled_year: int, small_profile: int, client: Client
) -> None:
    from layak.forum.models import Aspiration
    from layak.gugus.models import Meeting

    client.get(URL)  # the profile into the cache, as after any first visit
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    # More years' answers, more aspirations and meetings: the same queries.
    for aspiration in Aspiration.objects.all()[:5]:
        aspiration.pk = None
        aspiration.save()
    for meeting in Meeting.objects.all()[:3]:
        meeting.pk = None
        meeting.save()
    with CaptureQueriesContext(connection) as second:
        client.get(URL)
    assert len(second) == len(first)
    assert len(first) <= QUERY_BUDGET, [q["sql"] for q in first.captured_queries]
