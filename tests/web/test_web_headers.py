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

from tests.support.people import ANONYMOUS
from tests.web.websupport import Q_DINKES, header_problems, walk_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/static/layak/layak.css", "/static/layak/htmx.min.js"])
def test_static_files_carry_the_headers_and_no_cors_grant(client: Client, path: str) -> None:
    response = client.get(path, HTTP_ORIGIN="https://contoh.example")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert header_problems(response, signed_in=False) == []
    assert 'charset="utf-8"' in response["Content-Type"]
    assert "Access-Control-Allow-Origin" not in response


def test_no_response_lets_another_origin_read_it(
    users: dict[str, Any], login: Callable[[str], Client]
) -> None:
    """ASVS 3.4.2: Layak sends no CORS header, so a script on another site reads nothing,
    and a preflight for the API (the token header is not CORS-safelisted) is refused."""
    from layak.api.tokens import create_token

    _, token = create_token(users["sari"], "uji cors")
    evil = {"HTTP_ORIGIN": "https://contoh.example"}
    client = login("sari")
    responses = {
        "page": client.get("/", **evil),
        "public page": Client().get("/publik/", **evil),
        "api": Client().get("/api/v1/cycles", HTTP_AUTHORIZATION=f"Bearer {token}", **evil),
        "open data": Client().get("/api/v1/open-data/18.72.json", **evil),
        "preflight": Client().options(
            "/api/v1/cycles",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
            **evil,
        ),
    }
    assert [r.status_code for r in responses.values()] == [302, 200, 200, 200, 405]
    for label, response in responses.items():
        granted = [h for h in response.headers if h.lower().startswith("access-control-")]
        assert granted == [], label
        if label.startswith(("api", "open")):
            assert response["Content-Type"] == "application/json; charset=utf-8", label


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
    assert (csrf["httponly"], csrf["samesite"]) == (True, "Lax")
    language = client.post("/bahasa/", {"language": "en"}).cookies["django_language"]
    assert (language["httponly"], language["samesite"]) == (True, "Lax")


def test_layak_sets_no_other_cookie(world: Any, client: Client) -> None:
    """A confirmation message lives in the session, not in a cookie of its own."""
    client.post("/masuk/", {"username": "budi", "password": world.password})
    client.post("/bahasa/", {"language": "id"})
    url = reverse("evaluation:save_answer", args=[world.cycle_id, Q_DINKES])
    saved = client.post(url, {"value": "80", "action": "draf", "version": "1"}, follow=True)
    assert saved.redirect_chain
    assert 'class="messages"' in saved.content.decode()
    assert set(client.cookies) == {"sessionid", "csrftoken", "django_language"}


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
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_REDIRECT_EXEMPT",
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
            continue  # the access matrix checks every page; here one page per app
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


def test_with_production_settings_the_api_refuses_plain_http_instead_of_redirecting(
    production: dict[str, Any], client: Client
) -> None:
    """ASVS 4.1.2: only pages are redirected to HTTPS (above); a client that sent its token
    over plain HTTP gets a refusal, so the mistake shows."""
    for path in ("/api/v1/cycles", "/api/v1/docs", "/api/v1/open-data/18.72.json"):
        plain = client.get(path, HTTP_AUTHORIZATION="Bearer lyk_terkirim-lewat-http")
        assert plain.status_code == 403, path
        assert "Location" not in plain
        assert plain.json()["error"]["code"] == "https_required"
    secure = client.get("/api/v1/cycles", HTTP_X_FORWARDED_PROTO="https")
    assert secure.status_code == 401  # on to the token check


def _host_only(cookie: Any) -> tuple[Any, ...]:
    """What a __Host- cookie needs: Secure, path /, no Domain; and here HttpOnly and Lax."""
    return tuple(cookie[k] for k in ("secure", "path", "domain", "httponly", "samesite"))


def test_with_production_settings_cookies_are_secure_httponly_and_samesite(
    production: dict[str, Any], world: Any, client: Client
) -> None:
    """ASVS 3.3.1-3.3.4: every cookie Layak sets is Secure, HttpOnly, SameSite=Lax and named
    __Host-, so another site of the same domain can neither read nor replace it."""
    client.defaults["HTTP_X_FORWARDED_PROTO"] = "https"
    page = client.get("/masuk/")
    assert page.status_code == 200
    assert _host_only(page.cookies["__Host-csrftoken"]) == (True, "/", "", True, "Lax")
    signing_in = client.post("/masuk/", {"username": "sari", "password": world.password})
    assert signing_in.status_code == 302
    assert _host_only(signing_in.cookies["__Host-sessionid"]) == (True, "/", "", True, "Lax")
    assert signing_in["Strict-Transport-Security"] == HSTS
    switching = client.post("/bahasa/", {"language": "en"})
    assert _host_only(switching.cookies["__Host-language"]) == (True, "/", "", True, "Lax")
    assert '<html lang="en">' in client.get(reverse("accounts:password")).content.decode()
    assert set(client.cookies) == {"__Host-csrftoken", "__Host-sessionid", "__Host-language"}
