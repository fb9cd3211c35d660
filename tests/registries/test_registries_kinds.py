"""Who keeps which kind, as people meet it: Sari of the secretariat opens the SMA/MA/SMK and
SLB levels and reads that the province runs them, so the region records them from the
province's figures (and Kemenag's for MA); the puskesmas, the city's own, carry no such note."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOTE = "Jenjang ini dikelola pemerintah provinsi"


def kind_page(client: Client, kind: str) -> str:
    response = client.get(reverse("registries:kind", args=[kind]))
    assert response.status_code == 200
    return response.content.decode()


def test_sari_reads_that_the_province_runs_sma_smk_and_slb(
    login: Callable[[str], Client],
) -> None:
    sari = login("sari")
    for kind in ("sekolah_sma", "sekolah_slb"):
        page = kind_page(sari, kind)
        assert NOTE in page
        assert "Cabang Dinas Pendidikan Provinsi" in page
    for kind in ("sekolah_sd", "puskesmas"):
        assert NOTE not in kind_page(sari, kind)


def test_in_english_the_note_is_english(login: Callable[[str], Client]) -> None:
    sari = login("sari")
    sari.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = kind_page(sari, "sekolah_slb")
    assert "run by the province" in page
    assert NOTE not in page
