"""Sari opens Kota Metro's next cycle from the stage page, as she would: the self-assessment
window first entered the wrong way round (refused at its field), then right; the new cycle's
stage page shows the dates in WIB as she typed them."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAYAK, App

pytestmark = pytest.mark.browser

# The browser journeys share one running app per worker: the cycle this journey opens is taken
# away again, or every later journey's log-in would land on a list of two cycles, not the demo's
# dashboard.
REMOVE_NEWER = (
    "from layak.evaluation.models import Cycle;"
    "first = Cycle.objects.filter(region_id='18.72').order_by('year').first();"
    "Cycle.objects.filter(region_id='18.72', year__gt=first.year).delete()"
)


@pytest.fixture
def next_cycle_taken_away(app: App) -> Iterator[None]:
    yield
    kept_out = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in kept_out}
    env["LAYAK_DATA_DIR"] = str(app.data_dir)
    subprocess.run(
        [str(LAYAK), "shell", "-c", REMOVE_NEWER], env=env, check=True, capture_output=True
    )


@pytest.mark.usefixtures("next_cycle_taken_away")
def test_sari_opens_next_years_cycle_from_the_stage_page(login: Any, ui: Any) -> None:
    page = login("sari")
    ui.cycle_path(page)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Tahap").click()
    page.get_by_role("link", name="Buka siklus tahun berikutnya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")
    year = page.get_by_role("spinbutton", name="Tahun").input_value()
    page.locator("#id_mandiri_opens_at").fill(f"{year}-03-31T23:59")
    page.locator("#id_mandiri_closes_at").fill(f"{year}-02-01T00:00")
    page.get_by_role("button", name="Buka siklus").click()
    expect(page.get_by_text("tahap harus ditutup setelah dibuka")).to_be_visible()
    ui.shot(page, "sari-cycle-refused")

    page.locator("#id_mandiri_opens_at").fill(f"{year}-02-01T00:00")
    page.locator("#id_mandiri_closes_at").fill(f"{year}-03-31T23:59")
    page.get_by_role("button", name="Buka siklus").click()
    expect(page).to_have_url(re.compile(r"/siklus/\d+/tahap/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Kota Metro {year}")
    expect(page.get_by_text(f"1 Feb {year} 00:00 WIB")).to_be_visible()
    ui.shot(page, "sari-cycle-opened")
