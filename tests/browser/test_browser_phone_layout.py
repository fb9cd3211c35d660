"""Issue 16 on a 390 px phone: Sekretariat Sari's dashboard, question list and a question with
its history opened, and the Forum Anak pages, fit the screen (no sideways scrolling; tables
scroll in their own box); the dashboard's charts are drawn for the phone; an htmx save logs no
Content-Security-Policy violation; the step form shows only the chosen step's fields."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FITS = "document.documentElement.scrollWidth"
PHONE_WIDTH = 390


def _fits(page: Any) -> None:
    page.wait_for_load_state()
    width = page.evaluate(FITS)
    assert width <= PHONE_WIDTH, f"{page.url} is {width} px wide"


def _violations(page: Any) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: found.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return found


def test_sari_reads_her_pages_on_a_phone(login: Any, ui: Any) -> None:
    page = login("sari", ui.PHONE)
    cycle = ui.cycle_path(page)
    _fits(page)
    # Only the phone variant of each chart shows, and its text stays readable (about 12 px).
    charts = page.locator(".chart-phone svg.chart")
    expect(charts).to_have_count(2)
    expect(page.locator(".chart-wide svg.chart").first).to_be_hidden()
    for chart in charts.all():
        heights = chart.evaluate(
            "s => [...s.querySelectorAll('text')].map(t => t.getBoundingClientRect().height)"
        )
        assert min(heights) >= 11, heights
    ui.shot(page, "sari-dashboard-390")

    page.goto(f"{cycle}pertanyaan/")
    _fits(page)
    ui.shot(page, "sari-questions-390")

    # 12.3 has a long history (file hashes, verifier notes): opened, it wraps in the screen.
    page.goto(f"{cycle}pertanyaan/12.3/")
    page.locator("#jawaban details").first.locator("summary").click()
    expect(page.locator("#jawaban details ol.history").first).to_be_visible()
    _fits(page)
    ui.shot(page, "sari-question-history-390")

    for address in ("/forum-anak/", "/forum-anak/aspirasi/"):
        page.goto(address)
        _fits(page)
    # The click starts a navigation; measuring before the next page has loaded reads no document.
    aspiration = page.locator("table a[href*='/forum-anak/aspirasi/']").first
    address = aspiration.get_attribute("href")
    aspiration.click()
    page.wait_for_url(f"**{address}")
    _fits(page)
    ui.shot(page, "sari-aspiration-390")


def test_the_child_reads_its_pages_on_a_phone(login: Any, ui: Any) -> None:
    page = login("forumanak", ui.PHONE)
    _fits(page)
    expect(page.locator(".kid-steps li").first).to_have_text("Sudah kami terima")
    page.get_by_role("link", name="Sampaikan aspirasi").click()
    # Sent without a topic: the message sits above the tiles, which stay two to a row.
    page.get_by_role("button", name="Kirim aspirasi").click()
    expect(page.locator(".topics-errors")).to_have_text(re.compile("Pilih dulu satu topik, ya."))
    tiles = [t.bounding_box() for t in page.locator("label.topic").all()[:2]]
    assert tiles[0] is not None
    assert tiles[1] is not None
    assert tiles[0]["y"] == tiles[1]["y"]  # side by side, as without the message
    _fits(page)
    ui.shot(page, "forumanak-submit-errors-390")


def test_an_htmx_save_logs_no_csp_violation(login: Any, ui: Any) -> None:
    page = login("sari", ui.PHONE)
    violations = _violations(page)
    cycle = ui.cycle_path(page)
    page.goto(f"{cycle}pertanyaan/2.1/")
    answer = page.locator("#jawaban")
    answer.get_by_role("button", name="Simpan draf").click()
    expect(answer).to_contain_text("Draf jawaban disimpan.")
    # htmx's own indicator <style> would be refused by style-src 'self'; it is turned off.
    assert page.locator("head style").count() == 0
    assert violations == []


def test_the_step_form_shows_the_chosen_steps_fields_only(login: Any, ui: Any) -> None:
    page = login("sari", ui.PHONE)
    violations = _violations(page)
    page.goto("/forum-anak/aspirasi/")
    # Guru BK was discussed in the city's Musrenbang: next it is accepted or declined.
    page.locator("tr", has_text="Guru BK").locator("a").first.click()
    form = page.locator("form.step-form")
    expect(form.get_by_label("Alasan penolakan")).to_be_hidden()
    expect(form.get_by_label("Nama program, kegiatan atau peraturan")).to_be_hidden()
    form.get_by_label("Ditolak dengan alasan").check()
    expect(form.get_by_label("Alasan penolakan")).to_be_visible()
    expect(form.get_by_label("Nama program, kegiatan atau peraturan")).to_be_hidden()
    expect(form.get_by_label("Tingkat Musrenbang")).to_be_hidden()
    form.get_by_label("Diterima menjadi program/kegiatan/peraturan").check()
    expect(form.get_by_label("Nama program, kegiatan atau peraturan")).to_be_visible()
    expect(form.get_by_label("OPD penanggung jawab")).to_be_visible()
    expect(form.get_by_label("Alasan penolakan")).to_be_hidden()
    expect(form.get_by_label("Tanggal")).to_be_visible()
    _fits(page)
    ui.shot(page, "sari-aspiration-step-390")
    assert violations == []
