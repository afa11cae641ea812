"""WSGI entry point for Jinaq (e.g. `gunicorn proceedings.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proceedings.settings")
application = get_wsgi_application()
