"""Bodies that supply data without being agencies: in Kota Metro the Forum Anak Daerah and the
business community (Dunia Usaha), both coordinated by DP3AP2KB. A question they supply is
assigned to DP3AP2KB because the region recorded that coordination, not because DP3AP2KB
carries their names as aliases; a supplier nobody active coordinates is reported."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from layak.core.instrument import AnswerKind, Band, Indicator, Instrument, Part, Question
from layak.core.stages import Stage
from layak.evaluation.models import Assignment
from layak.evaluation.setup import open_cycle
from layak.regions.models import Agency, Region
from layak.regions.suppliers import DataSources

pytestmark = pytest.mark.django_db


def _instrument() -> Instrument:
    def question(code: str, *agencies: str) -> Question:
        return Question(code, f"Pertanyaan {code}", 5.0, AnswerKind.YES_NO, agencies, "6", "K1")

    questions = (
        question("6.5", "DPPPAPPKB", "Forum Anak Daerah (FAD)"),
        question("9.3", "Disdikbud", "Dunia Usaha"),
        question("6.9", "Forum Anak Daerah (FAD)"),
    )
    return Instrument(
        id="uji-pemasok",
        name="Instrumen uji",
        year=2027,
        source="test",
        parts=(Part("K1", "Klaster I", (Indicator("6", "Forum Anak", "K1", questions),)),),
        bands=(Band("Pratama", 5, 10), Band("Utama", 11, 15)),
    )


def _open(metro: Region) -> tuple[dict[str, list[tuple[str, bool]]], list[str]]:
    now = timezone.now()
    windows = {Stage.SELF_ASSESSMENT: (now, now + timedelta(days=30), None)}
    cycle, unmatched = open_cycle(metro, timezone.localdate().year + 1, _instrument(), windows)
    assigned: dict[str, list[tuple[str, bool]]] = {}
    for a in Assignment.objects.filter(cycle=cycle).select_related("agency").order_by("-lead"):
        assigned.setdefault(a.question_code, []).append((a.agency.short_name, a.lead))
    return assigned, unmatched


def test_forum_anak_and_business_questions_go_to_the_coordinating_agency(cycle: Any) -> None:
    metro = cycle.region
    fad = Agency.objects.get(region=metro, short_name="FAD")
    assert fad.is_supplier
    assert fad.coordinator.short_name == "DP3AP2KB"
    dp3a = Agency.objects.get(region=metro, short_name="DP3AP2KB")
    assert not {"Forum Anak Daerah (FAD)", "Dunia Usaha"} & set(dp3a.aliases)

    assigned, unmatched = _open(metro)

    assert unmatched == []
    assert assigned["6.5"] == [("DP3AP2KB", True)]
    assert assigned["9.3"] == [("Disdikbud", True), ("DP3AP2KB", False)]
    assert assigned["6.9"] == [("DP3AP2KB", True)]  # the supplier alone: its coordinator leads
    assert not Assignment.objects.filter(agency__coordinator__isnull=False).exists()
    sources = DataSources.of(metro.code)
    assert sources.text(["DPPPAPPKB", "Forum Anak Daerah (FAD)"]) == (
        "DPPPAPPKB, Forum Anak Daerah (dikoordinasi DP3AP2KB)"
    )


def test_the_suppliers_own_entry_wins_over_an_alias_an_agency_still_carries(cycle: Any) -> None:
    dinsos = Agency.objects.get(region=cycle.region, short_name="Dinsos")
    dinsos.aliases = ["Dunia Usaha"]  # left over from before the supplier was recorded
    dinsos.save()
    assigned, _unmatched = _open(cycle.region)
    assert assigned["9.3"] == [("Disdikbud", True), ("DP3AP2KB", False)]


def test_a_supplier_whose_coordinator_is_inactive_is_reported(cycle: Any) -> None:
    Agency.objects.filter(region=cycle.region, short_name="DP3AP2KB").update(active=False)
    assigned, unmatched = _open(cycle.region)
    assert unmatched == ["DPPPAPPKB", "Dunia Usaha", "Forum Anak Daerah (FAD)"]
    assert "6.9" not in assigned
    assert DataSources.of(cycle.region_id).text(["Forum Anak Daerah (FAD)"]) == (
        "Forum Anak Daerah (FAD)"
    )


@pytest.mark.parametrize(
    ("short", "coordinator", "refusal"),
    [
        ("Dinkes", "FAD", "Yang mengoordinasi harus OPD"),  # a supplier coordinates nothing
        ("DP3AP2KB", "Dinsos", "mengoordinasi sumber data lain"),  # it coordinates FAD
        ("Disdukcapil", "Dinkes", "punya petugas"),  # Dewi works there
        ("FAD", "FAD", "Pilih OPD lain"),
    ],
)
def test_who_may_coordinate_whom(cycle: Any, short: str, coordinator: str, refusal: str) -> None:
    agency = Agency.objects.get(region=cycle.region, short_name=short)
    agency.coordinator = Agency.objects.get(region=cycle.region, short_name=coordinator)
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert refusal in str(refused.value.message_dict["coordinator"])


def test_an_agency_of_another_region_coordinates_nothing_here(cycle: Any) -> None:
    elsewhere = Agency.objects.create(region_id="18.71", name="Dinas Sosial", short_name="Dinsos")
    fad = Agency.objects.get(region=cycle.region, short_name="FAD")
    fad.coordinator = elsewhere
    with pytest.raises(ValidationError):
        fad.full_clean()


def test_no_officer_works_for_a_supplier(cycle: Any) -> None:
    from layak.accounts.models import User
    from layak.accounts.roles import Role

    officer = User(
        username="fadila",
        role=Role.OFFICER,
        region=cycle.region,
        agency=Agency.objects.get(region=cycle.region, short_name="FAD"),
    )
    officer.set_password("satu-dua-tiga-empat-lima")
    with pytest.raises(ValidationError) as refused:
        officer.full_clean()
    assert "petugas terikat pada OPD-nya" in str(refused.value.message_dict["agency"])
