"""`layak seed-national`: counts, a second run that adds nothing, refusal in production."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test.utils import override_settings

from layak.evaluation.models import Answer, Cycle, Verification


@pytest.mark.django_db
def test_seeding_one_province_for_two_years(world: Any, layak: Callable[..., Any]) -> None:
    before = Cycle.objects.count()
    result = layak("seed-national", "--wilayah", "18", "--tahun", "2023", "2024")
    assert result.code == 0, result.err
    assert "15 kabupaten/kota: 30 siklus baru" in result.out
    assert Cycle.objects.count() == before + 30
    cycles = Cycle.objects.filter(year__in=(2023, 2024))
    assert all(c.region_id.startswith("18.") for c in cycles)
    assert Answer.objects.filter(cycle__in=cycles).count() == 30 * 274
    # Past years carry the final stage's verification of every answer.
    assert Verification.objects.filter(answer__cycle__in=cycles).count() == 30 * 274
    assert len({c.region_id for c in cycles}) == 15
    # The national page's figures are built by the command, not by the first visit.
    from layak.overview.models import CycleScore

    assert "Angka nasional 2024: 15 kabupaten/kota" in result.out
    assert CycleScore.objects.filter(cycle__in=cycles).count() == 30

    again = layak("seed-national", "--wilayah", "18", "--tahun", "2023", "2024")
    assert again.code == 0
    assert "0 siklus baru (30 sudah ada)" in again.out
    assert Cycle.objects.count() == before + 30


@pytest.mark.django_db
def test_seeded_predicates_spread_from_pratama_to_kla(
    world: Any, layak: Callable[..., Any]
) -> None:
    from layak.overview.queries.figures import region_figures

    assert layak("seed-national", "--wilayah", "18", "--tahun", "2024").code == 0
    predicates = {f.predicate for f in region_figures(2024, "18")}
    assert "Pratama" in predicates
    assert "Utama" in predicates
    assert len(predicates - {None}) >= 4


@pytest.mark.django_db
def test_refused_with_production_settings(world: Any, layak: Callable[..., Any]) -> None:
    before = Cycle.objects.count()
    with override_settings(PRODUCTION=True):
        result = layak("seed-national", "--wilayah", "18", "--tahun", "2024")
    assert result.code == 2
    assert "LAYAK_ENV=production" in result.err
    assert Cycle.objects.count() == before


@pytest.mark.django_db
def test_a_regency_code_is_not_a_province(world: Any, layak: Callable[..., Any]) -> None:
    result = layak("seed-national", "--wilayah", "18.72", "--tahun", "2024")
    assert result.code == 2
