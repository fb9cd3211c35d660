"""Fixtures of the Profil Anak web tests: a second Kota Metro dataset (2024) made from the
hand-made cells of profilweb_support, so a test knows every number on the page. The demo itself
brings the 2025 dataset."""

from __future__ import annotations

from typing import Any

import pytest

from tests.profil_web.profilweb_support import KNOWN_YEAR, cells, disabilities


@pytest.fixture
def known_dataset(world: Any, users: dict[str, Any]) -> Any:
    """Kota Metro 2024 from the hand-made cells (Margodadi has 3 children)."""
    from layak.profil.models import ProfilCell, ProfilDataset, ProfilDisability
    from layak.regions.models import Region

    dataset = ProfilDataset.objects.create(
        region=Region.objects.get(code="18.72"),
        year=KNOWN_YEAR,
        source="microdata",
        original_name="ekstrak-uji-2024.csv",
        sha256="a" * 64,
        imported_by=users["sari"],
        summary={"rows_read": 5000, "rows_valid": 5000, "rows_rejected": 0, "adults": 1199,
                 "children": 3801, "rejections": {}},
    )  # fmt: skip
    ProfilCell.objects.bulk_create(
        ProfilCell(
            dataset=dataset,
            village_id=c.village,
            sex=c.sex,
            age_low=c.age_low,
            age_high=c.age_high,
            children=c.children,
            akta=c.akta,
            kia=c.kia,
        )
        for c in cells()
    )
    ProfilDisability.objects.bulk_create(
        ProfilDisability(
            dataset=dataset, village_id=d.village, sex=d.sex, kind=d.kind, children=d.children
        )
        for d in disabilities()
    )
    return dataset
