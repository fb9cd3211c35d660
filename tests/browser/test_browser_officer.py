"""An agency officer (budi, Dinkes) sees his own questions only, and the verifier's notes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTE_12_3 = "Data imunisasi dasar lengkap belum dipilah per kecamatan."


def test_officer_sees_dinkes_questions_and_revision_notes(login: Any, ui: Any) -> None:
    page = login("budi")
    cycle = ui.cycle_path(page)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pertanyaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pertanyaan dan jawaban")

    # Only questions assigned to Dinkes are listed (other agencies may share some of them).
    table = page.locator("#tabel")
    codes = [c.strip() for c in table.locator('td[data-label="Kode"]').all_inner_texts()]
    agencies = table.locator('td[data-label="OPD"]').all_inner_texts()
    assert len(codes) > 50
    assert all("Dinkes" in a.split(", ") for a in agencies), agencies
    assert "12.3" in codes
    assert "4.1" not in codes  # Disdukcapil's
    expect(table).to_contain_text(f"{len(codes)} dari {len(codes)} pertanyaan")
    ui.shot(page, "budi-questions")

    # Filtering by "Perlu perbaikan" (htmx) shows 12.3 with the provincial verifier's note.
    page.get_by_label("Status").select_option(label="Perlu perbaikan")
    expect(page).to_have_url(re.compile(r"status=perbaikan"))
    expect(table.locator('td[data-label="Status"]', has_not_text="Perlu perbaikan")).to_have_count(
        0
    )
    row = table.locator("tbody tr", has=page.get_by_role("link", name="12.3", exact=True))
    expect(row).to_contain_text(f"Catatan verifikator: {NOTE_12_3}")
    expect(row.locator(".badge")).to_have_text("Perlu perbaikan")
    ui.shot(page, "budi-questions-perbaikan")

    # Another agency's question is not there for him, even by its address.
    response = page.goto(f"{cycle}pertanyaan/4.1/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    expect(page.get_by_text("4.1")).to_have_count(0)
