"""Settings for the test suite: the real settings with a test-only secret and faster hashing.

DEBUG stays off, as in production; only what tests cannot provide (a secret, HTTPS, a
collectstatic manifest) is replaced here.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "jinaq-tests-only-not-secret")

from proceedings.site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # no collectstatic output in tests: files come from the finders

# One test database per test run, so two runs on one server (two terminals, CI beside a
# developer) never drop each other's database.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
DATABASES["progress"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
for replica in JINAQ_READ_REPLICAS:  # noqa: F405 - a suite run with DATABASE_REPLICA_URLS set
    DATABASES[replica]["TEST"] = {"MIRROR": "default"}  # noqa: F405

# The per-client caps would stop a suite that searches hundreds of times a minute from one
# address; tests/test_throttle.py switches them on where they are the subject.
RATELIMIT_ENABLE = False

# Caches in this process's memory whatever the environment says: tests clear them, and clearing a
# shared Redis would wipe someone else's keys. tests/test_page_cache.py asks for Redis itself.
CACHES = {"default": cache_config({}), "pages": page_cache_config({})}  # noqa: F405

# Usage counts kept until a test writes them (articles.usage.usage_flush): no writer thread with
# a connection of its own, and the pages' pinned query counts stay the pages' own.
JINAQ_USAGE_FLUSH_SECONDS = None
