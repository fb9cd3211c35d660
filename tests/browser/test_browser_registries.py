"""Budi of Dinkes on a 390 px phone: from the menu to the registry, a puskesmas added, its
decree recorded, the share shown; choosing another year replaces only the list (htmx) with no
Content-Security-Policy violation, and every page fits the screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE_WIDTH = 390


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide"


def test_budi_records_a_puskesmas_decree_on_a_phone(login: Any, ui: Any) -> None:
    page = login("budi", ui.PHONE)
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/registri/?tahun=2024")
    _fits(page)
    expect(page.locator("tr", has_text="Puskesmas")).to_contain_text("Anda mencatat")
    page.get_by_role("link", name="Tambah lembaga").first.click()
    page.get_by_label("Nama").fill("Puskesmas Pembantu Yosorejo")  # not one of the demo's
    page.get_by_label("Kelurahan/kecamatan").select_option("18.72.01.1005")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("h1")).to_have_text("Puskesmas Pembantu Yosorejo")
    _fits(page)

    page.get_by_role("link", name="Catat SK/standar").click()
    page.get_by_label("Nomor SK/sertifikat").fill("440/77/D.3/2024")
    page.get_by_label("Tanggal").fill("2024-02-12")
    page.get_by_label("Berlaku mulai tahun").fill("2024")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("table")).to_contain_text("440/77/D.3/2024")

    page.goto("/registri/jenis/puskesmas/?tahun=2024")
    _fits(page)
    row = page.locator("#daftar tr", has_text="Puskesmas Pembantu Yosorejo")
    expect(row).to_contain_text("440/77/D.3/2024")
    expect(page.locator("#daftar")).to_contain_text("%")
    ui.shot(page, "budi-registry-puskesmas-390")
    page.get_by_label("Tahun").select_option("2023")  # htmx: only the list is replaced
    expect(page.locator("#daftar")).not_to_contain_text("440/77/D.3/2024")
    expect(row).to_be_visible()  # the institution was there in 2023, without its decree
    assert re.search(r"tahun=2023", page.url)
    _fits(page)
    assert violations == []
