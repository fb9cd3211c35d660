"""Profil Anak in the browser: the secretariat opens Kota Metro's profile from the menu, on a
desktop and on a phone, imports a small extract as a dry run and watches the progress bar
turn into the result without reloading, and a question page shows the data-backed figures.

The test server has no task worker, so the job waits until this test runs one batch of the
queue (`layak run-worker --batch`): the page must show the waiting state first, then update
itself through its one-second htmx poll.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LAYAK = Path(sys.executable).with_name("layak")
OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth + 1"
EXTRACT = (
    "nik;jenis_kelamin;tanggal_lahir;kode_wilayah;akta_kelahiran;kia;disabilitas\n"
    "3172010101080001;L;2020-05-01;18.72.01.1001;Y;T;\n"
    "3172010101080002;P;01-06-2019;18.72.01.1001;Y;Y;Tunarungu\n"
    "3172010101080003;X;15/07/2010;18.72.02.1001;Y;T;\n"
    "3172010101080004;L;1990-01-01;18.72.02.1001;Y;T;\n"
)


def _run_worker_batch(app: Any) -> None:
    """One pass of the task queue in the app's data folder, as `layak run-demo` would run it."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(LAYAK_DATA_DIR=str(app.data_dir), LAYAK_LANGUAGE="id")
    result = subprocess.run(
        [str(LAYAK), "run-worker", "--batch", "--no-startup-delay", "--no-reload"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_profile_from_the_menu_on_desktop_and_phone(login: Any, ui: Any) -> None:
    page = login("sari")
    page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name="Profil Anak"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Profil Anak Kota Metro 2025")
    expect(page.get_by_role("img", name="Piramida penduduk anak 2025")).to_be_visible()
    expect(page.get_by_role("heading", name="Wilayah yang paling tertinggal")).to_be_visible()
    expect(page.get_by_role("link", name="Unduh PDF")).to_be_visible()
    ui.shot(page, "profil-anak-desktop")
    url = page.url

    # The same page in English, through the switch in the header.
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Population pyramid of children")).to_be_visible()
    expect(page.get_by_role("heading", name="Places that lag most")).to_be_visible()
    ui.shot(page, "profil-anak-desktop-en")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", name="Piramida penduduk anak")).to_be_visible()

    phone = login("sari", ui.PHONE)
    phone.goto(url)
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Profil Anak")
    assert phone.evaluate(OVERFLOW), phone.evaluate("document.documentElement.scrollWidth")
    # The legend is page text: as large on a phone as anywhere else.
    legend = phone.locator(".legend li").first
    size = float(legend.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    assert size >= 14
    ui.shot(phone, "profil-anak-phone")


def test_dry_run_import_shows_progress_then_the_result(
    login: Any, ui: Any, app: Any, tmp_path: Path
) -> None:
    extract = tmp_path / "ekstrak-uji.csv"
    extract.write_text(EXTRACT, encoding="utf-8")
    page = login("sari")
    page.goto("/profil-anak/18.72/2025/")
    form = page.locator("#impor")
    form.get_by_label("Berkas").set_input_files(str(extract))
    form.get_by_label("Tahun data").fill("2024")
    form.get_by_label("Lewati baris yang salah dan impor sisanya").check()
    form.get_by_label("Uji coba saja: periksa tanpa menyimpan").check()
    form.get_by_role("button", name="Mulai impor").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Impor Profil Anak")
    expect(page.get_by_role("heading", name="Menunggu giliran")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Kemajuan impor")).to_be_visible()
    ui.shot(page, "profil-anak-import-waiting")

    _run_worker_batch(app)
    # No reload: the one-second poll replaces the waiting card with the result.
    expect(
        page.get_by_role("heading", name="Uji coba selesai: tidak ada yang disimpan")
    ).to_be_visible(timeout=15_000)
    result = page.locator("section.job")
    expect(result).to_contain_text("Jenis kelamin tidak dikenal")
    expect(result.get_by_role("cell", name="4", exact=True).first).to_be_visible()
    assert "3172010101080003" not in page.content()
    ui.shot(page, "profil-anak-import-done")


def test_question_page_shows_profile_support(login: Any, ui: Any) -> None:
    page = login("dewi")
    cycle = ui.cycle_path(page)
    page.goto(f"{cycle}pertanyaan/4.2/")
    support = page.get_by_role("region", name="Data pendukung dari Profil Anak 2025")
    expect(support).to_contain_text("Cakupan akta kelahiran anak 2025")
    expect(support.get_by_role("link", name="Buka Profil Anak 2025")).to_be_visible()
    ui.shot(page, "profil-anak-question-support")
    page.goto(f"{cycle}pertanyaan/25.5/")
    expect(page.get_by_role("region", name="Data pendukung dari Profil Anak 2025")).to_contain_text(
        "Kecamatan dengan cakupan akta kelahiran di atas 90%"
    )
