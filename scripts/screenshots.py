"""Screenshots of the running app for a look as a user would see it (headless Debian Chromium).

Run: .venv/bin/python scripts/screenshots.py USER PASSWORD PATH [PATH ...] [--width 1280]
Writes PNGs to /tmp/layak-shots/.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("user")
    parser.add_argument("password")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    options = parser.parse_args()
    out = Path("/tmp/layak-shots")  # noqa: S108 - a fixed place to look at the pictures
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": options.width, "height": 900})
        page.goto(f"{options.base}/masuk/")
        page.fill("#id_username", options.user)
        page.fill("#id_password", options.password)
        page.click("button[type=submit]")
        for path in options.paths:
            page.goto(f"{options.base}{path}")
            name = path.strip("/").replace("/", "_") or "home"
            target = out / f"{options.user}-{name}-{options.width}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
