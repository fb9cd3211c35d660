"""Notices in the browser: Vina sends Budi's answer back; Budi, on his phone, sees the count in
the header, reads the notice with Vina's note and follows it to the question; Vina is told when
he resubmits."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

# Dinkes's, submitted in the demo and not yet verified; no other browser journey touches it.
QUESTION = "12.2"
NOTE = "Lampirkan SK Buku KIA tahun berjalan."


def _read_everything(page: Any) -> None:
    """The demo's earlier notices out of the way: the journey counts only its own."""
    page.goto("/pemberitahuan/")
    marker = page.get_by_role("button", name="Tandai semua sudah dibaca")
    if marker.count():
        marker.click()


def test_budi_is_told_on_his_phone_and_vina_when_he_resubmits(login: Any, ui: Any) -> None:
    budi = login("budi", PHONE)
    _read_everything(budi)
    vina = login("vina")
    cycle = ui.cycle_path(vina)
    _read_everything(vina)

    vina.goto(f"{cycle}pertanyaan/{QUESTION}/")
    form = vina.locator(
        "section", has=vina.get_by_role("heading", name="Verifikasi · Verifikasi administrasi")
    )
    form.get_by_label("Perlu perbaikan").check()
    form.get_by_label("Catatan untuk OPD").fill(NOTE)
    form.get_by_role("button", name="Simpan verifikasi").click()
    expect(vina.locator("#jawaban")).to_contain_text("Verifikasi disimpan.")

    budi.goto(f"{cycle}")
    count = budi.locator("header .inbox .count")
    expect(count).to_have_text("1")
    assert budi.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ui.shot(budi, "budi-notice-count-390")
    budi.locator("header .inbox").click()
    notice = budi.locator("ul.notices li.unread")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(f"mengembalikan jawaban {QUESTION}")
    expect(notice).to_contain_text(NOTE)
    ui.shot(budi, "budi-inbox-390")
    notice.get_by_role("link").click()
    expect(budi).to_have_url(re.compile(rf"pertanyaan/{re.escape(QUESTION)}/$"))
    expect(budi.locator("header .inbox .count")).to_have_count(0)

    answer = budi.locator("#jawaban")
    answer.get_by_label("Catatan", exact=True).fill("SK Buku KIA 2026 sudah diunggah.")
    answer.get_by_role("button", name="Ajukan").click()
    expect(answer).to_contain_text("Jawaban diajukan.")

    vina.goto("/pemberitahuan/")
    resubmitted = vina.locator("ul.notices li.unread")
    expect(resubmitted).to_have_count(1)
    expect(resubmitted).to_contain_text(f"mengajukan ulang jawaban {QUESTION}")
    ui.shot(vina, "vina-inbox")
