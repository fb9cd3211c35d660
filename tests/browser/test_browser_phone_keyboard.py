"""On a phone and with the keyboard: no sideways scrolling, a log-in without a mouse, and a
label for every form control."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Read-only here: 10.6 is unanswered (answer and upload forms), 26.12 is answered per
# kelurahan (one form per unit), 12.3 carries the verifier's form.
UNANSWERED = "10.6"
PER_UNIT = "26.12"
VERIFIED = "12.3"

OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth + 1"

UNLABELLED = """() => {
  const named = (el) => {
    const aria = (el.getAttribute('aria-label') || '').trim();
    if (aria) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (ids.length && ids.every((id) => (document.getElementById(id)?.textContent || '').trim()))
      return true;
    const wrapping = el.closest('label');
    if (wrapping && wrapping.textContent.trim()) return true;
    if (el.id) {
      const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (label && label.textContent.trim()) return true;
    }
    return false;
  };
  const controls = Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((el) => el.type !== 'hidden' && !el.hidden);
  return {
    checked: controls.length,
    unlabelled: controls.filter((el) => !named(el)).map((el) => el.outerHTML.slice(0, 160)),
  };
}"""


def test_login_with_keyboard_only(new_page: Any, app: Any, ui: Any) -> None:
    page = new_page(ui.PHONE)
    page.goto("/masuk/")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(10):  # skip link, brand, language switch, ... then the user name
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_username":
            break
    assert page.evaluate("document.activeElement.id") == "id_username"
    page.keyboard.type("sari")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password"
    page.keyboard.type(app.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/masuk/" not in url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")


def test_phone_pages_do_not_scroll_sideways(login: Any, ui: Any) -> None:
    page = login("sari", ui.PHONE)
    cycle = ui.cycle_path(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Metro")
    assert page.evaluate(OVERFLOW), page.evaluate("document.documentElement.scrollWidth")
    ui.shot(page, "sari-dashboard-phone")
    for path, name in (
        (f"pertanyaan/{UNANSWERED}/", "sari-question-phone"),
        (f"pertanyaan/{PER_UNIT}/", "sari-question-per-unit-phone"),
        ("pertanyaan/", "sari-questions-phone"),
    ):
        page.goto(cycle + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate(OVERFLOW), (
            path,
            page.evaluate("document.documentElement.scrollWidth"),
        )
        ui.shot(page, name)


def test_question_page_controls_have_labels(login: Any, ui: Any) -> None:
    sari = login("sari")
    cycle = ui.cycle_path(sari)
    vina = login("vina")
    for page, code in ((sari, UNANSWERED), (sari, PER_UNIT), (vina, VERIFIED)):
        page.goto(f"{cycle}pertanyaan/{code}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"{code} · ")
        found = page.evaluate(UNLABELLED)
        assert found["checked"] >= 4, (code, found)
        assert found["unlabelled"] == [], (code, found["unlabelled"])
    ui.shot(vina, "vina-question")
