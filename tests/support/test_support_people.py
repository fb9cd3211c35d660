"""The one list of people is the demo's accounts, no more and no fewer."""

from __future__ import annotations

from typing import Any

import pytest

from layak.accounts.models import User
from tests.support.people import USERNAMES


@pytest.mark.django_db
def test_every_demo_account_is_a_person_of_the_tests(world: Any) -> None:
    assert sorted(User.objects.values_list("username", flat=True)) == sorted(USERNAMES)
