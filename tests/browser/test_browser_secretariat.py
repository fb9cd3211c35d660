"""The secretariat's day: dashboard, the plan, answering, evidence, and locking a stage."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from layak.demo.pdf import sample_pdf

pytestmark = pytest.mark.browser

# Left unanswered by the demo: a yes/no question worth 4 points (DP3AP2KB, Dinsos). No other
# browser journey touches it, so the tests may run in any order.
QUESTION = "8.7"
MAX_POINTS = 4.0
STAGE = "Verifikasi administrasi"


def _card(page: Any, heading: str) -> Any:
    summary = page.get_by_role("region", name="Ringkasan nilai")
    return summary.locator(".card", has=page.get_by_role("heading", name=heading, exact=True))


def _kpi(page: Any, ui: Any, heading: str) -> float:
    return float(ui.number(_card(page, heading).locator(".kpi").inner_text()))


def _dashboard(page: Any) -> None:
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Dasbor").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")


def _stage_section(page: Any) -> Any:
    return page.locator("section.card", has=page.get_by_role("heading", name=STAGE, exact=True))


def _unlock_if_locked(page: Any, cycle: str) -> None:
    """Leave the stage open for the other journeys even when this one failed half-way."""
    page.goto(f"{cycle}tahap/")
    section = _stage_section(page)
    if section.get_by_role("button", name="Buka kunci").count():
        section.get_by_label("Alasan").fill("pemulihan setelah uji peramban")
        section.get_by_role("button", name="Buka kunci").click()


def test_secretariat_dashboard_answer_evidence_and_lock(
    login: Any, ui: Any, tmp_path: Path
) -> None:
    page = login("sari")
    cycle = ui.cycle_path(page)

    # Lands on Kota Metro's dashboard: three scores side by side, all Nindya.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")
    self_before = _kpi(page, ui, "Penilaian mandiri")
    projected_before = _kpi(page, ui, "Proyeksi terverifikasi")
    verified = _kpi(page, ui, "Terverifikasi")
    for heading, score in (
        ("Penilaian mandiri", self_before),
        ("Proyeksi terverifikasi", projected_before),
        ("Terverifikasi", verified),
    ):
        expect(_card(page, heading).locator(".predicate")).to_have_text("Nindya")
        assert 701 <= score < 801, (heading, score)
    assert projected_before <= self_before

    # The gap plan toward Utama, as a table of actions.
    plan = page.locator("section.card", has=page.get_by_role("heading", name=re.compile("Utama")))
    expect(plan.get_by_role("heading", level=2)).to_have_text("Jalan termurah menuju Utama")
    expect(plan).to_contain_text("Kurang")
    plan_rows = plan.locator("tbody tr")
    assert plan_rows.count() >= 3
    ui.shot(page, "sari-dashboard")

    # Opens a question from the plan.
    first = plan_rows.first.get_by_role("link")
    code = first.inner_text().strip()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{code} · ")
    expect(page.get_by_role("heading", name="Jawaban", exact=True)).to_be_visible()
    ui.shot(page, "sari-question-from-plan")

    # Finds an unanswered question through the list's status filter.
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pertanyaan").click()
    page.get_by_label("Status").select_option(label="Belum dijawab")
    expect(page).to_have_url(re.compile(r"status=belum"))
    table = page.locator("#tabel")
    expect(table.locator('td[data-label="Status"]', has_not_text="Belum dijawab")).to_have_count(0)
    table.get_by_role("link", name=QUESTION, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{QUESTION} · ")
    answer = page.locator("#jawaban")
    expect(answer).to_contain_text("Belum dijawab.")

    # A draft first, then the answer is submitted; both through htmx, without a reload.
    answer.get_by_role("radio", name=re.compile(r"^Ya\b")).check()
    answer.get_by_label("Catatan", exact=True).fill("Inovasi layanan keluarga sudah berjalan.")
    answer.get_by_role("button", name="Simpan draf").click()
    expect(answer).to_contain_text("Draf jawaban disimpan.")
    expect(answer.locator(".badge")).to_have_text("Draf")
    answer.get_by_role("button", name="Ajukan").click()
    expect(answer).to_contain_text("Jawaban diajukan.")
    expect(answer.locator(".badge")).to_have_text("Diajukan")
    expect(answer).to_contain_text("Tercatat: Ya → 4 / 4 poin")

    # The dashboard shows it at once: the self-assessment rises by the question's maximum; the
    # projection waits for evidence.
    _dashboard(page)
    assert _kpi(page, ui, "Penilaian mandiri") == pytest.approx(self_before + MAX_POINTS)
    assert _kpi(page, ui, "Proyeksi terverifikasi") == pytest.approx(projected_before)

    # Evidence: a PDF uploaded through the form is listed, and the projection counts it.
    pdf = tmp_path / "inovasi-layanan-keluarga.pdf"
    pdf.write_bytes(sample_pdf(["Laporan inovasi lembaga layanan keluarga", "uji peramban"]))
    page.goto(f"{cycle}pertanyaan/{QUESTION}/")
    evidence = page.locator("section", has=page.get_by_role("heading", name="Bukti dukung"))
    expect(evidence).to_contain_text("Belum ada bukti.")
    evidence.get_by_label("Judul dokumen").fill("Laporan inovasi layanan keluarga")
    evidence.get_by_label(re.compile("^Berkas")).set_input_files(pdf)
    evidence.get_by_role("button", name="Unggah bukti").click()
    expect(page.locator(".messages")).to_contain_text("1 berkas bukti ditambahkan.")
    expect(evidence.get_by_role("link", name="Laporan inovasi layanan keluarga")).to_be_visible()
    expect(evidence).to_contain_text("PDF")
    ui.shot(page, "sari-question-answered")
    _dashboard(page)
    assert _kpi(page, ui, "Proyeksi terverifikasi") == pytest.approx(projected_before + MAX_POINTS)

    # Locks the administrative verification with a reason, sees the lock, then unlocks it.
    try:
        page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Tahap").click()
        section = _stage_section(page)
        section.get_by_label("Alasan").fill("Rapat pleno gugus tugas")
        section.get_by_role("button", name="Kunci tahap").click()
        expect(page.locator(".messages")).to_contain_text("Tahap dikunci.")
        expect(section.locator(".notice")).to_contain_text("Dikunci oleh")
        expect(section.locator(".notice")).to_contain_text("Rapat pleno gugus tugas")
        expect(section.get_by_role("button", name="Buka kunci")).to_be_visible()
        ui.shot(page, "sari-stages-locked")
        _dashboard(page)
        schedule = page.locator("li", has_text=STAGE)
        expect(schedule.locator(".badge")).to_have_text("dikunci")

        page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Tahap").click()
        section.get_by_label("Alasan").fill("Pleno selesai, verifikasi dilanjutkan")
        section.get_by_role("button", name="Buka kunci").click()
        expect(page.locator(".messages")).to_contain_text("Kunci tahap dibuka.")
        expect(section.locator(".notice")).to_have_count(0)
        expect(section.get_by_role("button", name="Kunci tahap")).to_be_visible()
        history = page.locator("section", has=page.get_by_role("heading", name="Riwayat kunci"))
        expect(history).to_contain_text("Rapat pleno gugus tugas")
        expect(history).to_contain_text("Pleno selesai, verifikasi dilanjutkan")
        ui.shot(page, "sari-stages")
    finally:
        _unlock_if_locked(page, cycle)
