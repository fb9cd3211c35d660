"""The public page in a real browser: Pak Joko on a 360 px phone, without an account and
without a mouse. No sideways scrolling; Tab reaches the skip link, the language switch and
every link, each with a visible focus outline; the switch turns the page into English."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 740}
URL = "/publik/18.72/"

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName,
    href: el.getAttribute('href'),
    text: (el.textContent || '').trim(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def test_the_public_page_on_a_small_phone_with_the_keyboard_only(new_page: Any, ui: Any) -> None:
    page = new_page(SMALL_PHONE)
    response = page.goto(URL)
    assert response.status == 200
    assert "max-age=300" in response.headers["cache-control"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ui.shot(page, "public-phone")

    focusables = page.evaluate(
        "Array.from(document.querySelectorAll('a[href], button, summary'))"
        ".filter(e => e.offsetParent !== null).length"
    )
    links = set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"))
    reached: list[dict[str, Any]] = []
    # Scrollable table wrappers are tab stops too (Chromium), hence the generous bound.
    for _ in range(2 * focusables + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if reached and focused["href"] == "#isi":
            break  # round again
        reached.append(focused)
        assert focused["outline"], f"no visible focus on {focused}"
    assert reached[0]["href"] == "#isi", "the skip link comes first"
    assert any(f["tag"] == "BUTTON" and f["text"] == "English" for f in reached)
    assert links <= {f["href"] for f in reached}, "every link is reached with Tab"
    assert any(f["tag"] == "SUMMARY" for f in reached), "the data table opens from the keyboard"

    # The language switch, from the keyboard: focus it and press Enter.
    page.get_by_role("button", name="English").focus()
    # The switch posts and comes back to the same address: wait for the page in English.
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Predicate history")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ui.shot(page, "public-phone-en")


def test_the_public_page_on_a_desktop_and_from_the_login_page(new_page: Any, ui: Any) -> None:
    page = new_page(ui.DESKTOP)
    page.goto("/masuk/")
    page.get_by_role("link", name="Hasil KLA untuk umum, tanpa masuk").click()
    page.get_by_role("link", name="Kota Metro").click()
    page.wait_for_url(f"**{URL}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kota Metro")
    headings = page.eval_on_selector_all("h1, h2, h3", "els => els.map(e => Number(e.tagName[1]))")
    assert all(b - a <= 1 for a, b in pairwise(headings)), headings
    assert page.locator("svg title#skor-title").count() == 1
    ui.shot(page, "public-desktop")
