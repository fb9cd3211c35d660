"""A revision round trip: the verifier asks for a fix, the officer revises, the verifier accepts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Dinkes's, submitted in the demo and not yet verified; no other browser journey touches it.
QUESTION = "15.5"
NOTE = "Lampirkan perjanjian kerja sama faskes yang masih berlaku."
REVISED = "Perjanjian kerja sama 2026 dengan tiga faskes sudah diunggah ulang."


def _verification(page: Any) -> Any:
    return page.locator(
        "section",
        has=page.get_by_role("heading", name="Verifikasi · Verifikasi administrasi"),
    )


def _status_on_list(page: Any, cycle: str) -> Any:
    page.goto(f"{cycle}pertanyaan/?cari={QUESTION}")
    row = page.locator("#tabel tbody tr", has=page.get_by_role("link", name=QUESTION, exact=True))
    return row.locator(".badge")


def test_revision_requested_revised_and_accepted(login: Any, ui: Any) -> None:
    vina = login("vina")
    cycle = ui.cycle_path(vina)
    vina.goto(f"{cycle}pertanyaan/{QUESTION}/")
    expect(vina.get_by_role("heading", level=1)).to_contain_text(f"{QUESTION} · ")
    form = _verification(vina)

    # "Perlu perbaikan" without a note is refused, in Indonesian, next to the form.
    form.get_by_label("Perlu perbaikan").check()
    form.get_by_role("button", name="Simpan verifikasi").click()
    expect(form.locator(".error")).to_contain_text("catatan wajib diisi")
    expect(form.get_by_label("Perlu perbaikan")).to_be_checked()
    ui.shot(vina, "vina-verification-note-required")

    form.get_by_label("Catatan untuk OPD").fill(NOTE)
    form.get_by_role("button", name="Simpan verifikasi").click()
    expect(vina.locator("#jawaban")).to_contain_text("Verifikasi disimpan.")
    expect(vina.locator("#jawaban")).to_contain_text("Verifikasi administrasi: Perlu perbaikan")

    # The officer sees the note on his list, opens the question, revises and submits.
    budi = login("budi")
    budi.goto(f"{cycle}pertanyaan/?status=perbaikan")
    row = budi.locator("#tabel tbody tr", has=budi.get_by_role("link", name=QUESTION, exact=True))
    expect(row).to_contain_text(f"Catatan verifikator: {NOTE}")
    row.get_by_role("link", name=QUESTION, exact=True).click()
    answer = budi.locator("#jawaban")
    expect(answer).to_contain_text(NOTE)
    expect(answer.get_by_role("radio", name=re.compile(r"^Ya\b"))).to_be_checked()
    answer.get_by_label("Catatan", exact=True).fill(REVISED)
    answer.get_by_role("button", name="Ajukan").click()
    expect(answer).to_contain_text("Jawaban diajukan.")
    expect(answer).to_contain_text(f"Catatan: {REVISED}")
    ui.shot(budi, "budi-question-revised")
    expect(_status_on_list(budi, cycle)).to_have_text("Sudah diperbaiki")

    # The verifier is told the answer changed since her decision, and accepts it.
    vina.reload()
    form = _verification(vina)
    expect(form.locator(".notice")).to_contain_text("Jawaban berubah sejak verifikasi")
    expect(vina.locator(".history")).to_contain_text(REVISED)
    ui.shot(vina, "vina-verification-changed")
    form.get_by_label("Diterima").check()
    form.get_by_label("Catatan untuk OPD").fill("")
    form.get_by_role("button", name="Simpan verifikasi").click()
    expect(vina.locator("#jawaban")).to_contain_text("Verifikasi disimpan.")
    expect(vina.locator("#jawaban")).to_contain_text("Verifikasi administrasi: Diterima")
    expect(form.locator(".notice")).to_have_count(0)

    # On the officer's list the question is now accepted.
    expect(_status_on_list(budi, cycle)).to_have_text("Diterima")
