"""The client address behind a reverse proxy: `layak.wsgi.proxied_application` wraps Django's
application in it for gunicorn (deploy/gunicorn.conf.py).

Only the proxy may say who the client is and whether it spoke HTTPS: from a trusted peer
(LAYAK_PROXY_IPS) the last X-Forwarded-For entry becomes REMOTE_ADDR, so the audit log and the
log-in lockout see the person's address instead of the proxy's; from anyone else the forwarded
headers are dropped, so SECURE_PROXY_SSL_HEADER cannot be spoofed by a client that reaches the
app server directly.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from layak.conf.env import env_list

DEFAULT_PROXIES = ["127.0.0.1", "::1"]
FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")

Environ = dict[str, Any]
WSGIApp = Callable[[Environ, Callable[..., Any]], Iterable[bytes]]


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class ClientAddress:
    """WSGI middleware: trust forwarded headers from the listed proxies only."""

    def __init__(self, app: WSGIApp, proxies: Iterable[str]) -> None:
        self.app = app
        self.proxies = frozenset(proxies)

    def __call__(self, environ: Environ, start_response: Callable[..., Any]) -> Iterable[bytes]:
        peer = environ.get("REMOTE_ADDR") or ""
        # An empty peer is a Unix socket: only local processes with file access reach it.
        if peer and peer not in self.proxies:
            for name in FORWARDED:
                environ.pop(name, None)
            return self.app(environ, start_response)
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it saw; earlier entries are the client's own claim.
        client = forwarded.rsplit(",", 1)[-1].strip()
        if _is_address(client):
            environ["REMOTE_ADDR"] = client
        return self.app(environ, start_response)


def proxied(app: WSGIApp) -> ClientAddress:
    return ClientAddress(app, env_list("LAYAK_PROXY_IPS", DEFAULT_PROXIES))
