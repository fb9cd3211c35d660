"""Browser tests: the real app, started as a user would start it, driven by Debian's Chromium.

No pytest-django database here: its live server flushes tables, which would wipe the demo world
the database tests share. Instead one session-scoped server runs `layak migrate`, `layak run-demo
--no-serve` and `layak runserver` in a temporary data folder on SQLite (the first two only when
no earlier run with the same sources kept that folder: tests/support/dbcache.py), and each test
logs in through the real /masuk/ form in a fresh browser context. Under pytest-xdist each worker
that gets a browser test starts its own server, in its own folder (tmp_path_factory) on a free
port.

Playwright stays alive only per test module: its sync API marks an event loop as running
between calls, which would make Django refuse database work in the tests collected after it.

Without /usr/bin/chromium the tests are skipped, unless LAYAK_REQUIRE_BROWSER is set (CI):
then they fail. A browser is never downloaded.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support import dbcache

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAYAK = Path(sys.executable).with_name("layak")
SHOTS = Path("/tmp/layak-shots")  # noqa: S108 - the fixed place the lead looks at
START_TIMEOUT = 30.0


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium (make unit does) to run them"
    if os.environ.get("LAYAK_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required (LAYAK_REQUIRE_BROWSER) but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], env: dict[str, str], log: Path) -> None:
    result = subprocess.run(
        [str(LAYAK), *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    log.write_text(result.stdout + result.stderr, encoding="utf-8")
    if result.returncode != 0:
        pytest.fail(f"layak {' '.join(args)} failed ({result.returncode}):\n{result.stderr}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@dataclass(frozen=True)
class App:
    """The running app: its address, the demo's shared password and its data folder."""

    base_url: str
    password: str
    data_dir: Path


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    _require_chromium()
    data = tmp_path_factory.mktemp("browser-data")
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "DJANGO_SETTINGS_MODULE",
            "LAYAK_ENV",
            "SECURE_SSL_REDIRECT",
            "DEBUG",
        }
    }
    env.update(LAYAK_DATA_DIR=str(data), LAYAK_LANGUAGE="id", ALLOWED_HOSTS="127.0.0.1,localhost")
    if not dbcache.restore_app_folder(data):  # the folder an earlier run kept, if the same
        _run(["migrate", "--noinput", "--verbosity", "0"], env, data / "migrate.log")
        _run(["run-demo", "--no-serve"], env, data / "demo.log")
        dbcache.keep_app_folder(data)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = (data / "server.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [str(LAYAK), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(f"{base_url}/masuk/"):
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                text = (data / "server.log").read_text(encoding="utf-8")
                pytest.fail(f"layak runserver did not answer on {base_url}:\n{text[-3000:]}")
            time.sleep(0.1)
        password = (data / "demo-password.txt").read_text(encoding="utf-8").strip()
        yield App(base_url, password, data)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser(app: App) -> Iterator[Any]:
    """Chromium for one test module (see the module docstring for why not the session)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


Viewport = dict[str, int]
DESKTOP: Viewport = {"width": 1280, "height": 900}
PHONE: Viewport = {"width": 390, "height": 844}


@pytest.fixture
def new_page(browser: Any, app: App) -> Iterator[Callable[..., Any]]:
    """`new_page(viewport=PHONE)`: a page in a fresh browser context (no shared cookies)."""
    contexts: list[Any] = []

    def make(viewport: Viewport | None = None) -> Any:
        context = browser.new_context(
            base_url=app.base_url, viewport=viewport or DESKTOP, locale="id-ID"
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def login(new_page: Callable[..., Any], app: App) -> Callable[..., Any]:
    """`login("sari")`: a fresh context logged in through the /masuk/ form, on its landing page."""

    def log_in(username: str, viewport: Viewport | None = None) -> Any:
        page = new_page(viewport)
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(app.password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(lambda url: "/masuk/" not in url)
        return page

    return log_in


class Ui:
    """Small helpers the journeys share (the `ui` fixture)."""

    DESKTOP = DESKTOP
    PHONE = PHONE

    @staticmethod
    def cycle_path(page: Any) -> str:
        """'/siklus/N/' of the page the user is on (the demo has one cycle, Kota Metro's)."""
        found = re.search(r"/siklus/\d+/", page.url)
        assert found, f"not inside a cycle: {page.url}"
        return found.group(0)

    @staticmethod
    def shot(page: Any, name: str) -> None:
        """A full-page screenshot for the lead to look at (never asserted)."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"browser-{name}.png"), full_page=True)

    @staticmethod
    def number(text: str) -> float:
        """'1.004,35' (Indonesian, as the points filter writes it) → 1004.35."""
        found = re.search(r"\d[\d.]*(?:,\d+)?", text)
        assert found, f"no number in {text!r}"
        return float(found.group(0).replace(".", "").replace(",", "."))


@pytest.fixture
def ui() -> Ui:
    return Ui()
