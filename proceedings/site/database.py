"""Which PostgreSQL Jinaq talks to: `DATABASE_URL` if set, else the embedded server; and the
streaming replicas of it named by `DATABASE_REPLICA_URLS` (proceedings/site/routers.py reads from them)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

EMBEDDED_ENGINE = "proceedings.site.embedded_postgres"
EMBEDDED_DATABASE_NAME = "jinaq"


def database_config(environ: Mapping[str, str], *, project_root: Path) -> dict:
    """Return Django's DATABASES["default"] for this environment.

    Only PostgreSQL is accepted: search, arrays and constraints rely on it, and tests must run
    against what production runs.
    """
    url = environ.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ValueError(f"DATABASE_URL must point at PostgreSQL, not {config['ENGINE']!r}")
        return config
    pgdata = environ.get("JINAQ_PGDATA") or str(project_root / "var" / "pgdata")
    return {
        "ENGINE": EMBEDDED_ENGINE,
        "NAME": EMBEDDED_DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "PGDATA": pgdata,
        "EMBEDDED_DATABASE": EMBEDDED_DATABASE_NAME,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def replica_database_configs(environ: Mapping[str, str]) -> dict[str, dict]:
    """Return DATABASES entries ("replica_1", "replica_2", …) for `DATABASE_REPLICA_URLS`.

    The value is a comma-separated list of PostgreSQL URLs, each a hot standby of the primary.
    A mistake stops the site at start-up, naming the item — never its password — because a
    replica silently left out would only show later as load on the primary.
    """
    value = environ.get("DATABASE_REPLICA_URLS", "")
    urls = [url.strip() for url in value.split(",") if url.strip()]
    configs = {}
    for number, url in enumerate(urls, start=1):
        item = f"DATABASE_REPLICA_URLS item {number} ({url_without_password(url)})"
        try:
            config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        except ValueError as error:
            raise ImproperlyConfigured(f"{item} is not a database URL: {error}") from None
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured(f"{item} must point at PostgreSQL, not {config['ENGINE']!r}")
        configs[f"replica_{number}"] = config
    return configs


def url_without_password(url: str) -> str:
    scheme, separator, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not separator or not at or ":" not in credentials:
        return url
    return f"{scheme}://{credentials.split(':', 1)[0]}:***@{host}"


def cache_config(environ: Mapping[str, str]) -> dict:
    """Django's CACHES["default"]: Redis when JINAQ_CACHE_URL names one (shared by every worker,
    as the per-client caps of proceedings/site/throttle.py need in production), else memory in this
    process."""
    url = environ.get("JINAQ_CACHE_URL", "").strip()
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jinaq"}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"JINAQ_CACHE_URL must be a redis:// address, not {url!r}")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
