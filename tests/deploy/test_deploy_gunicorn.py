"""Production serving: gunicorn with the shipped configuration, two workers on a loopback port,
production settings, static files collected and served by whitenoise under hashed names; and
forwarded headers believed only from the proxy."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from layak.conf.proxy import ClientAddress

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CONFIG = REPO / "deploy" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data = tmp_path_factory.mktemp("production")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "SECRET_KEY", "DJANGO_", "LAYAK_", "DEBUG"))
    }
    env.update(
        LAYAK_ENV="production",
        LAYAK_DATA_DIR=str(data),
        SECRET_KEY="x" * 20 + "production-test-key-not-for-use-" + "y" * 20,
        ALLOWED_HOSTS="127.0.0.1",
        LAYAK_WEB_WORKERS="2",
    )
    layak = str(BIN / "layak")
    for command in (["collectstatic", "--noinput", "-v0"],):
        done = subprocess.run(
            [layak, *command], env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr
    port = free_port()
    log = (data / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", str(CONFIG), "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=data,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(port, "/static/")
                break
            except OSError:
                assert server.poll() is None, (data / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
                time.sleep(0.2)
        yield {"port": port, "pid": server.pid, "log": data / "gunicorn.log"}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_two_workers_serve_the_login_page_and_hashed_static_files(
    production_server: dict[str, Any],
) -> None:
    port = production_server["port"]
    workers = subprocess.run(
        ["pgrep", "-P", str(production_server["pid"])], capture_output=True, text=True, check=False
    ).stdout.split()
    assert len(workers) == 2

    status, headers, body = get(port, "/masuk/", **{"X-Forwarded-Proto": "https"})
    assert status == 200, body[:500]
    assert "strict-transport-security" in headers
    page = body.decode()
    assert 'name="password"' in page
    css = re.search(r'href="(/static/[^"]*layak\.[0-9a-f]{12}\.css)"', page)
    assert css, "the page must link the hashed stylesheet"

    status, headers, body = get(port, css.group(1), **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["content-type"].startswith("text/css")
    assert "immutable" in headers["cache-control"]  # hashed names are cached for good
    assert b"{" in body


def test_plain_http_from_the_proxy_is_sent_to_https(production_server: dict[str, Any]) -> None:
    status, headers, _ = get(production_server["port"], "/masuk/")
    assert status == 301
    assert headers["location"] == "https://127.0.0.1/masuk/"


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):  # gunicorn closes the connection after a refusal
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "framing",
    [
        b"Content-Length: 44\r\nTransfer-Encoding: chunked\r\n",
        b"Transfer-Encoding: chunked\r\nContent-Length: 44\r\n",
        b"Content-Length: 5\r\nContent-Length: 44\r\n",
        b"Transfer-Encoding: gzip\r\n",
    ],
    ids=["CL.TE", "TE.CL", "CL.CL", "TE-not-chunked"],
)
def test_a_request_with_ambiguous_framing_is_refused_whole(
    production_server: dict[str, Any], framing: bytes
) -> None:
    """ASVS 4.2.1: a body whose length two readers could see differently (the classic request
    smuggling shapes) is answered 400, and what follows it is never read as a second request."""
    smuggled = b"GET /api/v1/cycles HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    request = (
        b"POST /masuk/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
        + framing
        + b"\r\n0\r\n\r\n"
        + smuggled
    )
    answer = _raw(production_server["port"], request)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert answer.count(b"HTTP/1.1 ") == 1, answer


def _seen(proxies: list[str], environ: dict[str, str]) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def app(env: dict[str, Any], start_response: Any) -> list[bytes]:
        seen.update(env)
        return []

    ClientAddress(app, proxies)(dict(environ), lambda *a: None)
    return seen


def test_the_proxy_names_the_client_address() -> None:
    seen = _seen(
        ["10.0.0.5"],
        {
            "REMOTE_ADDR": "10.0.0.5",
            "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9",
            "HTTP_X_FORWARDED_PROTO": "https",
        },
    )
    # The last entry is what the proxy saw; "1.2.3.4" is only the client's claim.
    assert seen["REMOTE_ADDR"] == "203.0.113.9"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "https"


def test_a_client_reaching_the_app_directly_cannot_claim_https_or_an_address() -> None:
    seen = _seen(
        ["10.0.0.5"],
        {
            "REMOTE_ADDR": "198.51.100.7",
            "HTTP_X_FORWARDED_FOR": "10.0.0.1",
            "HTTP_X_FORWARDED_PROTO": "https",
        },
    )
    assert seen["REMOTE_ADDR"] == "198.51.100.7"
    assert "HTTP_X_FORWARDED_PROTO" not in seen
    assert "HTTP_X_FORWARDED_FOR" not in seen
