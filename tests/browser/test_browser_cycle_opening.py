"""Sari opens Kota Metro's next cycle from the stage page, as she would: the self-assessment
window first entered the wrong way round (refused at its field), then right; the new cycle's
stage page shows the dates in WIB as she typed them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_sari_opens_next_years_cycle_from_the_stage_page(login: Any, ui: Any) -> None:
    page = login("sari")
    ui.cycle_path(page)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Tahap").click()
    page.get_by_role("link", name="Buka siklus tahun berikutnya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")
    year = page.get_by_label("Tahun").input_value()
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
