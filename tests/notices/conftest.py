from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def city_forum(world: Any) -> Any:
    from layak.forum.models import ForumGroup

    return ForumGroup.objects.select_related("region", "city").get(region_id="18.72")


@pytest.fixture
def sinar(world: Any) -> Any:
    """PT Sinar Metro Abadi, the business the demo account "mitra" acts for."""
    from layak.mitra.models import Organisation

    return Organisation.objects.get(region_id="18.72", name="PT Sinar Metro Abadi")
