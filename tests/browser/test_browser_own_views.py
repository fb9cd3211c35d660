"""Each person's own dashboard on a desktop and a 390 px phone: Sari follows "Belum punya OPD" to
the list and on to Penugasan, Kartika reads cluster K3, Oki reads kecamatan Metro Pusat first.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = pytest.mark.parametrize("width", [1280, 390])
SCROLL_WIDTH = "document.documentElement.scrollWidth"


def _viewport(ui: Any, width: int) -> dict[str, int]:
    return ui.PHONE if width == ui.PHONE["width"] else ui.DESKTOP


def _fits(page: Any, width: int) -> None:
    assert page.evaluate(SCROLL_WIDTH) <= width, page.url


@WIDTHS
def test_sari_follows_questions_without_an_agency_to_penugasan(
    login: Any, ui: Any, width: int
) -> None:
    page = login("sari", _viewport(ui, width))
    ui.cycle_path(page)
    card = page.locator("section", has=page.get_by_role("heading", name="Menunggu saya"))
    link = card.get_by_role("link", name=re.compile("Belum punya OPD"))
    count = int(link.locator("strong").inner_text())
    _fits(page, width)
    ui.shot(page, f"sari-queues-{width}")

    link.click()
    expect(page).to_have_url(re.compile(r"menunggu=tanpa_opd"))
    expect(page.locator("#tabel tbody tr td[data-label='Kode']")).to_have_count(count)
    _fits(page, width)
    ui.shot(page, f"sari-no-agency-{width}")

    page.get_by_role("link", name="Tetapkan OPD untuk pertanyaan ini di halaman Penugasan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Penugasan pertanyaan ke OPD")
    expect(page.get_by_text(f"{count} pertanyaan belum punya OPD.")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(count)
    _fits(page, width)
    ui.shot(page, f"sari-penugasan-{width}")


@WIDTHS
def test_kartika_reads_cluster_k3_first(login: Any, ui: Any, width: int) -> None:
    page = login("kartika", _viewport(ui, width))
    ui.cycle_path(page)
    expect(page.get_by_role("heading", name="Klaster K3")).to_be_visible()
    expect(page.get_by_role("heading", name="Nilai Kota Metro")).to_be_visible()
    # Completeness per part is her cluster's only.
    parts = page.locator("section", has=page.get_by_role("heading", name="Nilai per bagian"))
    expect(parts.locator("tbody tr")).to_have_count(1)
    _fits(page, width)
    ui.shot(page, f"kartika-cluster-{width}")


@WIDTHS
def test_oki_reads_metro_pusat_before_the_city(login: Any, ui: Any, width: int) -> None:
    page = login("oki", _viewport(ui, width))
    ui.cycle_path(page)
    own = page.locator("section", has=page.get_by_role("heading", name="Jawaban Metro Pusat"))
    expect(own).to_be_visible()
    city = page.get_by_role("heading", name="Nilai Kota Metro")
    assert own.bounding_box()["y"] < city.bounding_box()["y"]
    _fits(page, width)
    ui.shot(page, f"oki-unit-first-{width}")

    unanswered = own.get_by_role("link", name=re.compile("Belum dijawab"))
    count = int(unanswered.locator("strong").inner_text())
    unanswered.click()
    expect(page).to_have_url(re.compile(r"menunggu=belum"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Metro Pusat")
    expect(page.locator("#tabel tbody tr td[data-label='Kode']")).to_have_count(count)
    _fits(page, width)
    ui.shot(page, f"oki-unanswered-{width}")
