"""The shipped proxy example (deploy/nginx.conf.example), read as an operator copies it: TLS
1.2 and 1.3 only with forward-secret AEAD suites (ASVS 12.1), plain HTTP moved to HTTPS for
pages but not for the API (4.1.2), and the forwarded headers set, never passed on from the
client (4.1.3). nginx itself is not run here; the suites are named by the local OpenSSL."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.example"


def _servers() -> dict[str, str]:
    """The text of each `server { ... }` block, by the port it listens on."""
    text = EXAMPLE.read_text(encoding="utf-8")
    blocks: dict[str, str] = {}
    for start in re.finditer(r"^server \{$", text, re.MULTILINE):
        depth, end = 0, start.start()
        for end in range(start.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        block = text[start.start() : end + 1]
        port = re.search(r"^\s*listen (\d+)", block, re.MULTILINE)
        assert port is not None, block
        blocks[port.group(1)] = block
    return blocks


def _directive(block: str, name: str) -> str:
    found = re.findall(rf"^\s*{name}\s+([^;]+);", block, re.MULTILINE)
    assert len(found) == 1, (name, found)
    return found[0].strip()


def test_only_tls_1_2_and_1_3_are_offered() -> None:
    assert _directive(_servers()["443"], "ssl_protocols").split() == ["TLSv1.2", "TLSv1.3"]


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_every_tls_1_2_suite_is_forward_secret_aead_the_strongest_first() -> None:
    ciphers = _directive(_servers()["443"], "ssl_ciphers")
    listing = subprocess.run(
        ["openssl", "ciphers", "-v", ciphers], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    suites = [line.split() for line in listing if " TLSv1.2 " in f" {line} "]
    assert len(suites) == len(ciphers.split(":")), listing  # every name is a known suite
    bits = []
    for name, _version, kx, _au, enc, mac in (s[:6] for s in suites):
        assert (kx, mac) == ("Kx=ECDH", "Mac=AEAD"), name
        size = re.search(r"\((\d+)\)$", enc)
        assert size is not None, enc
        bits.append(int(size.group(1)))
    assert bits == sorted(bits, reverse=True)
    assert _directive(_servers()["443"], "ssl_prefer_server_ciphers") == "on"


def test_plain_http_moves_pages_to_https_but_refuses_the_api() -> None:
    plain = _servers()["80"]
    api = re.search(r"location /api/ \{(.*?)\}", plain, re.DOTALL)
    assert api is not None
    assert re.search(r"return 403 ", api.group(1))
    assert "https_required" in api.group(1)
    pages = re.search(r"location / \{(.*?)\}", plain, re.DOTALL)
    assert pages is not None
    assert "return 301 https://$host$request_uri;" in pages.group(1)
    assert "proxy_pass" not in plain  # nothing reaches the app over plain HTTP


def test_the_proxy_sets_the_forwarded_headers_itself() -> None:
    secure = _servers()["443"]
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in secure
    assert "$proxy_add_x_forwarded_for" not in secure  # would pass on the client's own claim
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in secure
    assert "proxy_request_buffering on;" in secure  # bodies reach the app with a length
