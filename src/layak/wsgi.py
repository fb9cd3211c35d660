"""WSGI entry points: `application` for Django's own server, `proxied_application` for gunicorn
behind the reverse proxy (deploy/gunicorn.conf.py), which believes forwarded headers only from
the proxy (layak.conf.proxy)."""

import os

from django.core.wsgi import get_wsgi_application

from layak.conf.proxy import proxied

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "layak.settings")
application = get_wsgi_application()
proxied_application = proxied(application)
