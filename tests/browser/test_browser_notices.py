"""Notices in the browser: Vina sends Budi's answer back; Budi, on his phone, sees the count in
the header, reads the notice with Vina's note and follows it to the question; Vina is told when
he resubmits. A stakeholder learns why Sari returned a contribution; a child reads, in a child's
words and without the staff's note, that her aspiration is being discussed."""

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


# The demo's pending contribution of PT Sinar Metro Abadi, whose account is "mitra".
CONTRIBUTION = "Sponsor peringatan Hari Anak Nasional tingkat kota"
RETURN_NOTE = "Lampirkan kuitansi dan foto kegiatan."


def test_the_stakeholder_learns_why_sari_returned_the_contribution(login: Any, ui: Any) -> None:
    mitra = login("mitra", PHONE)
    _read_everything(mitra)
    sari = login("sari")
    sari.goto("/mitra/konfirmasi/")
    pending = sari.locator("article.mitra-pending").filter(has_text=CONTRIBUTION)
    pending.get_by_label("Catatan (wajib bila dikembalikan)").fill(RETURN_NOTE)
    pending.get_by_role("button", name="Kembalikan dengan catatan").click()
    expect(pending).to_have_count(0)

    mitra.goto("/")
    expect(mitra.locator("header .inbox .count")).to_have_text("1")
    mitra.locator("header .inbox").click()
    notice = mitra.locator("ul.notices li.unread")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(f"mengembalikan catatan “{CONTRIBUTION}” untuk dilengkapi")
    expect(notice).to_contain_text(RETURN_NOTE)
    assert mitra.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ui.shot(mitra, "mitra-inbox-390")
    notice.get_by_role("link").click()
    expect(mitra.get_by_role("heading", level=1)).to_contain_text(CONTRIBUTION)
    expect(mitra.locator("p.notice")).to_contain_text(RETURN_NOTE)


ASPIRATION = "Lampu jalan di gang menuju sekolah kami mati, tolong diperbaiki."
STAFF_NOTE = "Dibawa Bappeda ke pra-Musrenbang; anggaran belum pasti."


def test_a_child_is_told_in_a_childs_words_when_her_aspiration_is_discussed(
    login: Any, ui: Any
) -> None:
    child = login("forumanak", PHONE)
    _read_everything(child)
    child.goto("/forum-anak/aspirasiku/baru/")
    child.locator("label.topic").filter(has_text="Lingkungan bersih").click()
    child.get_by_label("Apa usulanmu?").fill(ASPIRATION)
    child.get_by_role("button", name="Kirim aspirasi").click()
    child.wait_for_url("**/forum-anak/aspirasiku/")

    sari = login("sari")
    sari.goto("/forum-anak/aspirasi/")
    sari.locator("tr").filter(has_text=ASPIRATION[:40]).get_by_role("link").first.click()
    form = sari.locator("form.step-form")
    form.get_by_label("Tingkat Musrenbang").select_option(label="Musrenbang kelurahan")
    form.get_by_label("Catatan").fill(STAFF_NOTE)
    form.get_by_role("button", name="Simpan langkah").click()
    expect(sari.locator("ol.history")).to_contain_text("Dibahas di Musrenbang")

    child.goto("/forum-anak/aspirasiku/")
    expect(child.locator("header .inbox .count")).to_have_text("1")
    child.locator("header .inbox").click()
    notice = child.locator("ul.notices li.unread")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("sedang dibahas di musyawarah rencana kota")
    expect(child.locator("main")).not_to_contain_text(STAFF_NOTE)
    assert child.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ui.shot(child, "forumanak-inbox-390")
