"""A child of Forum Anak Kota Metro on a small phone (360 px): sends an aspiration with big
touch targets, without sideways scrolling, and finds it on the forum's page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth + 1"
TEXT = "Tolong tambah tempat sampah di taman kota. Banyak sampah plastik di dekat ayunan."


def test_a_child_sends_an_aspiration_from_a_small_phone(login: Any, ui: Any) -> None:
    page = login("forumanak", SMALL_PHONE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aspirasi kami")
    assert page.evaluate(OVERFLOW)
    ui.shot(page, "forumanak-aspirations-360")

    page.get_by_role("link", name="Sampaikan aspirasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sampaikan aspirasi")
    assert page.evaluate(OVERFLOW), page.evaluate("document.documentElement.scrollWidth")
    tile = page.locator("label.topic").filter(has_text="Lingkungan bersih")
    box = tile.bounding_box()
    assert box is not None
    assert box["height"] >= 44
    assert box["width"] >= 44
    tile.click()
    expect(page.get_by_label("Lingkungan bersih")).to_be_checked()
    page.get_by_label("Apa usulanmu?").fill(TEXT)
    page.get_by_label("Di kelurahan mana? (boleh dikosongkan)").select_option(label="Yosomulyo")
    send = page.get_by_role("button", name="Kirim aspirasi")
    send_box = send.bounding_box()
    assert send_box is not None
    assert send_box["height"] >= 44
    ui.shot(page, "forumanak-submit-360")
    send.click()

    page.wait_for_url("**/forum-anak/aspirasiku/")
    expect(page.get_by_text("Terima kasih! Aspirasimu sudah terkirim.")).to_be_visible()
    card = page.locator("article.kid-card").filter(has_text=TEXT)
    expect(card).to_contain_text("Aspirasimu sudah sampai.")
    expect(card.locator(".kid-steps li.done")).to_have_count(1)
    # Older aspirations of the forum show where they stand, in friendly words.
    expect(page.get_by_text("Hore! Aspirasimu dipakai menjadi").first).to_be_visible()
    expect(page.get_by_text("belum bisa diwujudkan").first).to_be_visible()
    assert page.evaluate(OVERFLOW)
    ui.shot(page, "forumanak-sent-360")


def test_sari_sees_the_forum_with_consent_and_the_counts(login: Any, ui: Any) -> None:
    page = login("sari")
    page.goto("/forum-anak/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum Anak Kota Metro")
    ui.shot(page, "sari-forum-groups")
    page.get_by_role("link", name="Forum Anak Kota Metro").click()
    # The secretariat sees each child's consent record (who, when, how).
    expect(page.locator("td.consent", has_text="formulir ditandatangani").first).to_be_visible()
    ui.shot(page, "sari-forum-group")
    page.goto("/forum-anak/aspirasi/")
    expect(page.locator("table.input-counts")).to_be_visible()
    ui.shot(page, "sari-forum-aspirations")
