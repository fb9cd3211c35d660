"""T2: security headers on every HTML page, and no caching of signed-in people's pages."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from websupport import ANONYMOUS, Q_DINKES, walk_urls

pytestmark = pytest.mark.django_db


def header_problems(response: Any, signed_in: bool) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in csp.split(";") if d.strip()}
    if directives.get("frame-ancestors") != "frame-ancestors 'none'":
        problems.append(f"CSP without frame-ancestors 'none': {csp!r}")
    if directives.get("default-src") != "default-src 'self'":
        problems.append(f"CSP default-src: {csp!r}")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append(f"CSP allows inline code: {csp!r}")
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    for name, value in expected.items():
        if response.get(name) != value:
            problems.append(f"{name}: {response.get(name)!r}")
    if signed_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control: {response.get('Cache-Control')!r}")
    return problems


@pytest.mark.parametrize("username", [ANONYMOUS, "sari", "budi", "oki", "vina", "admin", "mitra"])
def test_every_html_page_carries_the_security_headers(
    username: str, login: Callable[[str], Client], target: Callable[..., Any]
) -> None:
    client = login(username)
    client.raise_request_exception = False
    checked, problems = [], []
    for _, name, _ in walk_urls():
        concrete = target(name, username, "own")
        response = client.get(concrete.url)
        if response.streaming:  # a download: checked in test_web_workspace
            b"".join(response.streaming_content)
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        checked.append((name, response.status_code))
        problems += [
            f"{concrete.url} ({response.status_code}): {p}"
            for p in header_problems(response, username != ANONYMOUS)
        ]
    assert not problems, "\n".join(problems)
    assert len(checked) >= 10, checked
    if username == "sari":  # her pages include every kind: forms, lists, the dashboard
        assert sum(1 for _, status in checked if status == 200) == 55, checked


def test_partials_errors_and_refusals_carry_them_too(
    cycle: Any, login: Callable[[str], Client]
) -> None:
    budi = login("budi")
    url = reverse("evaluation:save_answer", args=[cycle.pk, Q_DINKES])
    responses = {
        "htmx partial": budi.post(url, {"value": "80", "version": "1"}, HTTP_HX_REQUEST="true"),
        "refusal (400)": budi.post(url, {"value": "abc", "version": "2"}),
        "not found (404)": budi.get(reverse("evaluation:question", args=[cycle.pk, "4.2"])),
        "forbidden (403)": budi.get(reverse("evaluation:stages", args=[cycle.pk])),
        "htmx list": budi.get(
            reverse("evaluation:questions", args=[cycle.pk]), HTTP_HX_REQUEST="true"
        ),
    }
    assert [r.status_code for r in responses.values()] == [200, 400, 404, 403, 200]
    for label, response in responses.items():
        assert header_problems(response, signed_in=True) == [], label


def test_session_and_csrf_cookies_are_not_readable_by_scripts(world: Any, client: Client) -> None:
    response = client.post("/masuk/", {"username": "sari", "password": world.password})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = client.get("/masuk/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["samesite"] == "Lax"


def test_posts_without_the_csrf_token_are_refused(world: Any, users: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    signing_in = browser.post("/masuk/", {"username": "budi", "password": world.password})
    assert signing_in.status_code == 403
    browser.force_login(users["budi"])
    question = reverse("evaluation:question", args=[world.cycle_id, Q_DINKES])
    url = reverse("evaluation:save_answer", args=[world.cycle_id, Q_DINKES])
    data = {"value": "80", "action": "draf", "version": "1"}
    assert browser.post(url, data).status_code == 403

    page = browser.get(question).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    # htmx sends the token in a header, taken from the page's hx-headers attribute.
    header = re.search(r"hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", page)
    assert header is not None
    htmx = browser.post(url, data, HTTP_X_CSRFTOKEN=header.group(1), HTTP_HX_REQUEST="true")
    assert htmx.status_code == 200
    form = browser.post(url, {**data, "version": "2", "csrfmiddlewaretoken": token.group(1)})
    assert form.status_code == 302


# The security settings as production sets them; read from layak.settings in a subprocess,
# since the settings module is read once per process.
PRODUCTION_SECURITY = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
]


@pytest.fixture(scope="module")
def production_security(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    show = (
        "import json, layak.settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {PRODUCTION_SECURITY!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DJANGO_"))}
    env.pop("DEBUG", None)
    env |= {
        "LAYAK_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "LAYAK_DATA_DIR": str(tmp_path_factory.mktemp("production")),
    }
    result = subprocess.run(
        [sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings: Any, production_security: dict[str, Any]) -> dict[str, Any]:
    for name, value in production_security.items():
        setattr(settings, name, value)
    return production_security


HSTS = "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("username", [ANONYMOUS, "sari"])
def test_with_production_settings_html_pages_add_hsts(
    username: str,
    production: dict[str, Any],
    login: Callable[[str], Client],
    target: Callable[..., Any],
) -> None:
    client = login(username)
    client.raise_request_exception = False
    # The reverse proxy ends HTTPS and says so in X-Forwarded-Proto (docs/security.md).
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    checked, problems, namespaces = 0, [], set()
    for _, name, _ in walk_urls():
        namespace = name.rpartition(":")[0]
        if username != ANONYMOUS and namespace in namespaces:
            continue  # every page is walked above; here one page per app keeps it quick
        concrete = target(name, username, "own")
        response = client.get(concrete.url)
        if response.streaming:
            b"".join(response.streaming_content)
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        checked += 1
        namespaces.add(namespace)
        found = header_problems(response, username != ANONYMOUS)
        if response.get("Strict-Transport-Security") != HSTS:
            found.append(
                f"Strict-Transport-Security: {response.get('Strict-Transport-Security')!r}"
            )
        problems += [f"{concrete.url} ({response.status_code}): {p}" for p in found]
    assert not problems, "\n".join(problems)
    assert checked >= 10


def test_with_production_settings_plain_http_is_sent_to_https(
    production: dict[str, Any], client: Client
) -> None:
    response = client.get("/masuk/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/masuk/"
    assert "Strict-Transport-Security" not in response  # only ever sent over HTTPS


def test_with_production_settings_cookies_are_secure_httponly_and_samesite(
    production: dict[str, Any], world: Any, client: Client
) -> None:
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    page = client.get("/masuk/")
    assert page.status_code == 200
    csrf = page.cookies["csrftoken"]
    assert (csrf["secure"], csrf["samesite"]) == (True, "Lax")
    signing_in = client.post("/masuk/", {"username": "sari", "password": world.password})
    assert signing_in.status_code == 302
    session = signing_in.cookies["sessionid"]
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")
    assert signing_in["Strict-Transport-Security"] == HSTS
