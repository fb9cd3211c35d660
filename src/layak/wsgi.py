"""WSGI entry points: `application` for Django's own server, `proxied_application` for gunicorn
behind the reverse proxy (deploy/gunicorn.conf.py), which believes forwarded headers only from
the proxy (layak.conf.proxy); and `warm_up`, which gunicorn runs in each new worker."""

import logging
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

from layak.conf.proxy import proxied

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
application = get_wsgi_application()
proxied_application = proxied(application)

logger = logging.getLogger(__name__)


def warm_up() -> None:
    """Import every view and ready-evidence provider, read the translations and compile every
    template before the worker takes its first request, which would otherwise pay for them
    (0.7–0.9 s, measured in docs/performance.md). No database access: a worker starts even
    while the database is down. A failure here is logged and left to the request that meets it,
    not fatal to the worker."""
    # Imported here, once the application above has set Django up.
    from django.apps import apps
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    from layak.evidence.ready import providers

    try:
        get_resolver().url_patterns  # noqa: B018 (imports the URL configuration and views)
        providers()  # imported on first use elsewhere (a command needs none)
        for language in ("id", "en"):
            with translation.override(language):
                translation.gettext("Nasional")
        for app in apps.get_app_configs():
            folder = Path(app.path) / "templates"
            for template in sorted(folder.rglob("*.html")):
                get_template(template.relative_to(folder).as_posix())
    except Exception:
        logger.exception("warming up the worker failed; its first requests will do it")
