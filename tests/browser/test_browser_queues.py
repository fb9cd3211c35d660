"""Each person's own view in the browser: Budi follows "Menunggu saya" to his drafts, Kartika
reads cluster K3, Wahyu reads his own kelurahan's answers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_budi_follows_his_drafts_from_the_dashboard(login: Any, ui: Any) -> None:
    page = login("budi")
    ui.cycle_path(page)
    card = page.locator("section", has=page.get_by_role("heading", name="Menunggu saya"))
    link = card.get_by_role("link", name=re.compile("Masih draf"))
    count = int(link.locator("strong").inner_text())
    ui.shot(page, "budi-waiting")
    link.click()
    expect(page).to_have_url(re.compile(r"menunggu=draf"))
    expect(page.locator("#tabel tbody tr td[data-label='Kode']")).to_have_count(count)


def test_kartika_reads_cluster_k3(login: Any, ui: Any) -> None:
    page = login("kartika")
    ui.cycle_path(page)
    expect(page.get_by_role("heading", name="Klaster K3")).to_be_visible()
    ui.shot(page, "kartika-cluster")


def test_wahyu_reads_his_own_kelurahan(login: Any, ui: Any) -> None:
    page = login("yosomulyo")
    ui.cycle_path(page)
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pertanyaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yosomulyo")
    ui.shot(page, "wahyu-questions")
    page.locator("#tabel tbody tr td[data-label='Kode'] a").first.click()
    expect(page.get_by_role("heading", name="Jawaban Yosomulyo")).to_be_visible()
    ui.shot(page, "wahyu-question")
