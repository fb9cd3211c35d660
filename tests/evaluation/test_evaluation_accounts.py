"""Accounts: one role each, bound to the region, agency or unit the role needs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from layak.accounts.models import User
from layak.accounts.roles import Role
from layak.regions.models import Agency

pytestmark = pytest.mark.django_db


def errors_of(user: User) -> dict[str, list[str]]:
    try:
        user.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_the_demo_accounts_are_valid(people):
    for username in ("sari", "kartika", "budi", "oki", "yosomulyo", "vina", "nadia", "mitra"):
        assert errors_of(getattr(people, username)) == {}, username


def test_an_officer_needs_an_agency(world):
    officer = User(username="tono", role=Role.OFFICER, region_id="18.72")
    assert set(errors_of(officer)) == {"agency"}


def test_an_officers_agency_belongs_to_his_region(world):
    bandar_lampung_dinkes = Agency.objects.create(
        region_id="18.71", name="Dinas Kesehatan Kota Bandar Lampung", short_name="Dinkes"
    )
    officer = User(
        username="tono", role=Role.OFFICER, region_id="18.72", agency=bandar_lampung_dinkes
    )
    assert set(errors_of(officer)) == {"agency"}

    officer.region_id = "18.71"
    assert errors_of(officer) == {}


def test_an_operators_unit_lies_inside_his_region(world):
    # 18.71.01 is a kecamatan of Bandar Lampung, not of Kota Metro.
    operator = User(username="wati", role=Role.UNIT_OPERATOR, region_id="18.72", unit_id="18.71.01")
    assert set(errors_of(operator)) == {"unit"}

    operator.unit_id = "18.72.03"
    assert errors_of(operator) == {}


def test_an_operator_is_bound_to_a_kecamatan_or_kelurahan(world):
    operator = User(username="wati", role=Role.UNIT_OPERATOR, region_id="18.72", unit_id="18.72")
    assert set(errors_of(operator)) == {"unit"}


def test_a_provincial_verifier_is_bound_to_a_province(world):
    verifier = User(username="rudi", role=Role.PROVINCIAL_VERIFIER, region_id="18.72")
    assert set(errors_of(verifier)) == {"region"}

    verifier.region_id = "18"
    assert errors_of(verifier) == {}


def test_region_staff_need_a_kabupaten_or_kota(world):
    secretariat = User(username="ani", role=Role.SECRETARIAT, region_id="18")
    assert set(errors_of(secretariat)) == {"region"}
    coordinator = User(username="joko", role=Role.COORDINATOR, region_id="18.72")
    assert set(errors_of(coordinator)) == {"cluster"}
