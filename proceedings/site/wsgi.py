"""WSGI entry point for Jinaq (e.g. `gunicorn proceedings.site.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proceedings.site.settings")
# Serving is production unless said otherwise: without DJANGO_SECRET_KEY the settings refuse.
os.environ.setdefault("DJANGO_DEBUG", "0")
application = get_wsgi_application()
