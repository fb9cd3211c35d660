"""gunicorn settings for Layak behind a reverse proxy (docs/deployment.md).

    gunicorn -c /opt/layak/deploy/gunicorn.conf.py

Each process is stateless: sessions, the task queue and the lockout counters are in the
database, files in LAYAK_DATA_DIR or object storage, so several app servers can share one
proxy. Every value can be changed through the environment (LAYAK_BIND, LAYAK_WEB_WORKERS,
LAYAK_WEB_TIMEOUT, LAYAK_PROXY_IPS).
"""

import multiprocessing
import os

wsgi_app = "layak.wsgi:proxied_application"

# Loopback (or a Unix socket, "unix:/run/layak/web.sock"): only the proxy reaches the app.
bind = [os.environ.get("LAYAK_BIND", "127.0.0.1:8000")]

# Sync workers: the app is database- and CPU-bound. Two per core plus one, at most 12 so a big
# machine does not exhaust PostgreSQL's connections (each worker keeps one open).
workers = int(os.environ.get("LAYAK_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 12)))
worker_class = "sync"
# Reports and PDFs render in the request; imports and bundles go to the background worker.
timeout = int(os.environ.get("LAYAK_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200

# X-Forwarded-Proto and X-Forwarded-For are believed only from these addresses (the proxy);
# layak.conf.proxy applies the same list to the client address Django sees.
forwarded_allow_ips = os.environ.get("LAYAK_PROXY_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# No query strings in the access log: a search may contain a person's name.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
proc_name = "layak-web"


def post_worker_init(worker: object) -> None:
    """Views, translations and templates loaded before a new worker's first request (at start
    and whenever max_requests replaces a worker), so no person waits for them."""
    from layak.wsgi import warm_up

    warm_up()
