"""Evidence that the figure is one: Sari enters a real recap's points through the API, question
by question, and submits them; the API scores, the dashboard, the public page (labelled as the
self-assessment, not verified) and the open data all give the recap's own total to 0.01.

The recap is generated here the way the national recap grants points: per question of
kla-2024, nothing, the full maximum, or a part of it (0.25, 0.5, 0.66 or 0.75 of the maximum),
written to two places, with a decimal comma or a dot as people type them. Its total is summed
exactly, as the recap's own "Jumlah" row is. The KELANA/DEKELA questions, which every
kecamatan or kelurahan answers, get their points alone on the city's answer.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from layak.api.tokens import create_token
from layak.core.loader import load_builtin
from layak.core.stages import Stage
from layak.evaluation.models import Answer, AnswerStatus, Cycle
from layak.evaluation.setup import open_cycle
from tests.figures.figures_support import cells, dashboard, number, row_with

KLA = load_builtin("kla-2024")
PARTS = (Decimal("0.25"), Decimal("0.5"), Decimal("0.66"), Decimal("0.75"))
SEED = 554  # a recap near the real regency's 771.81 (Nindya)
RECAP_TOTAL = Decimal("772.28")


def recap() -> list[tuple[str, Decimal]]:
    """(question, points) for every question of kla-2024, as a recap's rows."""
    rng = random.Random(SEED)  # noqa: S311 - test data, not a secret
    rows = []
    for question in KLA.questions:
        draw = rng.random()
        share = Decimal(0) if draw < 0.12 else Decimal(1) if draw < 0.62 else rng.choice(PARTS)
        rows.append(
            (question.code, (Decimal(str(question.max_points)) * share).quantize(Decimal("0.01")))
        )
    return rows


def test_the_generated_recap_is_a_nindya_recap_with_partial_points() -> None:
    rows = recap()
    assert len(rows) == len(KLA.questions) == 274
    assert sum(p for _c, p in rows) == RECAP_TOTAL
    partial = [c for c, p in rows if 0 < p < Decimal(str(KLA.question(c).max_points))]
    assert len(partial) > 80  # as the real recap: partial points across the instrument
    assert any(KLA.question(c).per_unit for c in partial)


@pytest.fixture
def next_year(world: Any) -> Cycle:
    """Kota Metro's next cycle, its self-assessment open now, nothing answered yet."""
    from layak.regions.models import Region

    current = Cycle.objects.get(pk=world.cycle_id)
    now, day = timezone.now(), timedelta(days=1)
    windows = {
        Stage.SELF_ASSESSMENT: (now - day, now + 30 * day, None),
        Stage.ADMINISTRATIVE: (now + 31 * day, now + 60 * day, None),
    }
    cycle, _unmatched = open_cycle(
        Region.objects.get(code=current.region_id), current.year + 1, KLA, windows
    )
    return cycle


@pytest.mark.django_db
@override_settings(LAYAK_API_RATE=1000)  # 274 writes in a minute, one token
def test_a_recap_entered_through_the_api_gives_its_total_everywhere(
    next_year: Cycle, client: Client
) -> None:
    from layak.accounts.models import User

    sari = User.objects.get(username="sari")
    headers = {"Authorization": f"Bearer {create_token(sari, 'rekap')[1]}"}
    for n, (code, points) in enumerate(recap()):
        typed = f"{points:f}"
        response = client.put(
            f"/api/v1/cycles/{next_year.pk}/answers/{code}",
            {"points": typed.replace(".", ",") if n % 2 else typed, "version": 0, "submit": True},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 200, (code, response.content)
    assert Answer.objects.filter(
        cycle=next_year, unit__isnull=True, status=AnswerStatus.SUBMITTED
    ).count() == len(KLA.questions)
    total = float(RECAP_TOTAL)

    scores = client.get(f"/api/v1/cycles/{next_year.pk}/scores", headers=headers).json()
    assert scores["self_assessed"]["basis"] == "penilaian_mandiri"
    assert scores["self_assessed"]["total"] == pytest.approx(total, abs=0.01)
    assert scores["self_assessed"]["predicate"] == "Nindya"
    assert scores["drafts"]["answers"] == 0
    assert scores["verified"] is None

    client.force_login(sari)
    shown = dashboard(client, next_year)["penilaian_mandiri"]
    assert shown is not None
    assert shown.total == pytest.approx(total, abs=0.01)
    assert shown.predicate == "Nindya"

    client.logout()
    public = client.get(f"/publik/{next_year.region_id}/").content.decode()
    year_total, predicate, status = cells(
        row_with(public, f'<th scope="row">{next_year.year}</th>')
    )
    assert number(year_total) == pytest.approx(total, abs=0.01)
    assert predicate == "Nindya"
    assert status == f"penilaian mandiri {next_year.year}, belum diverifikasi"

    rows = client.get(f"/api/v1/open-data/{next_year.region_id}.json").json()["data"]
    published = {
        r["indikator"]: r["nilai"]
        for r in rows
        if r["tahun"] == next_year.year and r["kode_wilayah"] == next_year.region_id
    }
    assert published["Nilai KLA (penilaian mandiri)"] == pytest.approx(total, abs=0.01)
    assert published["Predikat KLA (penilaian mandiri)"] == "Nindya"
    assert "Nilai KLA (terverifikasi)" not in published
