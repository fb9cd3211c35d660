"""Who sees and answers what in Kota Metro's cycle: one table per question, read by person."""

from __future__ import annotations

import pytest

from layak.accounts import policy
from layak.core.stages import Stage
from layak.evaluation.policy import (
    answers_for,
    answers_for_unit,
    can_see_cycle,
    manages_cycle,
    sees_question,
    verifies,
)
from layak.regions.models import Region
from tests.support.people import USERNAMES

pytestmark = pytest.mark.django_db


def table(people, check) -> set[str]:
    return {name for name in USERNAMES if check(getattr(people, name))}


def test_who_sees_the_cycle(people, cycle):
    assert table(people, lambda u: can_see_cycle(u, cycle)) == set(USERNAMES) - {
        "mitra",
        "forumanak",
    }


def test_a_deactivated_account_sees_nothing(people, cycle):
    budi = people.budi
    budi.is_active = False
    assert not can_see_cycle(budi, cycle)
    assert not answers_for(budi, cycle, cycle.instrument.question("12.2"))


def test_a_dinkes_question(people, cycle):
    kia = cycle.instrument.question("12.2")  # Klaster III, Dinkes alone
    assert table(people, lambda u: sees_question(u, cycle, kia)) == {
        "admin",
        "sari",
        "kartika",
        "budi",
        "vina",
        "nadia",
    }
    assert table(people, lambda u: answers_for(u, cycle, kia)) == {"sari", "kartika", "budi"}


def test_a_disdukcapil_question(people, cycle):
    births = cycle.instrument.question("4.1")  # Klaster I: Kartika (K3) reads but does not answer
    assert table(people, lambda u: answers_for(u, cycle, births)) == {"sari", "dewi"}
    assert "kartika" in table(people, lambda u: sees_question(u, cycle, births))


def test_a_kecamatan_question(people, cycle):
    forum = cycle.instrument.question("25.2")
    metro_pusat = Region.objects.get(code="18.72.01")
    metro_timur = Region.objects.get(code="18.72.02")
    assert table(people, lambda u: answers_for_unit(u, cycle, forum, metro_pusat)) == {
        "sari",
        "oki",
    }
    assert table(people, lambda u: answers_for_unit(u, cycle, forum, metro_timur)) == {"sari"}
    # Yosomulyo's kelurahan answers the DEKELA questions, not the kecamatan ones.
    assert not sees_question(people.yosomulyo, cycle, forum)
    assert sees_question(people.oki, cycle, forum)


def test_who_verifies_which_stage(people, cycle):
    assert table(people, lambda u: verifies(u, cycle, Stage.ADMINISTRATIVE)) == {"vina"}
    assert table(people, lambda u: verifies(u, cycle, Stage.FIELD)) == {"nadia"}
    assert table(people, lambda u: verifies(u, cycle, Stage.FINAL)) == {"nadia"}
    assert table(people, lambda u: verifies(u, cycle, Stage.SELF_ASSESSMENT)) == set()


def test_who_manages_the_cycle(people, cycle):
    assert table(people, lambda u: manages_cycle(u, cycle)) == {"admin", "sari"}


def test_who_keeps_a_regions_agencies(people, cycle):
    assert table(people, lambda u: policy.manages_region(u, cycle.region_id)) == {"admin", "sari"}
    # Bandar Lampung: the administrator keeps every region's, a secretariat only its own.
    assert table(people, lambda u: policy.manages_region(u, "18.71")) == {"admin"}
    assert table(people, policy.manages_every_region) == {"admin"}
