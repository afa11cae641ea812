"""Django settings for Jinaq. Everything that differs between machines comes from the environment:
DATABASE_URL, DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS (see README)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from proceedings.site.database import (
    cache_config,
    database_config,
    page_cache_config,
    replica_database_configs,
)

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# A machine without a secret key is a developer's: `manage.py anything` works there out of the box,
# in debug mode. A deployment sets the key and gets DEBUG off unless it asks; the WSGI entry point
# (proceedings/site/wsgi.py) defaults DJANGO_DEBUG to off, so a server missing its key refuses to start.
DEBUG = env_bool("DJANGO_DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
    SECRET_KEY = "jinaq-development-only-not-secret"  # used only with DEBUG on

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # its sitemap.xml templates (articles/sitemaps.py)
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "proceedings",
    "articles",
    "authors",
    "proceedings.site.axes_app.SignInAttemptsConfig",  # django-axes: failed admin logins (below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "proceedings.site.outage.DatabaseOutageMiddleware",  # an outage answers 503, not 500
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "proceedings.site.routers.ReplicaReadsMiddleware",  # asks who is signed in: after authentication
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "proceedings.site.middleware.ContentSecurityPolicyMiddleware",
    "proceedings.site.middleware.ClientErrorMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into its page; last, as axes asks
]

ROOT_URLCONF = "proceedings.site.urls"
WSGI_APPLICATION = "proceedings.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "proceedings.site.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ, project_root=BASE_DIR)}
# A second connection to the same database: an import runs in one transaction, and its progress
# must reach the editor's browser before that transaction commits (proceedings/editorial/jobs.py).
DATABASES["progress"] = {**DATABASES["default"]}
# Hot standbys of the primary (DATABASE_REPLICA_URLS, comma-separated): readers' pages read from
# them, editors and every write from the primary (proceedings/site/routers.py, docs/scaling.md).
replicas = replica_database_configs(os.environ)
DATABASES.update(replicas)
JINAQ_READ_REPLICAS = list(replicas)
# Each process keeps its connections 60 s between requests (checked before reuse). Behind PgBouncer
# set DATABASE_CONN_MAX_AGE=0: a request then borrows a pooled server connection (README, Deploying).
for _database in DATABASES.values():
    _database["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", _database["CONN_MAX_AGE"]))
DATABASE_ROUTERS = ["proceedings.site.routers.PrimaryReplicaRouter"]
# After a browser sends a form, its reads stay on the primary this long: longer than replay lag.
JINAQ_READ_PRIMARY_AFTER_WRITE_SECONDS = int(os.environ.get("JINAQ_READ_PRIMARY_AFTER_WRITE_SECONDS", "10"))
# A replica that does not answer is skipped by each process for this long before it is tried again.
JINAQ_REPLICA_RETRY_SECONDS = int(os.environ.get("JINAQ_REPLICA_RETRY_SECONDS", "30"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface speaks the three languages of the articles; Kazakh first.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
# The interface catalogs (kk, ru) live with the project package, not as another top-level folder.
LOCALE_PATHS = [BASE_DIR / "proceedings" / "locale"]
FORMAT_MODULE_PATH = ["proceedings.site.formats"]
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` puts the hashed, compressed files `manage.py serve` needs (README, Deploying).
STATIC_ROOT = Path(os.environ.get("JINAQ_STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Development serves straight from the static folders; production runs `collectstatic` and gets
# hashed, compressed files.
WHITENOISE_USE_FINDERS = DEBUG

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("JINAQ_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Production hardening; `manage.py check --deploy` stays silent when DEBUG is off.
# /healthz answers over plain HTTP too: a proxy or monitor probes it from the machine.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The only login is the admin's: after it (and when `next` points off the site) go to the admin.
LOGIN_REDIRECT_URL = "admin:index"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The importer refuses files over this size (bytes); an editor can raise it per deployment.
JINAQ_IMPORT_MAX_BYTES = int(os.environ.get("JINAQ_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# An upload's file is read in a child process (proceedings/site/bounded.py) that is stopped past
# these: a PDF of more pages (refused before any is read), more seconds for reading the file and
# cutting its articles' PDFs together, more MB of address space (the reader's libraries take
# about 100). An 860-page volume took 35 s to read and 38 s to cut, at 300 MB, on 2 busy cores.
JINAQ_IMPORT_MAX_PAGES = int(os.environ.get("JINAQ_IMPORT_MAX_PAGES", "2000"))
JINAQ_IMPORT_SECONDS = int(os.environ.get("JINAQ_IMPORT_SECONDS", "600"))
JINAQ_IMPORT_MEMORY_MB = int(os.environ.get("JINAQ_IMPORT_MEMORY_MB", "2048"))
# Uploads over 5 MiB go to a temporary file instead of memory; the form refuses anything over
# JINAQ_IMPORT_MAX_BYTES (the front server should cap request bodies a little above it). Stored
# files are never executable.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "proceedings.editorial.uploads.ImportSizeLimitHandler",  # stops keeping a file past the limit above
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o644

# OAI-PMH (articles/oai): the repository identifier is part of every record's identifier
# (oai:<it>:article/<id>), so set it once, before the first harvest, to the site's domain name.
# JINAQ_BASE_URL: the site's public address (https://jinaq.example.kz) for the records' links;
# empty: the address the request came to. A list sends JINAQ_OAI_PAGE_SIZE records a page.
JINAQ_BASE_URL = os.environ.get("JINAQ_BASE_URL", "")
JINAQ_OAI_REPOSITORY_IDENTIFIER = os.environ.get("JINAQ_OAI_REPOSITORY_IDENTIFIER", "jinaq.local")
JINAQ_OAI_REPOSITORY_NAME = os.environ.get("JINAQ_OAI_REPOSITORY_NAME", "Jinaq")
JINAQ_OAI_ADMIN_EMAIL = os.environ.get("JINAQ_OAI_ADMIN_EMAIL", "admin@jinaq.local")
JINAQ_OAI_PAGE_SIZE = int(os.environ.get("JINAQ_OAI_PAGE_SIZE", "100"))

# Uploaded volumes are imported by a worker (`manage.py worker`, started by `start` and `serve`;
# a deployment runs it beside the web server) reading the queue from PostgreSQL. It must be the
# database backend: the upload queues its import inside its own transaction (proceedings/editorial/jobs.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker's heartbeat file, which /healthz reads (proceedings/site/worker.py, health.py),
# and the free space under MEDIA_ROOT below which /healthz reports trouble.
JINAQ_WORKER_HEARTBEAT = Path(
    os.environ.get("JINAQ_WORKER_HEARTBEAT", BASE_DIR / "var" / "worker-heartbeat.json")
)
JINAQ_HEALTH_MIN_FREE_MEDIA_MB = int(os.environ.get("JINAQ_HEALTH_MIN_FREE_MEDIA_MB", "500"))

# Django's cache: per process, unless REDIS_URL (or its older name JINAQ_CACHE_URL) names a Redis
# server shared by every worker (redis://host:6379/0). The per-client caps below count in
# "default"; public pages for anonymous readers are kept in "pages" (proceedings/site/page_cache.py),
# which JINAQ_PAGE_CACHE=0 switches off.
CACHES = {"default": cache_config(os.environ), "pages": page_cache_config(os.environ)}
JINAQ_PAGE_CACHE = env_bool("JINAQ_PAGE_CACHE", default=True)

# Anonymous searches and citation exports per client (proceedings/site/throttle.py): '<count>/<s|m|h>'.
RATELIMIT_ENABLE = env_bool("JINAQ_RATE_LIMITS", default=True)
JINAQ_SEARCH_RATE = os.environ.get("JINAQ_SEARCH_RATE", "300/m")
JINAQ_EXPORT_RATE = os.environ.get("JINAQ_EXPORT_RATE", "60/m")
RATELIMIT_FAIL_OPEN = True  # a cache that is down must not lock readers out
# Reverse proxies in front of the site that append to X-Forwarded-For (0: clients connect directly).
JINAQ_TRUSTED_PROXIES = int(os.environ.get("JINAQ_TRUSTED_PROXIES", "0"))

# Failed admin logins (django-axes, counted in the database so every worker sees them): after
# JINAQ_LOGIN_FAILURE_LIMIT failures for one account, or from one client address (the caps' own,
# so X-Forwarded-For counts only behind JINAQ_TRUSTED_PROXIES), signing in is refused for
# JINAQ_LOGIN_COOLOFF_MINUTES (proceedings/site/login_lockout.py). An administrator lifts it sooner
# in the admin (Sign-in attempts → Access attempts) or with `manage.py axes_reset_username NAME` (README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out login before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("JINAQ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("JINAQ_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_CLIENT_IP_CALLABLE = "proceedings.site.throttle.client_network"
AXES_LOCKOUT_CALLABLE = "proceedings.site.login_lockout.lockout_response"
# Attempts during a lockout do not restart it: the pause ends when its page said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False  # no banner on every manage.py command

# Usage statistics (articles/usage.py) gather in each process and are written this often, in
# seconds; 0 writes each count as it comes.
JINAQ_USAGE_FLUSH_SECONDS = int(os.environ.get("JINAQ_USAGE_FLUSH_SECONDS", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
